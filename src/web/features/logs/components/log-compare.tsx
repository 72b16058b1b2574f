import { ChevronDown, ChevronUp, Plus, X } from 'lucide-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../../../app/paths';
import { cn } from '../../../lib/cn';
import { useSettings } from '../../../lib/settings';
import { MAX_COMPARE, readCompareParams, type SessionRef } from '../lib/session-ref';
import { CompareDialog } from './compare-dialog';
import { FilterControls } from './filter-controls';
import { LogPane } from './log-pane';
import { LogPaneGroup, useLogPane } from './log-pane-context';
import { PaneActions } from './pane-actions';
import { ToolButton } from './tool-button';
import { useConsoleOptions } from './use-console-options';
import { formatNumber } from '../../../lib/format';

/** Each pane's colour: its stripe, its dot, and its label, so panes tell apart at a glance. */
const PANE_TONES = [
  { stripe: 'bg-sky-500', text: 'text-sky-700 dark:text-sky-300', name: 'blue' },
  { stripe: 'bg-amber-500', text: 'text-amber-700 dark:text-amber-300', name: 'amber' },
  { stripe: 'bg-emerald-500', text: 'text-emerald-700 dark:text-emerald-300', name: 'green' },
  { stripe: 'bg-fuchsia-500', text: 'text-fuchsia-700 dark:text-fuchsia-300', name: 'pink' },
] as const;

/**
 * Two to four sessions' consoles side by side, in one group: the search box above them moves each
 * pane to its own next match.
 */
export function LogCompare() {
  return (
    <LogPaneGroup>
      <CompareView />
    </LogPaneGroup>
  );
}

/**
 * Two to four sessions' consoles side by side. One set of filters and one search drive every pane
 * (that is the point of comparing); each pane has its own stream, connection state, pause and buffer.
 */
function CompareView() {
  const state = useConsoleOptions();
  const [params, setParams] = useSearchParams();
  const { sessions, problems } = readCompareParams(params.getAll('s'));
  const [adding, setAdding] = useState(false);
  const { endpoint } = useSettings();

  const setSessions = (next: readonly SessionRef[]) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        out.delete('s');
        for (const s of next) out.append('s', `${s.agent}/${s.sessionId}`);
        return out;
      },
      { replace: true },
    );

  const rows = sessions.length > 2 ? 'lg:grid-rows-2' : 'lg:grid-rows-1';
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1.5 rounded-lg border bg-surface px-2 py-2 shadow-xs">
        <FilterControls state={state} className="contents" />
        <ToolButton
          icon={<Plus aria-hidden="true" />}
          label="Add session"
          disabled={sessions.length >= MAX_COMPARE}
          title={
            sessions.length >= MAX_COMPARE ? `At most ${MAX_COMPARE} sessions side by side` : 'Add a session'
          }
          onClick={() => setAdding(true)}
          showLabel="sm"
          className="ml-auto"
        />
      </div>
      {problems.length ? (
        <ul
          role="alert"
          className="rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-foreground"
        >
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {sessions.length === 0 ? (
        <div className="rounded-lg border border-dashed bg-surface p-8 text-center text-sm text-muted-foreground">
          No sessions to compare. Add one, or open a session’s Logs tab and choose “Compare with…”.
        </div>
      ) : (
        <div
          className={cn(
            'grid min-h-0 flex-1 grid-cols-1 gap-3',
            sessions.length > 1 && 'lg:grid-cols-2',
            rows,
          )}
        >
          {sessions.map((s, i) => {
            const tone = PANE_TONES[i % PANE_TONES.length]!;
            return (
              <LogPane
                key={`${endpoint} ${s.agent}/${s.sessionId}`}
                agent={s.agent}
                sessionId={s.sessionId}
                options={state.options}
                search={state.search}
                update={state.update}
                linkable={false}
                compact
                label={`Log lines of session ${s.sessionId} (${tone.name})`}
                className="h-[70dvh] min-h-[18rem] lg:h-auto"
                header={
                  <PaneHeader
                    tone={tone}
                    bufferLines={state.options.bufferLines}
                    onBufferLines={(n) => state.update({ bufferLines: n })}
                    onRemove={() => setSessions(sessions.filter((_, j) => j !== i))}
                    searching={state.search.kind === 'ok'}
                  />
                }
              />
            );
          })}
        </div>
      )}
      <CompareDialog
        open={adding}
        title="Add a session"
        currentAgent={sessions[0]?.agent ?? ''}
        existing={sessions}
        onClose={() => setAdding(false)}
        onPick={(ref) => {
          setAdding(false);
          setSessions([...sessions, ref]);
        }}
      />
    </div>
  );
}

function PaneHeader({
  tone,
  bufferLines,
  onBufferLines,
  onRemove,
  searching,
}: {
  tone: (typeof PANE_TONES)[number];
  bufferLines: number;
  onBufferLines: (n: number) => void;
  onRemove: () => void;
  searching: boolean;
}) {
  const api = useLogPane();
  return (
    <div className="relative flex flex-wrap items-center gap-x-2 gap-y-1 border-b bg-surface py-1.5 pr-1.5 pl-3.5">
      <span aria-hidden="true" className={cn('absolute inset-y-0 left-0 w-1.5', tone.stripe)} />
      {/* Wide enough to read the id: on a narrow pane the controls wrap below it instead. */}
      <div className="min-w-[9rem] flex-1">
        <Link
          to={paths.sessionLogs.getHref(api.agent, api.sessionId)}
          className={cn('block truncate font-mono text-sm font-semibold hover:underline', tone.text)}
          title={`Open ${api.agent}/${api.sessionId}`}
        >
          {api.sessionId}
        </Link>
        <p className="truncate text-xs text-muted-foreground">{api.agent}</p>
      </div>
      {searching ? (
        <div className="flex items-center text-xs text-muted-foreground tabular-nums">
          <span className="px-1">
            {api.matchCount === 0
              ? 'No matches'
              : api.matchPosition !== undefined
                ? `${api.matchPosition} of ${api.matchCount}`
                : `${formatNumber(api.matchCount)} ${api.matchCount === 1 ? 'match' : 'matches'}`}
          </span>
          <ToolButton
            icon={<ChevronUp aria-hidden="true" />}
            label={`Previous match in ${api.sessionId}`}
            showLabel="never"
            disabled={api.matchCount === 0}
            onClick={api.previousMatch}
            className="w-7 px-0"
          />
          <ToolButton
            icon={<ChevronDown aria-hidden="true" />}
            label={`Next match in ${api.sessionId}`}
            showLabel="never"
            disabled={api.matchCount === 0}
            onClick={api.nextMatch}
            className="w-7 px-0"
          />
        </div>
      ) : null}
      <PaneActions bufferLines={bufferLines} onBufferLines={onBufferLines} compact />
      <ToolButton
        icon={<X aria-hidden="true" />}
        label={`Remove ${api.sessionId} from the comparison`}
        showLabel="never"
        onClick={onRemove}
        className="w-8 px-0"
      />
    </div>
  );
}
