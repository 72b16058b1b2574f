import { useCallback, useEffect, useState } from 'react';

/** How long a note in the status bar stays: long enough to read a sentence. */
const FLASH_MS = 2500;

/** A short note in the status bar ("Copied 3 lines."), and copying text with such a note. */
export function useFlash() {
  const [flash, setFlash] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!flash) return;
    const t = setTimeout(() => setFlash(undefined), FLASH_MS);
    return () => clearTimeout(t);
  }, [flash]);

  const copyText = useCallback((text: string, done: string) => {
    if (!navigator.clipboard) {
      setFlash('Copying needs a secure (https or localhost) page.');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => setFlash(done),
      () => setFlash('The browser refused to copy.'),
    );
  }, []);

  return { flash, say: setFlash, copyText };
}
