import { useId, type ReactNode } from 'react';
import { cn } from '../../lib/cn';

interface SectionCardProps {
  title: string;
  description?: ReactNode;
  /** Buttons or badges at the right of the heading. */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled panel of a page, named by its heading so it is a landmark a screen reader can jump to. */
export function SectionCard({ title, description, actions, children, className }: SectionCardProps) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      className={cn('rounded-lg border bg-surface text-surface-foreground shadow-xs', className)}
    >
      <div className="flex flex-wrap items-start justify-between gap-3 border-b px-4 py-4 sm:px-6">
        <div className="min-w-0">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {description ? <p className="mt-1 text-sm text-muted-foreground">{description}</p> : null}
        </div>
        {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
      <div className="px-4 py-5 sm:px-6">{children}</div>
    </section>
  );
}
