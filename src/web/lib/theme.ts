import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'light' | 'dark' | 'system';

const THEME_CHOICES: readonly ThemeChoice[] = ['light', 'dark', 'system'];

/** Also read by the pre-paint script in index.html: change both together. */
const STORAGE_KEY = 'asc.theme';

function isThemeChoice(value: unknown): value is ThemeChoice {
  return THEME_CHOICES.includes(value as ThemeChoice);
}

function readStoredChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    // Storage can be blocked (privacy settings, sandboxed frames); the system choice still works.
    return 'system';
  }
}

// Read lazily so importing this module touches no browser API (component tests may run without a DOM).
let current: ThemeChoice | undefined;
const listeners = new Set<() => void>();
const darkQuery = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

function getThemeChoice(): ThemeChoice {
  current ??= readStoredChoice();
  return current;
}

function apply(): void {
  const choice = getThemeChoice();
  const dark = choice === 'dark' || (choice === 'system' && darkQuery().matches);
  document.documentElement.classList.toggle('dark', dark);
  for (const listener of listeners) listener();
}

export function setThemeChoice(choice: ThemeChoice): void {
  current = choice;
  try {
    window.localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not persisted, but the page still switches for this visit.
  }
  apply();
}

/**
 * Keeps <html> in step when the OS theme flips (for "system") or another tab changes the choice.
 * Called once at start-up rather than from a component, so it works even when the layout does not render.
 */
export function startThemeSync(): void {
  darkQuery().addEventListener('change', apply);
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY) return;
    current = readStoredChoice();
    apply();
  });
  apply();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, getThemeChoice);
}
