import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';

const kbdVariants = cva('rounded border bg-surface text-[11px]', {
  variants: {
    variant: {
      /** A key named in running text ("Enter open · Backspace up"). */
      text: 'px-1 py-px font-sans text-foreground/80 shadow-xs',
      /** A key hint inside a field, such as the / of the header's search box. */
      hint: 'px-1.5 font-mono text-muted-foreground',
    },
  },
  defaultVariants: { variant: 'text' },
});

/** A key of the keyboard, as a small keycap. */
export function Kbd({
  className,
  variant,
  ...props
}: ComponentProps<'kbd'> & VariantProps<typeof kbdVariants>) {
  return <kbd className={cn(kbdVariants({ variant }), className)} {...props} />;
}
