import { createContext, useContext, useEffect, useState, type ReactNode, type RefObject } from 'react';
import type { ExportFormat } from '../lib/export';
import type { Connection, LogStore } from '../lib/log-store';
import type { ExportScope } from '../hooks/use-log-download';
import { useMatchKeys } from '../hooks/use-key-bindings';
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
  /** Adds a pane, by its root element; returns what removes it. */
  join: (root: RefObject<HTMLElement | null>, moveMatch: (direction: MatchDirection) => void) => () => void;
  /** Moves every pane (the group's own search box). */
  moveMatch: (direction: MatchDirection) => void;
  /** Remembers the pane holding this node as the one a person chose, if one does. */
  choose: (node: Node) => void;
  /** Moves the pane keys are meant for: the one in focus, else the last one chosen, else every pane. */
  moveChosen: (direction: MatchDirection) => void;
}

function createPaneGroup(): PaneGroup {
  // Keyed by the root's ref, which lives as long as the pane: `moveMatch` changes with every match.
  const members = new Map<RefObject<HTMLElement | null>, (direction: MatchDirection) => void>();
  let chosen: RefObject<HTMLElement | null> | undefined;
  const holding = (node: Node | null) =>
    node ? [...members.keys()].find((root) => root.current?.contains(node)) : undefined;
  const moveMatch = (direction: MatchDirection) => {
    for (const move of members.values()) move(direction);
  };
  return {
    join: (root, move) => {
      members.set(root, move);
      return () => {
        members.delete(root);
        if (chosen === root) chosen = undefined;
      };
    },
    moveMatch,
    choose: (node) => {
      chosen = holding(node) ?? chosen;
    },
    moveChosen: (direction) => {
      const root = holding(document.activeElement) ?? chosen;
      const move = root && members.get(root);
      if (move) move(direction);
      else moveMatch(direction);
    },
  };
}

const PaneGroupContext = createContext<PaneGroup | undefined>(undefined);

/**
 * Panes shown together (side by side) under one search box: moving to the next match there moves every
 * pane in the group to its own next match. n and N go to one pane: the one in focus, or else the last
 * one clicked (a click on a header takes no focus); before anyone picks a pane they move every pane.
 */
export function LogPaneGroup({ children }: { children: ReactNode }) {
  // Made once: panes joining and leaving must not re-render the group.
  const [group] = useState(createPaneGroup);
  useEffect(() => {
    const choose = (e: Event) => {
      if (e.target instanceof Node) group.choose(e.target);
    };
    // Capturing, so a control that stops the event inside a pane still counts as a choice.
    document.addEventListener('pointerdown', choose, true);
    document.addEventListener('focusin', choose, true);
    return () => {
      document.removeEventListener('pointerdown', choose, true);
      document.removeEventListener('focusin', choose, true);
    };
  }, [group]);
  useMatchKeys(group.moveChosen);
  return <PaneGroupContext value={group}>{children}</PaneGroupContext>;
}

/**
 * For a pane: joins the group it is in, if any, so the group's search box and keys can move it.
 * True when it is in a group: then n and N are the group's, not the pane's.
 */
export function useJoinPaneGroup(
  root: RefObject<HTMLElement | null>,
  moveMatch: (direction: MatchDirection) => void,
): boolean {
  const group = useContext(PaneGroupContext);
  useEffect(() => {
    if (group) return group.join(root, moveMatch);
  }, [group, root, moveMatch]);
  return group !== undefined;
}

/** For controls shared by the panes of a group: moves each pane to its next or previous match. */
export function usePaneGroupMatch(): (direction: MatchDirection) => void {
  const group = useContext(PaneGroupContext);
  return group ? group.moveMatch : ignore;
}

function ignore() {}
