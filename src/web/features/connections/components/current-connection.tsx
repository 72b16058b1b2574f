import { Badge } from '../../../components/ui/badge';
import { ConnectionSwatch } from '../../../components/connection-mark';
import { useActiveConnection } from '../../../lib/connections';
import { useSettings } from '../../../lib/settings';

/** Where the console is now and how it calls it, at the top of Settings. */
export function CurrentConnection() {
  const active = useActiveConnection();
  const settings = useSettings();
  const { connection } = active;
  const through = connection && connection.kind === 'foundry' ? connection.api_base : undefined;
  return (
    <dl className="grid gap-4 rounded-lg border bg-surface px-4 py-4 text-sm shadow-xs sm:grid-cols-[1fr_2fr_auto_auto] sm:px-6">
      <div className="min-w-0">
        <dt className="text-xs font-medium text-muted-foreground">Connected to</dt>
        <dd className="mt-1 flex flex-wrap items-center gap-2 text-foreground">
          <ConnectionSwatch colour={connection?.colour} />
          <span className="font-mono font-semibold">{active.name ?? 'An endpoint set directly'}</span>
          {active.production ? (
            <Badge className="border-destructive bg-destructive font-bold text-destructive-foreground">
              PRODUCTION
            </Badge>
          ) : null}
        </dd>
      </div>
      <div className="min-w-0">
        <dt className="text-xs font-medium text-muted-foreground">Endpoint</dt>
        <dd className="mt-1 font-mono break-all text-foreground">
          {connection?.endpoint ?? settings.endpoint}
          {through ? (
            <span className="block font-sans text-xs text-muted-foreground">
              through this console’s gateway at <span className="font-mono">{through}</span>
            </span>
          ) : null}
        </dd>
      </div>
      <div>
        <dt className="text-xs font-medium text-muted-foreground">API version</dt>
        <dd className="mt-1 font-mono text-foreground">{settings.apiVersion}</dd>
      </div>
      <div className="min-w-0">
        <dt className="text-xs font-medium text-muted-foreground">Isolation key</dt>
        <dd className="mt-1 font-mono break-all text-foreground">
          {settings.isolationKey || <span className="font-sans text-muted-foreground">None</span>}
        </dd>
      </div>
    </dl>
  );
}
