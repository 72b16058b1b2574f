import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { readOptions, writeOptions, type ConsoleOptions } from '../lib/console-options';
import { compileSearch, type Search } from '../lib/search';

/** Long enough that typing a word runs one search, not one per letter, over 100,000 lines. */
const SEARCH_DEBOUNCE_MS = 250;

export interface ConsoleOptionsState {
  options: ConsoleOptions;
  update: (patch: Partial<ConsoleOptions>) => void;
  /** The compiled search; `error` when the regular expression does not compile. */
  search: Search;
  /** What is in the search box right now (the URL follows it after a pause in typing). */
  draft: string;
  setDraft: (text: string) => void;
}

/**
 * The console's filters, search and display choices, kept in the URL so a view can be reloaded and
 * shared. Changes replace the history entry rather than add one: nobody wants Back to undo a checkbox.
 */
export function useConsoleOptions(): ConsoleOptionsState {
  const [params, setParams] = useSearchParams();
  const options = useMemo(() => readOptions(params), [params]);

  // The router hands an updater the parameters of its last render, so two changes in one tick (a
  // toggle, then the search box's delayed write) would undo each other. The newest URL asked for is
  // kept here until the router has it, and the next change builds on it.
  const pending = useRef<string | undefined>(undefined);
  // The router's own URL, not window.location: under a memory router (tests) the two differ.
  const current = useRef(params);
  useEffect(() => {
    current.current = params;
    if (pending.current === params.toString()) pending.current = undefined;
  }, [params]);

  const update = useCallback(
    (patch: Partial<ConsoleOptions>) => {
      const base = new URLSearchParams(pending.current ?? current.current);
      const next = writeOptions(base, { ...readOptions(base), ...patch });
      pending.current = next.toString();
      setParams(next, { replace: true, preventScrollReset: true });
    },
    [setParams],
  );

  const [draft, setDraftState] = useState(options.query);
  // What this box last wrote to the URL: a URL query that differs from it came from outside.
  const [written, setWritten] = useState(options.query);
  // A query that changed from outside (Back, a pasted link) replaces what is in the box.
  const [seenQuery, setSeenQuery] = useState(options.query);
  if (options.query !== seenQuery) {
    setSeenQuery(options.query);
    if (options.query !== written) setDraftState(options.query);
  }

  useEffect(() => {
    if (draft === options.query) return;
    const t = setTimeout(() => {
      setWritten(draft);
      update({ query: draft });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [draft, options.query, update]);

  const search = useMemo(
    () => compileSearch(options.query, { matchCase: options.matchCase, regex: options.regex }),
    [options.query, options.matchCase, options.regex],
  );

  const setDraft = useCallback((text: string) => setDraftState(text), []);
  return { options, update, search, draft, setDraft };
}
