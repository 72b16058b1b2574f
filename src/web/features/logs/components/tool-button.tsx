import type { ComponentProps, ReactNode } from 'react';
import { Link } from 'react-router';
import { cn } from '../../../lib/cn';

/** A compact toolbar button: an icon, a label that hides on narrow screens, and a tooltip. */
export function ToolButton({
  icon,
  label,
  pressed,
  showLabel = 'md',
  className,
  ...props
}: Omit<ComponentProps<'button'>, 'children'> & {
  icon: ReactNode;
  label: string;
  pressed?: boolean;
  /** From which width the label shows next to the icon; 'never' for icon-only buttons. */
  showLabel?: 'always' | 'sm' | 'md' | 'lg' | 'never';
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      title={props.title ?? label}
      className={cn(
        'inline-flex h-8 shrink-0 items-center justify-center gap-1.5 rounded-md px-2 text-[13px] font-medium text-foreground transition-colors hover:bg-muted disabled:pointer-events-none disabled:opacity-45 [&_svg]:size-4 [&_svg]:shrink-0',
        pressed && 'bg-accent text-accent-foreground hover:bg-accent/80',
        className,
      )}
      {...props}
    >
      {icon}
      <span
        className={cn(
          showLabel === 'never' && 'sr-only',
          showLabel === 'sm' && 'sr-only sm:not-sr-only',
          showLabel === 'md' && 'sr-only md:not-sr-only',
          showLabel === 'lg' && 'sr-only lg:not-sr-only',
        )}
      >
        {label}
      </span>
    </button>
  );
}

/** A link styled as a toolbar button (full window and back). */
export function ToolLink({
  to,
  icon,
  label,
  showLabel = 'lg',
}: {
  to: string;
  icon: ReactNode;
  label: string;
  showLabel?: 'lg' | 'never';
}) {
  return (
    <Link
      to={to}
      title={label}
      className="inline-flex h-8 shrink-0 items-center justify-center gap-1.5 rounded-md px-2 text-[13px] font-medium text-foreground hover:bg-muted [&_svg]:size-4"
    >
      {icon}
      <span className={showLabel === 'never' ? 'sr-only' : 'sr-only lg:not-sr-only'}>{label}</span>
    </Link>
  );
}
