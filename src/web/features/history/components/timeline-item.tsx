import {
  Activity,
  CircleAlert,
  CircleCheck,
  CirclePlus,
  CircleStop,
  Clock,
  FileMinus,
  FileUp,
  Hourglass,
  Moon,
  Pin,
  Play,
  RotateCcw,
  ServerCrash,
  Skull,
  SquarePen,
  Trash2,
  TriangleAlert,
  UserRound,
  type LucideIcon,
} from 'lucide-react';
import type { ReactNode } from 'react';
import type { AuditItem, HistoryGap, SessionEvent, SessionEventKind, TimelineItem } from '@contract';
import { CopyButton } from '../../../components/ui/copy-button';
import { cn } from '../../../lib/cn';
import {
  bytesText,
  describeAudit,
  describeEvent,
  describeGap,
  isCrash,
  personText,
  spanText,
  type ItemText,
  type ItemTone,
} from '../model/describe-item';
import { IsoTime } from './iso-time';

const TONE: Record<ItemTone, { row: string; icon: string; flag: string }> = {
  danger: {
    row: 'border-destructive/50 bg-destructive/5',
    icon: 'bg-destructive text-destructive-foreground',
    flag: 'border-destructive bg-destructive text-destructive-foreground',
  },
  warning: {
    row: 'border-warning/40 bg-warning/5',
    icon: 'bg-warning/15 text-warning',
    flag: 'border-warning/40 bg-warning/10 text-foreground',
  },
  success: { row: 'border-border', icon: 'bg-success/15 text-success', flag: '' },
  progress: { row: 'border-border', icon: 'bg-primary/10 text-primary', flag: '' },
  neutral: { row: 'border-border', icon: 'bg-muted text-muted-foreground', flag: '' },
};

const EVENT_ICON: Record<SessionEventKind, LucideIcon> = {
  created: CirclePlus,
  active: Activity,
  idle: Moon,
  updating: SquarePen,
  failed: CircleAlert,
  expired: Hourglass,
  deleted: Trash2,
  starting: Play,
  ready: CircleCheck,
  restarted: RotateCcw,
  exited: CircleStop,
  idle_timeout: Clock,
  stopped_by_request: CircleStop,
  stopped_by_host: CircleStop,
  start_failed: CircleAlert,
  host_restarted: ServerCrash,
};

/** One entry of the time line: an event, a gap or an audit entry, each with its own facts. */
export function TimelineEntry({ item }: { item: TimelineItem }) {
  if (item.type === 'event') return <EventEntry event={item} />;
  if (item.type === 'gap') return <GapEntry gap={item} />;
  return <AuditEntryRow item={item} />;
}

function Frame({
  kind,
  text,
  icon: Icon,
  time,
  children,
}: {
  kind: string;
  text: ItemText;
  icon: LucideIcon;
  time: string;
  children?: ReactNode;
}) {
  const tone = TONE[text.tone];
  return (
    <li className={cn('flex gap-3 rounded-lg border px-3 py-3 sm:px-4', tone.row)}>
      <span
        aria-hidden="true"
        className={cn('mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full', tone.icon)}
      >
        <Icon className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
          <span className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{kind}</span>
          <h3 className="text-sm font-semibold text-foreground">{text.title}</h3>
          {text.flag ? (
            <span className={cn('rounded-full border px-2 text-xs font-semibold', tone.flag)}>
              {text.flag}
            </span>
          ) : null}
          <IsoTime
            iso={time}
            className="ml-auto text-xs whitespace-nowrap text-muted-foreground tabular-nums"
          />
        </div>
        {children ? <div className="mt-1 space-y-1 text-sm text-muted-foreground">{children}</div> : null}
      </div>
    </li>
  );
}

function EventEntry({ event }: { event: SessionEvent }) {
  const text = describeEvent(event);
  const icon = isCrash(event) ? Skull : EVENT_ICON[event.event];
  return (
    <Frame kind="Event" text={text} icon={icon} time={event.time}>
      <p className="font-mono text-xs break-words">{event.message}</p>
    </Frame>
  );
}

function GapEntry({ gap }: { gap: HistoryGap }) {
  const { title, reason } = describeGap(gap);
  const span = spanText(gap.time, gap.end_time);
  return (
    <Frame kind="Gap" text={{ title, tone: 'warning' }} icon={TriangleAlert} time={gap.time}>
      <p>
        From <IsoTime iso={gap.time} /> to <IsoTime iso={gap.end_time} />
        {span ? ` (${span})` : ''}: {reason}.
      </p>
    </Frame>
  );
}

const AUDIT_ICON: Partial<Record<AuditItem['entry']['action'], LucideIcon>> = {
  'session.create': CirclePlus,
  'session.stop': CircleStop,
  'session.delete': Trash2,
  'file.upload': FileUp,
  'file.delete': FileMinus,
  'recording.pin': Pin,
  'recording.unpin': Pin,
};

function AuditEntryRow({ item }: { item: AuditItem }) {
  const { entry } = item;
  const text = describeAudit(entry);
  return (
    <Frame kind="Audit" text={text} icon={AUDIT_ICON[entry.action] ?? UserRound} time={item.time}>
      <p>
        by <span className="font-medium text-foreground">{personText(entry)}</span>
        {' · '}
        <span className="font-mono text-xs">{entry.action}</span>
        {' · '}
        {entry.status !== undefined ? `HTTP ${entry.status}` : 'no answer'}
        {entry.error_code ? ` ${entry.error_code}` : ''} ({entry.outcome})
      </p>
      {entry.path !== undefined ? (
        <p>
          Path <span className="font-mono break-all text-foreground">{entry.path}</span>
          {entry.bytes !== undefined ? <> · {bytesText(entry.bytes)}</> : null}
        </p>
      ) : entry.bytes !== undefined ? (
        <p>{bytesText(entry.bytes)}</p>
      ) : null}
      {entry.request_id ? (
        <p className="flex flex-wrap items-center gap-1 text-xs">
          request id <span className="font-mono">{entry.request_id}</span>
          <CopyButton value={entry.request_id} label="Copy request id" size="sm" className="h-6 px-1.5" />
        </p>
      ) : null}
    </Frame>
  );
}
