import { cva, type VariantProps } from 'class-variance-authority';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { cn } from '../../lib/cn';
import { useHotkey } from '../../lib/hooks/use-hotkey';

const panelVariants = cva(
  'absolute top-full z-30 mt-1.5 w-64 rounded-lg border bg-surface p-1.5 text-sm text-surface-foreground shadow-lg',
  {
    variants: {
      /** Which edge of the button the panel lines up with. */
      align: { start: 'left-0', end: 'right-0' },
    },
    defaultVariants: { align: 'end' },
  },
);

interface PopoverProps extends VariantProps<typeof panelVariants> {
  /** Renders the button that opens it; spread the props onto a <button>. */
  trigger: (props: {
    id: string;
    'aria-expanded': boolean;
    'aria-controls': string;
    onClick: () => void;
  }) => ReactNode;
  children: (close: () => void) => ReactNode;
  label: string;
  className?: string;
}

/**
 * A small non-modal panel under a button (a disclosure, not an ARIA menu): Escape or a click outside
 * closes it and focus goes back to the button.
 */
export function Popover({ trigger, children, label, align, className }: PopoverProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const triggerId = `${id}-trigger`;
  const root = useRef<HTMLDivElement>(null);
  // By id rather than a ref: `close` is handed to children during render, where refs must not be read.
  const focusTrigger = () => document.getElementById(triggerId)?.focus();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);
  useHotkey(
    (e) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      focusTrigger();
    },
    { enabled: open },
  );

  const close = () => {
    setOpen(false);
    focusTrigger();
  };

  return (
    <div ref={root} className="relative">
      {trigger({
        id: triggerId,
        'aria-expanded': open,
        'aria-controls': id,
        onClick: () => setOpen((o) => !o),
      })}
      <div
        id={id}
        role="group"
        aria-label={label}
        hidden={!open}
        className={cn(panelVariants({ align }), className)}
      >
        {open ? children(close) : null}
      </div>
    </div>
  );
}

/** A full-width row button inside a popover. */
export function PopoverItem({
  children,
  onClick,
  disabled,
  hint,
}: {
  children: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  hint?: string;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className="flex w-full items-center gap-2.5 rounded-md px-2.5 py-1.5 text-left hover:bg-muted disabled:pointer-events-none disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-muted-foreground"
    >
      {children}
      {hint ? <span className="ml-auto text-xs text-muted-foreground">{hint}</span> : null}
    </button>
  );
}

export function PopoverHeading({ children }: { children: ReactNode }) {
  return <p className="px-2.5 pt-1.5 pb-1 text-xs font-medium text-muted-foreground">{children}</p>;
}
