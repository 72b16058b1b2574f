import { Badge } from '../../../components/ui/badge';
import { protocolLabel } from '../model/agent-display';

/** Protocol names as small chips; "None" in words rather than an empty cell. */
export function ProtocolList({ protocols, label }: { protocols: readonly string[]; label?: string }) {
  if (protocols.length === 0) return <span className="text-sm text-muted-foreground">None</span>;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1">
      {protocols.map((p) => (
        <li key={p}>
          <Badge variant="info" title={p}>
            {protocolLabel(p)}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
