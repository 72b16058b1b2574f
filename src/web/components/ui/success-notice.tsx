import { CheckCircle2 } from 'lucide-react';
import type { ReactNode } from 'react';

/** Says, politely to screen readers, that what was asked for is done; takes no room while empty. */
export function SuccessNotice({ children }: { children?: ReactNode }) {
  return (
    <div aria-live="polite" className="empty:hidden">
      {children ? (
        <p className="flex items-center gap-2 text-sm text-foreground">
          <CheckCircle2 aria-hidden="true" className="size-4 text-success" />
          {children}
        </p>
      ) : null}
    </div>
  );
}
