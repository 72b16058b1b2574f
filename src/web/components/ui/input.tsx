import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';

/** Shared by every text-like control, so inputs, selects and text areas line up and show errors alike. */
export const controlClass = cn(
  'w-full min-w-0 rounded-md border border-input bg-surface px-3 text-sm text-surface-foreground shadow-xs transition-colors',
  'placeholder:text-muted-foreground/80 disabled:cursor-not-allowed disabled:opacity-60',
  'focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40',
  'aria-invalid:border-destructive aria-invalid:focus-visible:outline-destructive/40',
);

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(controlClass, 'h-9', className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea className={cn(controlClass, 'min-h-20 py-2 leading-relaxed', className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(controlClass, 'h-9 pr-8', className)} {...props} />;
}

export function Checkbox({ className, ...props }: Omit<ComponentProps<'input'>, 'type'>) {
  return (
    <input
      type="checkbox"
      className={cn('size-4 shrink-0 rounded border-input accent-primary', className)}
      {...props}
    />
  );
}
