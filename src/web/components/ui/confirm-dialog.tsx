import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './button';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Destructive actions get the red button. */
  destructive?: boolean;
  pending?: boolean;
  /** Shown inside the dialog, so a failure does not close it and lose the context. */
  error?: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * A modal confirmation on the native <dialog>: focus moves in and back, Escape cancels, the page
 * behind is inert. The cancel button gets focus first so Enter never destroys by accident.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, children, confirmLabel, destructive, pending, error, onConfirm, onClose } = props;
  return (
    <Modal open={open} title={title} onClose={onClose}>
      <div className="space-y-3 text-sm text-foreground/90">{children}</div>
      {error ? <div className="mt-4">{error}</div> : null}
      <div className="mt-6 flex justify-end gap-2">
        {/* The safe choice takes focus when the dialog opens, so Enter never destroys by accident. */}
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- <dialog> reads autofocus to place initial focus */}
        <Button variant="secondary" onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant={destructive ? 'destructive' : 'primary'} onClick={onConfirm} disabled={pending}>
          {pending ? 'Working…' : confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}

export function Modal({
  open,
  title,
  onClose,
  children,
  className,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}) {
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
      className={
        className ??
        'm-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-border bg-surface p-6 text-surface-foreground shadow-xl backdrop:bg-black/50'
      }
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
