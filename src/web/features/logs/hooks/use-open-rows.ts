import { useCallback, useState } from 'react';

/** Which lines show their JSON opened up, and which giant lines show in full. */
export function useOpenRows() {
  const [jsonOpen, setJsonOpen] = useState<ReadonlySet<number>>(() => new Set());
  const [fullOpen, setFullOpen] = useState<ReadonlySet<number>>(() => new Set());
  const toggleJson = useCallback((seq: number) => setJsonOpen((s) => toggle(s, seq)), []);
  const toggleFull = useCallback((seq: number) => setFullOpen((s) => toggle(s, seq)), []);
  const closeAll = useCallback(() => {
    setJsonOpen(new Set());
    setFullOpen(new Set());
  }, []);
  return { jsonOpen, fullOpen, toggleJson, toggleFull, closeAll };
}

function toggle(set: ReadonlySet<number>, seq: number): ReadonlySet<number> {
  const next = new Set(set);
  if (!next.delete(seq)) next.add(seq);
  return next;
}
