import { useQuery } from '@tanstack/react-query';
import { Download, EyeOff, X } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import type { FileEntry } from '@contract';
import { ApiErrorPanel } from '../../../components/api-error';
import { Button, buttonVariants } from '../../../components/ui/button';
import { RelativeTime } from '../../../components/ui/relative-time';
import { Skeleton } from '../../../components/ui/skeleton';
import { cn } from '../../../lib/cn';
import { fileQueries } from '../api/file-queries';
import { formatBytes, formatExactBytes } from '../model/format-bytes';
import { decodeText, previewPlan, type PreviewPlan } from '../model/preview';
import { FileIcon } from './file-icon';

interface PreviewPanelProps {
  agent: string;
  sessionId: string;
  entry: FileEntry;
  path: string;
  downloadHref: string;
  onClose: () => void;
}

/**
 * A file's contents beside the listing: text (JSON formatted, with the raw text a click away) and
 * images. Text is rendered as text, never as markup; anything else offers the download.
 */
export function PreviewPanel({ agent, sessionId, entry, path, downloadHref, onClose }: PreviewPanelProps) {
  const titleId = useId();
  const plan = previewPlan(entry.name, entry.size);
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Escape from any control inside closes the panel
    <aside
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
      className="flex max-h-[min(80vh,52rem)] min-h-64 flex-col overflow-hidden rounded-lg border bg-surface shadow-xs lg:sticky lg:top-4"
    >
      <header className="flex items-start gap-3 border-b px-4 py-3">
        <div className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-md bg-muted">
          <FileIcon name={entry.name} isDirectory={false} />
        </div>
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="text-sm font-semibold break-all">
            <span className="sr-only">Preview of </span>
            {entry.name}
          </h2>
          <p className="mt-0.5 text-xs text-muted-foreground">
            <span title={formatExactBytes(entry.size)}>{formatBytes(entry.size)}</span> · modified{' '}
            <RelativeTime seconds={entry.modified_time} />
          </p>
        </div>
        <a
          href={downloadHref}
          download={entry.name}
          aria-label={`Download ${entry.name}`}
          title="Download"
          className={buttonVariants({ variant: 'ghost', size: 'icon', className: 'size-8' })}
        >
          <Download aria-hidden="true" />
        </a>
        <Button
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label="Close preview"
          title="Close (Esc)"
          onClick={onClose}
        >
          <X aria-hidden="true" />
        </Button>
      </header>
      <div className="min-h-0 flex-1 overflow-auto">
        <PreviewBody
          key={`${path}:${entry.size}:${entry.modified_time}`}
          agent={agent}
          sessionId={sessionId}
          entry={entry}
          path={path}
          plan={plan}
          downloadHref={downloadHref}
        />
      </div>
    </aside>
  );
}

function PreviewBody({
  agent,
  sessionId,
  entry,
  path,
  plan,
  downloadHref,
}: Omit<PreviewPanelProps, 'onClose'> & { plan: PreviewPlan }) {
  if (plan.kind === 'image' && plan.mime === 'image/svg+xml') {
    return (
      <SvgPreview agent={agent} sessionId={sessionId} entry={entry} path={path} downloadHref={downloadHref} />
    );
  }
  if (plan.kind === 'image')
    return <ImagePreview entry={entry} src={downloadHref} downloadHref={downloadHref} />;
  if (plan.kind === 'text') {
    return (
      <TextPreview
        agent={agent}
        sessionId={sessionId}
        entry={entry}
        path={path}
        downloadHref={downloadHref}
      />
    );
  }
  return (
    <NoPreview entry={entry} downloadHref={downloadHref}>
      {plan.kind === 'too-large'
        ? `The preview shows files up to ${formatBytes(plan.limit)}; this one is ${formatBytes(entry.size)}.`
        : 'There is no preview for this kind of file.'}
    </NoPreview>
  );
}

function NoPreview({
  entry,
  downloadHref,
  children,
}: {
  entry: FileEntry;
  downloadHref: string;
  children: string;
}) {
  return (
    <div className="flex flex-col items-center px-6 py-12 text-center">
      <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <EyeOff aria-hidden="true" className="size-5" />
      </div>
      <p className="text-sm font-medium">No preview</p>
      <p className="mt-1 max-w-xs text-sm text-muted-foreground">{children}</p>
      <a
        href={downloadHref}
        download={entry.name}
        className={buttonVariants({ variant: 'secondary', size: 'sm', className: 'mt-4' })}
      >
        <Download aria-hidden="true" />
        Download {formatBytes(entry.size)}
      </a>
    </div>
  );
}

