import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';

const frameVariants = cva('rounded-lg border bg-surface shadow-xs', {
  variants: {
    /**
     * `scroll` keeps every column and lets a narrow screen swipe sideways; `relative` makes the frame the
     * containing block of visually hidden text in the cells, which would otherwise widen the page.
     */
    overflow: { clip: 'overflow-hidden', scroll: 'relative overflow-x-auto' },
  },
  defaultVariants: { overflow: 'clip' },
});

/** The bordered card a table sits in. */
export function TableFrame({
  className,
  overflow,
  ...props
}: ComponentProps<'div'> & VariantProps<typeof frameVariants>) {
  return <div className={cn(frameVariants({ overflow }), className)} {...props} />;
}

const tableVariants = cva('w-full text-sm', {
  variants: {
    /** `fixed` takes column widths from the header, so long values wrap instead of pushing columns. */
    layout: { auto: '', fixed: 'table-fixed' },
  },
  defaultVariants: { layout: 'auto' },
});

export function Table({
  className,
  layout,
  ...props
}: ComponentProps<'table'> & VariantProps<typeof tableVariants>) {
  return <table className={cn(tableVariants({ layout }), className)} {...props} />;
}

export function TableCaption({ className, ...props }: ComponentProps<'caption'>) {
  return <caption className={cn('sr-only', className)} {...props} />;
}

const headerVariants = cva('', {
  variants: { tone: { plain: '', muted: 'bg-muted/50' } },
  defaultVariants: { tone: 'plain' },
});

export function TableHeader({
  className,
  tone,
  ...props
}: ComponentProps<'thead'> & VariantProps<typeof headerVariants>) {
  return <thead className={cn(headerVariants({ tone }), className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<'tbody'>) {
  return <tbody className={cn('divide-y', className)} {...props} />;
}

const rowVariants = cva('', {
  variants: {
    /** Rows that lead somewhere light up under the pointer. */
    interactive: { true: 'transition-colors hover:bg-muted/40', false: '' },
  },
  defaultVariants: { interactive: false },
});

export function TableRow({
  className,
  interactive,
  ...props
}: ComponentProps<'tr'> & VariantProps<typeof rowVariants>) {
  return <tr className={cn(rowVariants({ interactive }), className)} {...props} />;
}

/** A column heading. */
export function TableHead({ className, ...props }: Omit<ComponentProps<'th'>, 'scope'>) {
  return (
    <th
      scope="col"
      className={cn('px-4 py-2.5 text-left text-xs font-medium text-muted-foreground', className)}
      {...props}
    />
  );
}

/** The cell that names its row (a session id, an agent's name), so screen readers announce it per cell. */
export function TableRowHeader({ className, ...props }: Omit<ComponentProps<'th'>, 'scope'>) {
  return <th scope="row" className={cn('px-4 py-3 text-left font-medium', className)} {...props} />;
}

export function TableCell({ className, ...props }: ComponentProps<'td'>) {
  return <td className={cn('px-4 py-3', className)} {...props} />;
}
