import { useSyncExternalStore } from 'react';
import { API_VERSION, CONNECTION_NAME_PATTERN, LOCAL_CONNECTION } from '@contract';

/**
 * Where the console sends its calls, and as whom. Kept in this browser's localStorage.
 *
 * A person picks a connection by name (the header's switcher, Settings); `endpoint` is that connection's
 * `api_base`, kept beside the name so every call can be built at once, before the list of connections
 * has loaded. Code that sets an endpoint directly (tests) may leave the name out: it is then worked out
 * from the endpoint when it is one of this server's own, and stays unset otherwise.
 */
export interface ConnectionSettings {
  /** The chosen connection (`local`, or a Foundry connection reached through `/gateway/{name}`). */
  connection?: string | undefined;
  /** Project endpoint: a path on this origin (`/api/projects/local`, `/gateway/{name}`) or an absolute URL. */
  endpoint: string;
  apiVersion: string;
  /** Sent as `x-session-isolation-key` on create and on every changing call; empty sends none. */
  isolationKey: string;
}

const LOCAL_ENDPOINT = '/api/projects/local';
export const DEFAULT_SETTINGS: ConnectionSettings = {
  connection: LOCAL_CONNECTION,
  endpoint: LOCAL_ENDPOINT,
  apiVersion: API_VERSION,
  isolationKey: '',
};

const NAME = new RegExp(CONNECTION_NAME_PATTERN);
const GATEWAY_BASE = /^\/gateway\/([^/]+)$/;

/** The connection an endpoint of this server belongs to: `local`, a gateway connection, or none. */
export function connectionOfEndpoint(endpoint: string): string | undefined {
  const path = endpoint.replace(/\/+$/, '');
  if (path === LOCAL_ENDPOINT) return LOCAL_CONNECTION;
  const name = GATEWAY_BASE.exec(path)?.[1];
  return name !== undefined && NAME.test(name) ? name : undefined;
}

/** True when calls go through the gateway to a Foundry project (so a 401 is Foundry's, not this server's). */
export function isGatewayEndpoint(endpoint: string): boolean {
  return GATEWAY_BASE.test(endpoint.replace(/\/+$/, ''));
}

/**
 * The settings with a connection name that matches the endpoint, which is what calls actually use: a
 * server endpoint names its own connection, a name given with another path (an `api_base` this code
 * does not know the form of) is kept, and an absolute URL belongs to no connection.
 */
function withConnection(settings: ConnectionSettings): ConnectionSettings {
  const given = settings.connection;
  const named = typeof given === 'string' && NAME.test(given) ? given : undefined;
  const connection =
    connectionOfEndpoint(settings.endpoint) ?? (settings.endpoint.startsWith('/') ? named : undefined);
  return { ...settings, connection };
}

const STORAGE_KEY = 'asc.connection';
const listeners = new Set<() => void>();
let current = read();

function read(): ConnectionSettings {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return DEFAULT_SETTINGS;
    const parsed = JSON.parse(raw) as Partial<ConnectionSettings>;
    // Settings saved before connections existed have no name; it is worked out from the endpoint.
    return withConnection({
      connection: parsed.connection,
      endpoint:
        typeof parsed.endpoint === 'string' && parsed.endpoint ? parsed.endpoint : DEFAULT_SETTINGS.endpoint,
      apiVersion:
        typeof parsed.apiVersion === 'string' && parsed.apiVersion ? parsed.apiVersion : API_VERSION,
      isolationKey: typeof parsed.isolationKey === 'string' ? parsed.isolationKey : '',
    });
  } catch {
    // Unreadable storage (private mode, bad JSON) falls back to the local host rather than failing.
    return DEFAULT_SETTINGS;
  }
}

export function getSettings(): ConnectionSettings {
  return current;
}

export function saveSettings(next: ConnectionSettings): void {
  current = withConnection(next);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // Still applied for this tab when storage refuses.
  }
  listeners.forEach((l) => l());
}

/** A subscription to one stored value: changes made here, and in other tabs (the `storage` event). */
function storedValueSubscriber(key: string, listeners: Set<() => void>, reread: () => void) {
  return (listener: () => void): (() => void) => {
    listeners.add(listener);
    const onStorage = (e: StorageEvent) => {
      if (e.key !== key) return;
      reread();
      listener();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('storage', onStorage);
    };
  };
}

const subscribe = storedValueSubscriber(STORAGE_KEY, listeners, () => {
  current = read();
});

export function useSettings(): ConnectionSettings {
  return useSyncExternalStore(subscribe, getSettings);
}

// The person's own name for the audit trail, apart from the connection settings: it is the same on every
// connection, and changing it must not empty the cache the way a change of connection does.

const USER_LABEL_KEY = 'asc.user-label';
const labelListeners = new Set<() => void>();
let currentLabel = readUserLabel();

function readUserLabel(): string {
  try {
    return localStorage.getItem(USER_LABEL_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The name this browser gives its person, sent with every call to the console's server; '' for none. */
export function getUserLabel(): string {
  return currentLabel;
}

/** Keeps `label` as given (the caller has checked it); '' forgets it. */
export function saveUserLabel(label: string): void {
  currentLabel = label;
  try {
    if (label) localStorage.setItem(USER_LABEL_KEY, label);
    else localStorage.removeItem(USER_LABEL_KEY);
  } catch {
    // Still applied for this tab when storage refuses.
  }
  labelListeners.forEach((l) => l());
}

const subscribeUserLabel = storedValueSubscriber(USER_LABEL_KEY, labelListeners, () => {
  currentLabel = readUserLabel();
});

export function useUserLabel(): string {
  return useSyncExternalStore(subscribeUserLabel, getUserLabel);
}