/**
 * Raster images load straight from the content address (the browser streams and decodes them). SVG
 * arrives as application/octet-stream, which an <img> will not render, so it is fetched as text and
 * shown through a data: URL; inside an <img> an SVG's scripts never run.
 */
function ImagePreview({ entry, src, downloadHref }: { entry: FileEntry; src: string; downloadHref: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <NoPreview entry={entry} downloadHref={downloadHref}>
        The image could not be shown; it may be damaged or in a format this browser does not read.
      </NoPreview>
    );
  }
  return (
    <div className="flex min-h-48 items-center justify-center bg-[repeating-conic-gradient(var(--color-muted)_0_25%,transparent_0_50%)] bg-[length:16px_16px] p-4">
      <img
        src={src}
        alt={entry.name}
        onError={() => setFailed(true)}
        className="max-h-[60vh] max-w-full rounded object-contain shadow-sm"
      />
    </div>
  );
}

function SvgPreview(props: {
  agent: string;
  sessionId: string;
  entry: FileEntry;
  path: string;
  downloadHref: string;
}) {
  const query = useQuery(
    fileQueries.content(props.agent, props.sessionId, {
      path: props.path,
      size: props.entry.size,
      modified: props.entry.modified_time,
    }),
  );
  const src = useMemo(
    () =>
      query.data
        ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new TextDecoder().decode(query.data))}`
        : undefined,
    [query.data],
  );
  if (query.isPending) return <PreviewSkeleton />;
  if (!src) return <PreviewError error={query.error} />;
  return <ImagePreview entry={props.entry} src={src} downloadHref={props.downloadHref} />;
}

function TextPreview(props: {
  agent: string;
  sessionId: string;
  entry: FileEntry;
  path: string;
  downloadHref: string;
}) {
  const { agent, sessionId, entry, path, downloadHref } = props;
  const query = useQuery(
    fileQueries.content(agent, sessionId, { path, size: entry.size, modified: entry.modified_time }),
  );
  const content = useMemo(
    () => (query.data ? decodeText(entry.name, query.data) : undefined),
    [query.data, entry.name],
  );
  const [raw, setRaw] = useState(false);
  if (query.isPending) return <PreviewSkeleton />;
  if (!content) return <PreviewError error={query.error} />;
  if (content.kind === 'binary') {
    return (
      <NoPreview entry={entry} downloadHref={downloadHref}>
        This file is not text, so it has no preview.
      </NoPreview>
    );
  }
  if (content.raw === '') {
    return <p className="px-4 py-8 text-center text-sm text-muted-foreground">This file is empty.</p>;
  }
  const text = content.kind === 'json' && !raw ? content.pretty : content.raw;
  return (
    <div>
      {content.kind === 'json' ? (
        <div role="group" aria-label="JSON view" className="flex gap-1 border-b px-3 py-2">
          {(['Formatted', 'Raw'] as const).map((label) => {
            const pressed = (label === 'Raw') === raw;
            return (
              <button
                key={label}
                type="button"
                aria-pressed={pressed}
                onClick={() => setRaw(label === 'Raw')}
                className={cn(
                  'h-7 rounded-md px-2.5 text-xs font-medium transition-colors',
                  pressed ? 'bg-accent text-accent-foreground' : 'text-muted-foreground hover:bg-muted',
                )}
              >
                {label}
              </button>
            );
          })}
        </div>
      ) : null}
      {/* A text node: whatever the file holds (markup, scripts) is shown, never interpreted. */}
      <pre
        aria-label={`Contents of ${entry.name}`}
        className="px-4 py-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap text-foreground/90"
      >
        {text}
      </pre>
    </div>
  );
}

function PreviewSkeleton() {
  return (
    <div className="space-y-2 p-4">
      <span role="status" className="sr-only">
        Loading the preview…
      </span>
      {[92, 80, 86, 60, 74].map((w) => (
        <Skeleton key={w} className="h-3.5" style={{ width: `${w}%` }} />
      ))}
    </div>
  );
}

function PreviewError({ error }: { error: unknown }) {
  return (
    <div className="p-4">
      <ApiErrorPanel error={error} title="The preview could not be loaded" />
    </div>
  );
}
