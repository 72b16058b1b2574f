import { useEffect, useId, useRef, useState } from 'react';
import type { SessionStatus } from '@contract';
import { cn } from '../../../lib/cn';
import { STATUS_INFO, type StatusTone } from '../model/status-info';

const TONE: Record<StatusTone, { badge: string; dot: string }> = {
  progress: { badge: 'border-primary/30 bg-primary/10 text-accent-foreground', dot: 'bg-primary' },
  success: { badge: 'border-success/30 bg-success/10 text-foreground', dot: 'bg-success' },
  neutral: { badge: 'border-border bg-muted text-muted-foreground', dot: 'bg-muted-foreground/70' },
  danger: { badge: 'border-destructive/35 bg-destructive/10 text-foreground', dot: 'bg-destructive' },
  warning: { badge: 'border-warning/35 bg-warning/10 text-foreground', dot: 'bg-warning' },
};

interface Position {
  top: number;
  left: number;
}

/**
 * A status with its meaning on hover, on keyboard focus and on tap. The meaning is also the button's
 * description, so a screen reader hears it without opening anything. The tip is fixed-positioned so a
 * horizontally scrolling table does not clip it.
 */
export function StatusBadge({ status, className }: { status: SessionStatus; className?: string }) {
  const info = STATUS_INFO[status];
  const tone = TONE[info.tone];
  const tipId = useId();
  const anchor = useRef<HTMLButtonElement>(null);
  const [position, setPosition] = useState<Position | null>(null);

  const show = () => {
    const rect = anchor.current?.getBoundingClientRect();
    if (!rect) return;
    const width = 256;
    const left = Math.min(Math.max(8, rect.left), window.innerWidth - width - 8);
    setPosition({ top: rect.bottom, left });
  };
  const hide = () => setPosition(null);

  // A fixed tip would float away from its badge when anything scrolls, so it goes instead.
  const open = position !== null;
  useEffect(() => {
    if (!open) return;
    const close = () => setPosition(null);
    window.addEventListener('scroll', close, { capture: true, passive: true });
    window.addEventListener('resize', close);
    return () => {
      window.removeEventListener('scroll', close, { capture: true });
      window.removeEventListener('resize', close);
    };
  }, [open]);

  return (
    <span className="inline-flex" onMouseEnter={show} onMouseLeave={hide}>
      <button
        ref={anchor}
        type="button"
        aria-describedby={tipId}
        onFocus={show}
        onBlur={hide}
        onClick={() => (position ? hide() : show())}
        onKeyDown={(e) => {
          // Dismissable without moving focus (WCAG 1.4.13).
          if (e.key === 'Escape' && position) {
            e.stopPropagation();
            hide();
          }
        }}
        className={cn(
          'inline-flex h-6 cursor-help items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium whitespace-nowrap',
          tone.badge,
          className,
        )}
      >
        <span aria-hidden="true" className="relative flex size-2">
          {info.busy ? (
            <span
              className={cn('absolute inline-flex size-full animate-ping rounded-full opacity-60', tone.dot)}
            />
          ) : null}
          <span className={cn('relative inline-flex size-2 rounded-full', tone.dot)} />
        </span>
        {info.label}
      </button>
      {/* Always in the DOM so aria-describedby resolves; shown only while hovered or focused. */}
      <span
        id={tipId}
        role="tooltip"
        hidden={!position}
        style={position ? { top: position.top, left: position.left } : undefined}
        className="fixed z-50 w-64 pt-1.5"
      >
        <span className="block rounded-md border bg-surface px-3 py-2 text-left text-xs leading-relaxed font-normal whitespace-normal text-surface-foreground shadow-lg">
          <span className="font-semibold">{info.label}:</span> {info.meaning}
        </span>
      </span>
    </span>
  );
}
