import { useSyncExternalStore } from 'react';
import { API_VERSION } from '../../contract';

/** Where the console sends its calls, and as whom. Kept in this browser's localStorage. */
export interface ConnectionSettings {
  /** Project endpoint: absolute URL, or a path on this origin (the local host). */
  endpoint: string;
  apiVersion: string;
  /** Sent as `x-session-isolation-key` on create and on every changing call; empty sends none. */
  isolationKey: string;
}

export const LOCAL_ENDPOINT = '/api/projects/local';
export const DEFAULT_SETTINGS: ConnectionSettings = {
  endpoint: LOCAL_ENDPOINT,
  apiVersion: API_VERSION,
  isolationKey: '',
};

const STORAGE_KEY = 'asc.connection';
const listeners = new Set<() => void>();
let current = read();

function read(): ConnectionSettings {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return DEFAULT_SETTINGS;
    const parsed = JSON.parse(raw) as Partial<ConnectionSettings>;
    return {
      endpoint:
        typeof parsed.endpoint === 'string' && parsed.endpoint ? parsed.endpoint : DEFAULT_SETTINGS.endpoint,
      apiVersion:
        typeof parsed.apiVersion === 'string' && parsed.apiVersion ? parsed.apiVersion : API_VERSION,
      isolationKey: typeof parsed.isolationKey === 'string' ? parsed.isolationKey : '',
    };
  } catch {
    // Unreadable storage (private mode, bad JSON) falls back to the local host rather than failing.
    return DEFAULT_SETTINGS;
  }
}

export function getSettings(): ConnectionSettings {
  return current;
}

export function saveSettings(next: ConnectionSettings): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Still applied for this tab when storage refuses.
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== STORAGE_KEY) return;
    current = read();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useSettings(): ConnectionSettings {
  return useSyncExternalStore(subscribe, getSettings);
}
