import { cva, type VariantProps } from 'class-variance-authority';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { cn } from '../../lib/cn';

const modalVariants = cva(
  'm-auto rounded-lg border border-border bg-surface p-6 text-surface-foreground shadow-xl backdrop:bg-black/50',
  {
    variants: {
      size: {
        md: 'w-[min(32rem,calc(100vw-2rem))]',
        /** For a form with several fields side by side. */
        lg: 'w-[min(36rem,calc(100vw-2rem))]',
      },
    },
    defaultVariants: { size: 'md' },
  },
);

interface ModalProps extends VariantProps<typeof modalVariants> {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}

/**
 * A modal dialog on the native <dialog>: focus moves in and back, Escape cancels, the page behind is
 * inert. Its content is mounted only while open, so each opening starts afresh.
 */
export function Modal({ open, title, onClose, children, size, className }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      // Closing from here (the effect above) fires 'close' too; only a close the page did not ask for counts.
      onClose={() => {
        if (open) onClose();
      }}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={cn(modalVariants({ size }), className)}
    >
      {open ? (
        <>
          <h2 id={titleId} className="mb-4 text-lg font-semibold">
            {title}
          </h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
