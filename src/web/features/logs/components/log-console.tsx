import { Columns2, Maximize2, Minimize2 } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { paths } from '../../../app/paths';
import { cn } from '../../../lib/cn';
import { useSettings } from '../../../lib/settings';
import { writeOptions } from '../lib/console-options';
import { CompareDialog } from './compare-dialog';
import { DisplayControls } from './display-controls';
import { RecordedSearchBox, SourceSwitch, type LogSource } from './recorded-controls';
import { RecordedFallback, RecordedLines } from './recorded-log';
import { StreamToggles } from './stream-toggles';
import { FilterControls } from './filter-controls';
import { LogPane } from './log-pane';
import { useLogPane } from './log-pane-context';
import { CopyViewLinkItem, PaneActions } from './pane-actions';
import { ToolButton, ToolLink } from './tool-button';
import { useConsoleOptions, type ConsoleOptionsState } from './use-console-options';

/** In the URL beside the console's options: `source=recorded` shows the recording. */
const SOURCE_PARAM = 'source';

/**
 * The live log console of one session: toolbar, lines, status. `tab` sits in the session page;
 * `full` fills the window. Filters, search and display choices live in the URL either way.
 */
export function LogConsole({
  agent,
  sessionId,
  mode,
  className,
}: {
  agent: string;
  sessionId: string;
  mode: 'tab' | 'full';
  className?: string;
}) {
  const state = useConsoleOptions();
  const { options, update } = state;
  const navigate = useNavigate();
  const location = useLocation();
  const [comparing, setComparing] = useState(false);
  // Another project endpoint is another session altogether: a fresh pane, buffer and stream.
  const { endpoint, connection: connectionName } = useSettings();
  const [params, setParams] = useSearchParams();
  // The console's server records by connection name: an endpoint set directly has no recording.
  const recording = useMemo(
    () => (connectionName === undefined ? undefined : { connection: connectionName, agent, sessionId }),
    [connectionName, agent, sessionId],
  );
  const source: LogSource = recording && params.get(SOURCE_PARAM) === 'recorded' ? 'recorded' : 'live';
  const setSource = useCallback(
    (next: LogSource) =>
      setParams(
        (prev) => {
          const out = new URLSearchParams(prev);
          if (next === 'recorded') out.set(SOURCE_PARAM, 'recorded');
          else out.delete(SOURCE_PARAM);
          return out;
        },
        { replace: true, preventScrollReset: true },
      ),
    [setParams],
  );
  const otherMode =
    mode === 'tab'
      ? paths.sessionLogsFull.getHref(agent, sessionId) + location.search
      : paths.sessionLogs.getHref(agent, sessionId) + location.search;

  const frameClass = cn(mode === 'full' ? 'min-h-0 flex-1' : 'h-[max(24rem,min(72dvh,52rem))]', className);
  if (recording && source === 'recorded') {
    return (
      <div
        data-log-source="recorded"
        className={cn(
          'flex min-h-0 flex-col overflow-hidden rounded-lg border bg-surface shadow-xs',
          frameClass,
        )}
      >
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1.5 border-b bg-surface px-2 py-2">
          <SourceSwitch source={source} onChange={setSource} />
          <StreamToggles streams={options.streams} onChange={(streams) => update({ streams })} />
          <RecordedSearchBox state={state} />
          <DisplayControls options={options} update={update} />
          <ToolLink
            to={otherMode}
            icon={mode === 'tab' ? <Maximize2 aria-hidden="true" /> : <Minimize2 aria-hidden="true" />}
            label={mode === 'tab' ? 'Open full window' : 'Back to the session page'}
            showLabel="never"
          />
        </div>
        <div className="relative min-h-0 flex-1 bg-zinc-950">
          <RecordedLines
            recording={recording}
            options={options}
            label={`Recorded log lines of session ${sessionId}`}
          />
        </div>
      </div>
    );
  }

  return (
    <>
      <LogPane
        key={`${endpoint} ${agent}/${sessionId}`}
        agent={agent}
        sessionId={sessionId}
        options={options}
        search={state.search}
        update={update}
        linkable
        label={`Log lines of session ${sessionId}`}
        className={frameClass}
        emptyFallback={
          recording
            ? (connection, retry) => (
                <RecordedFallback
                  recording={recording}
                  connection={connection}
                  retry={retry}
                  options={options}
                  onOpenRecorded={() => setSource('recorded')}
                />
              )
            : undefined
        }
        header={
          <ConsoleHeader
            state={state}
            mode={mode}
            otherMode={otherMode}
            onCompare={() => setComparing(true)}
            onSource={recording ? setSource : undefined}
          />
        }
      />
      <CompareDialog
        open={comparing}
        currentAgent={agent}
        existing={[{ agent, sessionId }]}
        onClose={() => setComparing(false)}
        onPick={(ref) => {
          setComparing(false);
          const href = paths.logsCompare.getHref([{ agent, sessionId }, ref]);
          const [path, query = ''] = href.split('?');
          const params = writeOptions(new URLSearchParams(query), { ...options, lines: undefined });
          void navigate(`${path}?${params.toString()}`);
        }}
      />
    </>
  );
}

/** The single console's toolbar: filters and search, then what acts on this pane's lines. */
function ConsoleHeader({
  state,
  mode,
  otherMode,
  onCompare,
  onSource,
}: {
  state: ConsoleOptionsState;
  mode: 'tab' | 'full';
  /** The same view in the other mode (full window, or back in the session page). */
  otherMode: string;
  onCompare: () => void;
  /** Switches to the recorded lines; undefined when this connection has no recording. */
  onSource: ((source: LogSource) => void) | undefined;
}) {
  const { options, update } = state;
  const pane = useLogPane();
  const location = useLocation();
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1.5 border-b bg-surface px-2 py-2">
      {onSource ? <SourceSwitch source="live" onChange={onSource} /> : null}
      <FilterControls state={state} className="contents" />
      <div role="group" aria-label="Log actions" className="ml-auto flex items-center gap-0.5">
        <PaneActions
          bufferLines={options.bufferLines}
          onBufferLines={(n) => update({ bufferLines: n })}
          compact
          more={(close) => (
            <CopyViewLinkItem
              close={close}
              onCopy={() => {
                const params = writeOptions(new URLSearchParams(location.search), {
                  ...options,
                  lines: undefined,
                });
                const query = params.toString();
                pane.copyText(
                  `${window.location.origin}${location.pathname}${query ? `?${query}` : ''}`,
                  'Link to this view copied.',
                );
              }}
            />
          )}
        />
        <ToolButton
          icon={<Columns2 aria-hidden="true" />}
          label="Compare with…"
          title="Compare with another session, side by side"
          showLabel="never"
          onClick={onCompare}
        />
        <ToolLink
          to={otherMode}
          icon={mode === 'tab' ? <Maximize2 aria-hidden="true" /> : <Minimize2 aria-hidden="true" />}
          label={mode === 'tab' ? 'Open full window' : 'Back to the session page'}
          showLabel="never"
        />
      </div>
    </div>
  );
}
