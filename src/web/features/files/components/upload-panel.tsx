import {
  Ban,
  ChevronDown,
  ChevronUp,
  CircleAlert,
  CircleCheck,
  CircleX,
  Clock,
  LoaderCircle,
  RotateCcw,
  SkipForward,
  X,
  type LucideIcon,
} from 'lucide-react';
import { useId, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../lib/cn';
import { baseName, parentOf } from '../model/file-paths';
import { formatBytes, formatSpeed } from '../model/format-bytes';
import type { UploadItem, UploadSnapshot, UploadStatus } from '../model/upload-items';
import { FileErrorNote } from './file-error';
import { IconAction } from './icon-action';
import { formatNumber } from '../../../lib/format';

/** Rows drawn at most; a drop of thousands lists the ones that matter first and counts the rest. */
const MAX_ROWS = 200;

/** Running first, then what needs attention, then what waits, then what is over. */
const ORDER: Record<UploadStatus, number> = {
  uploading: 0,
  failed: 1,
  refused: 2,
  conflict: 3,
  checking: 4,
  queued: 5,
  cancelled: 6,
  skipped: 7,
  done: 8,
};

const STATUS: Record<UploadStatus, { label: string; icon: LucideIcon; tone: string }> = {
  checking: { label: 'Checking', icon: LoaderCircle, tone: 'text-muted-foreground' },
  conflict: { label: 'Waiting for your choice', icon: CircleAlert, tone: 'text-warning' },
  queued: { label: 'Queued', icon: Clock, tone: 'text-muted-foreground' },
  uploading: { label: 'Uploading', icon: LoaderCircle, tone: 'text-primary' },
  done: { label: 'Uploaded', icon: CircleCheck, tone: 'text-success' },
  failed: { label: 'Failed', icon: CircleX, tone: 'text-destructive' },
  cancelled: { label: 'Cancelled', icon: Ban, tone: 'text-muted-foreground' },
  refused: { label: 'Not sent', icon: CircleX, tone: 'text-destructive' },
  skipped: { label: 'Skipped', icon: SkipForward, tone: 'text-muted-foreground' },
};

interface UploadPanelProps {
  state: UploadSnapshot;
  onCancel: (id: string) => void;
  onCancelAll: () => void;
  onRetry: (id: string) => void;
  onRetryFailed: () => void;
  onDismiss: (id: string) => void;
  onClear: () => void;
}

/**
 * The uploads of this page as a sheet at the bottom right: overall progress, then one row per file
 * with its own progress, speed, and cancel or retry. Failures stay until dismissed.
 */
export function UploadPanel({ state, ...actions }: UploadPanelProps) {
  const [collapsed, setCollapsed] = useState(false);
  const listId = useId();
  const { items, totals } = state;
  if (items.length === 0) return null;

  const sorted = [...items].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const shown = sorted.slice(0, MAX_ROWS);
  const percent = totals.bytes > 0 ? Math.floor((totals.loaded / totals.bytes) * 100) : totals.busy ? 0 : 100;
  const left = totals.speed > 0 ? (totals.bytes - totals.loaded) / totals.speed : undefined;
  const title = totals.busy
    ? `Uploading ${totals.done} of ${totals.files - countOf(items, 'refused', 'skipped', 'cancelled')} files`
    : summary(items);

  return (
    <section
      aria-label="Uploads"
      className="fixed inset-x-2 bottom-2 z-30 flex max-h-[60vh] flex-col overflow-hidden rounded-xl border bg-surface text-surface-foreground shadow-2xl ring-1 ring-black/5 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-[28rem]"
    >
      <header className="border-b px-4 pt-3 pb-3">
        <div className="flex items-center gap-2">
          <h2 className="min-w-0 flex-1 truncate text-sm font-semibold">{title}</h2>
          {totals.busy ? (
            <Button variant="ghost" size="sm" className="h-7 px-2 text-xs" onClick={actions.onCancelAll}>
              Cancel all
            </Button>
          ) : null}
          {totals.failed > 1 ? (
            <Button variant="ghost" size="sm" className="h-7 px-2 text-xs" onClick={actions.onRetryFailed}>
              Retry failed
            </Button>
          ) : null}
          <IconAction
            icon={collapsed ? ChevronUp : ChevronDown}
            label={collapsed ? 'Show uploads' : 'Hide uploads'}
            aria-expanded={!collapsed}
            aria-controls={listId}
            onClick={() => setCollapsed((c) => !c)}
          />
          {totals.busy ? null : <IconAction icon={X} label="Close uploads" onClick={actions.onClear} />}
        </div>
        {totals.bytes > 0 ? (
          <div className="mt-2 space-y-1">
            <ProgressBar label="Overall upload progress" value={percent} text={`${percent}%`} />
            <p className="flex justify-between gap-2 text-xs text-muted-foreground tabular-nums">
              <span>
                {formatBytes(totals.loaded)} of {formatBytes(totals.bytes)}
              </span>
              {totals.uploading > 0 ? (
                <span>
                  {formatSpeed(totals.speed)}
                  {left !== undefined && Number.isFinite(left) ? ` · ${formatDuration(left)} left` : ''}
                </span>
              ) : null}
            </p>
          </div>
        ) : null}
      </header>
      <ul
        id={listId}
        hidden={collapsed}
        className="min-h-0 flex-1 divide-y overflow-y-auto overscroll-contain"
      >
        {shown.map((item) => (
          <UploadRow key={item.id} item={item} {...actions} />
        ))}
        {sorted.length > shown.length ? (
          <li className="px-4 py-2 text-xs text-muted-foreground">
            and {formatNumber(sorted.length - shown.length)} more
          </li>
        ) : null}
      </ul>
    </section>
  );
}

function UploadRow({
  item,
  onCancel,
  onRetry,
  onDismiss,
}: { item: UploadItem } & Pick<UploadPanelProps, 'onCancel' | 'onRetry' | 'onDismiss'>) {
  const status = STATUS[item.status];
  const Icon = status.icon;
  const name = baseName(item.path);
  const folder = parentOf(item.path);
  const renamed = item.path !== item.requestedPath;
  const active =
    item.status === 'checking' ||
    item.status === 'queued' ||
    item.status === 'uploading' ||
    item.status === 'conflict';
  const percent = item.size > 0 ? Math.floor((item.loaded / item.size) * 100) : 0;
  return (
    <li className="px-4 py-2.5" aria-label={name}>
      <div className="flex items-start gap-2.5">
        <Icon
          aria-hidden="true"
          className={cn(
            'mt-0.5 size-4 shrink-0',
            status.tone,
            (item.status === 'uploading' || item.status === 'checking') && 'animate-spin',
          )}
        />
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium" title={item.path}>
            {name}
          </p>
          <p className="truncate text-xs text-muted-foreground">
            <span className={cn('font-medium', status.tone)}>{status.label}</span>
            {' · '}
            {item.status === 'uploading'
              ? `${formatBytes(item.loaded)} of ${formatBytes(item.size)}${item.speed > 0 ? ` · ${formatSpeed(item.speed)}` : ''}`
              : formatBytes(item.size)}
            {' · '}in {folder || 'Home'}
            {renamed ? ` · as a copy of ${baseName(item.requestedPath)}` : ''}
          </p>
        </div>
        <div className="flex shrink-0 gap-0.5">
          {item.status === 'failed' || item.status === 'cancelled' ? (
            <IconAction
              icon={RotateCcw}
              label={`Retry ${name}`}
              title="Retry"
              onClick={() => onRetry(item.id)}
            />
          ) : null}
          {active ? (
            <IconAction icon={X} label={`Cancel ${name}`} title="Cancel" onClick={() => onCancel(item.id)} />
          ) : (
            <IconAction
              icon={X}
              label={`Dismiss ${name}`}
              title="Dismiss"
              onClick={() => onDismiss(item.id)}
            />
          )}
        </div>
      </div>
      {item.status === 'uploading' ? (
        <ProgressBar
          className="mt-2"
          label={`Uploading ${name}`}
          value={percent}
          text={`${formatBytes(item.loaded)} of ${formatBytes(item.size)}`}
        />
      ) : null}
      {item.status === 'failed' ? <FileErrorNote error={item.error} className="mt-2 text-xs" /> : null}
      {item.status === 'refused' && item.reason ? (
        <p role="alert" className="mt-1.5 text-xs break-words text-destructive">
          {item.reason}
        </p>
      ) : null}
    </li>
  );
}

function ProgressBar({
  label,
  value,
  text,
  className,
}: {
  label: string;
  value: number;
  text: string;
  className?: string;
}) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={text}
      className={cn('h-1.5 overflow-hidden rounded-full bg-muted', className)}
    >
      {/* Scaled rather than sized: the compositor moves it, with no layout on every progress tick. */}
      <div
        className="h-full origin-left rounded-full bg-primary transition-transform duration-200"
        style={{ transform: `scaleX(${value / 100})` }}
      />
    </div>
  );
}

function countOf(items: readonly UploadItem[], ...statuses: UploadStatus[]): number {
  return items.filter((i) => statuses.includes(i.status)).length;
}

function summary(items: readonly UploadItem[]): string {
  const parts = [
    [countOf(items, 'done'), 'uploaded'],
    [countOf(items, 'failed'), 'failed'],
    [countOf(items, 'refused'), 'not sent'],
    [countOf(items, 'cancelled'), 'cancelled'],
    [countOf(items, 'skipped'), 'skipped'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return said.length ? `Uploads: ${said.join(', ')}` : 'Uploads';
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
