import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface HostOptions {
  /** Folder for the SQLite database, sandboxes and logs. */
  dataDir: string;
  /** Catalog file of agents and versions. */
  catalogFile: string;
  /** Project name in `/api/projects/{project}`. */
  project: string;
  /** When set, every API call needs `Authorization: Bearer <token>`. */
  token?: string;
  /** The project endpoint agent processes are told about (FOUNDRY_PROJECT_ENDPOINT); known once listening. */
  projectEndpoint?: string;
  /** Host names a request's Host header may carry (besides localhost forms); guards against DNS rebinding. */
  allowedHosts: string[];
  /** Overrides every version's idle timeout, in seconds. */
  idleTimeoutSeconds?: number;
  /** Seconds of log silence before the host says so in a status line. */
  heartbeatSeconds: number;
  /**
   * Log streams end as Foundry's do, so clients meet a closed stream on every machine: this many seconds
   * after they opened however busy (Foundry: 30 minutes), and after this many seconds without a log line
   * (Foundry: 2 minutes; heartbeats do not count, or a quiet stream would never end). Fractions are fine.
   */
  streamMaxAgeSeconds: number;
  streamIdleTimeoutSeconds: number;
  /** Seconds without activity before a session expires. */
  expirySeconds: number;
  /** How long an agent process may take to answer its readiness probe. */
  startupTimeoutSeconds: number;
  /** Grace period between SIGTERM and SIGKILL when an agent process is ended. */
  killGraceMs: number;
  /** How often the expiry sweeper runs. */
  sweepIntervalMs: number;
  /** How long an invocation may take, from the request to the end of the agent's reply. */
  invokeTimeoutSeconds: number;
  /** Largest request body an invocation may carry. */
  maxInvokeBytes: number;
  /**
   * Most log lines (and bytes of them) held per session for replay and for readers that fall behind.
   * A burst of this many lines reaches a reader that keeps up on average, even when it lags for a while.
   */
  logBufferLines: number;
  logBufferBytes: number;
  /**
   * An upload body that brings fewer than `uploadMinBytesPerWindow` bytes in a window of this many seconds
   * is cut off with a 408 and its temp file removed. The whole request has a limit too (15 minutes, set
   * where buildHost makes the server), but a client trickling bytes would hold a socket and an open file
   * until then.
   */
  uploadRateWindowSeconds: number;
  uploadMinBytesPerWindow: number;
}

const DEFAULT_CATALOG = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'sample-agents',
  'catalog.json',
);

const THIRTY_DAYS = 30 * 24 * 3600;

export function hostOptions(overrides: Partial<HostOptions> & Pick<HostOptions, 'dataDir'>): HostOptions {
  return {
    catalogFile: DEFAULT_CATALOG,
    project: 'local',
    allowedHosts: [],
    heartbeatSeconds: 60,
    streamMaxAgeSeconds: 30 * 60,
    streamIdleTimeoutSeconds: 2 * 60,
    expirySeconds: THIRTY_DAYS,
    startupTimeoutSeconds: 30,
    killGraceMs: 5000,
    sweepIntervalMs: 60_000,
    invokeTimeoutSeconds: 300,
    maxInvokeBytes: 10 * 1024 * 1024,
    logBufferLines: 100_000,
    logBufferBytes: 16 * 1024 * 1024,
    // About 550 bytes a second: far below any link worth uploading over, and a stall of half a minute passes.
    uploadRateWindowSeconds: 30,
    uploadMinBytesPerWindow: 16 * 1024,
    ...overrides,
  };
}
