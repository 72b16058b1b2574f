import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ExportFormat } from '../lib/export';
import type { Connection, LogStore } from '../lib/log-store';
import type { ExportScope } from '../hooks/use-log-download';
import type { MatchDirection } from '../hooks/use-match-navigation';

/** What a pane offers the controls inside it (the toolbar, or a compare header). */
export interface PaneApi {
  agent: string;
  sessionId: string;
  store: LogStore;
  connection: Connection;
  retryNow: () => void;
  heldCount: number;
  shownCount: number;
  paused: boolean;
  togglePause: () => void;
  following: boolean;
  jumpToLatest: () => void;
  matchCount: number;
  /** 1-based position of the current match, when there is one. */
  matchPosition: number | undefined;
  nextMatch: () => void;
  previousMatch: () => void;
  clear: () => void;
  download: (scope: ExportScope, format: ExportFormat) => void;
  /** Link to the lines selected now, with the current filters; undefined when none have ids. */
  selectionLink: () => string | undefined;
  /** Copies text and says so in the status bar. */
  copyText: (text: string, done: string) => void;
}

/** The pane around a component; undefined outside one (controls shared by several panes). */
export const LogPaneContext = createContext<PaneApi | undefined>(undefined);

/** The pane a header or toolbar sits in. */
export function useLogPane(): PaneApi {
  const pane = useContext(LogPaneContext);
  if (!pane) throw new Error('useLogPane is for components inside a LogPane.');
  return pane;
}

interface PaneGroup {
  join: (moveMatch: (direction: MatchDirection) => void) => () => void;
  moveMatch: (direction: MatchDirection) => void;
}

const PaneGroupContext = createContext<PaneGroup | undefined>(undefined);

/**
 * Panes shown together (side by side) under one search box: moving to the next match moves every
 * pane in the group to its own next match.
 */
export function LogPaneGroup({ children }: { children: ReactNode }) {
  // Made once: panes joining and leaving must not re-render the group.
  const [group] = useState<PaneGroup>(() => {
    const members = new Set<(direction: MatchDirection) => void>();
    return {
      join: (moveMatch) => {
        members.add(moveMatch);
        return () => {
          members.delete(moveMatch);
        };
      },
      moveMatch: (direction) => {
        for (const move of members) move(direction);
      },
    };
  });
  return <PaneGroupContext value={group}>{children}</PaneGroupContext>;
}

/** For a pane: joins the group it is in, if any, so the group's search box can move it. */
export function useJoinPaneGroup(moveMatch: (direction: MatchDirection) => void) {
  const group = useContext(PaneGroupContext);
  useEffect(() => {
    if (group) return group.join(moveMatch);
  }, [group, moveMatch]);
}

/** For controls shared by the panes of a group: moves each pane to its next or previous match. */
export function usePaneGroupMatch(): (direction: MatchDirection) => void {
  const group = useContext(PaneGroupContext);
  return group ? group.moveMatch : ignore;
}

function ignore() {}
