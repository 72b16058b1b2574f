import { CircleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '../lib/cn';

interface ErrorPanelProps {
  title: string;
  message: ReactNode;
  /** What to do about it, under the message. */
  advice?: ReactNode;
  /** Facts support staff can quote (status, code, request id). */
  details?: ReactNode;
  /** Buttons or links that offer a way out. */
  children?: ReactNode;
  className?: string;
}

export function ErrorPanel({ title, message, advice, details, children, className }: ErrorPanelProps) {
  return (
    <div
      role="alert"
      className={cn('rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm sm:p-5', className)}
    >
      <div className="flex gap-3">
        <CircleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-destructive" />
        <div className="min-w-0 flex-1">
          <h2 className="font-semibold text-foreground">{title}</h2>
          <p className="mt-1 break-words text-foreground/90">{message}</p>
          {advice}
          {details ? <div className="mt-2 text-xs text-muted-foreground">{details}</div> : null}
          {children ? <div className="mt-4 flex flex-wrap gap-2">{children}</div> : null}
        </div>
      </div>
    </div>
  );
}
