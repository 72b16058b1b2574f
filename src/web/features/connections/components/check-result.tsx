import { CheckCircle2, CircleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import type { ConnectionCheck } from '@contract';
import { TextWithCode } from '../../../components/ui/text-with-code';
import { cn } from '../../../lib/cn';
import { checkFacts, checkTitle } from '../model/check-outcome';

/**
 * What a test call found, in words: the outcome as a heading, the server's sentence (what happened and
 * what to do), and the upstream's status and request id to quote.
 */
export function CheckResult({
  check,
  children,
  className,
}: {
  check: ConnectionCheck;
  /** Buttons that follow from it ("Add anyway"). */
  children?: ReactNode;
  className?: string;
}) {
  const facts = checkFacts(check);
  return (
    <div
      role={check.ok ? 'status' : 'alert'}
      className={cn(
        'flex gap-3 rounded-md border px-4 py-3 text-sm',
        check.ok ? 'border-success/40 bg-success/5' : 'border-destructive/40 bg-destructive/5',
        className,
      )}
    >
      {check.ok ? (
        <CheckCircle2 aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-success" />
      ) : (
        <CircleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-destructive" />
      )}
      <div className="min-w-0 flex-1">
        <p className="font-semibold text-foreground">{checkTitle(check)}</p>
        <p className="mt-0.5 break-words text-foreground/90">
          <TextWithCode text={check.message} />
        </p>
        {facts ? <p className="mt-1 font-mono text-xs text-muted-foreground">{facts}</p> : null}
        {children ? <div className="mt-3 flex flex-wrap gap-2">{children}</div> : null}
      </div>
    </div>
  );
}
