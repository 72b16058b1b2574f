/**
 * history-search-1m: a full-text search over 1,000,000 recorded lines of one session, through the
 * console's history API (GET .../lines?q=<search>&limit=200), over the bare FTS5 query that returns the
 * same rows, run with better-sqlite3 in this process on the same file. Several searches (a rare word, a
 * common one, a prefix, a phrase); each round times every search on both sides, alternating which goes
 * first. A side's figure for a round is its mean time per answer over a short window of back-to-back
 * answers (one request in flight); each search's ratio is its route median over its bare median, and
 * the BENCH ratio their geometric mean.
 */
import { historyPath, LOCAL_CONNECTION, type RecordedLines } from '@contract';
import { RecorderStore } from '../src/console/recorder/store';
import { openConsoleDb, type ConsoleDb } from '../src/console/store/db';
import { PING_PATH, type BenchHost } from './host';
import { figures, median, type Benchmark } from './report';

const LINES = 1_000_000;
/** Lines per transaction while seeding (the recorder writes up to 20,000 a flush), and per INSERT. */
const SEED_BATCH = 50_000;
const SEED_ROWS = 5000;
const LIMIT = 200;
// Many short windows rather than a few long ones: on a busy machine a disturbance then spoils one sample.
const ROUNDS = 9;
/** Each side's window per search per round. */
const WINDOW_MS = 200;
const AGENT = 'bench-history-agent';
const SESSION = 'ses_bench_history_1m';
/** A line every 5 ms, ending now: about 83 minutes, well inside the history's days. */
const LINE_EVERY_MS = 5;

/**
 * `q` as a person types it into the console; `fts` the same search written for FTS5 by hand, for the
 * bare query. What each is meant to exercise is in `kind`.
 */
const SEARCHES = [
  { kind: 'rare', q: 'deadlock', fts: 'deadlock' },
  { kind: 'common', q: 'request', fts: 'request' },
  { kind: 'prefix', q: 'retr*', fts: 'retr*' },
  { kind: 'phrase', q: '"upstream timeout"', fts: '"upstream timeout"' },
] as const;

// The bare query: the FTS index leads, newest first, joined to the lines for the row.
const BARE_SQL = `SELECT l.* FROM log_lines_fts f JOIN log_lines l ON l.seq = f.rowid
  WHERE log_lines_fts MATCH ? AND l.recording_id = ? ORDER BY f.rowid DESC LIMIT ${LIMIT}`;

export const historySearch: Benchmark<BenchHost> = {
  name: 'history-search-1m',
  run: async (host) => {
    const db = openConsoleDb(host.dataDir);
    try {
      const seedStart = performance.now();
      const recording = seed(db);
      const seedMs = performance.now() - seedStart;
      const bare = db.prepare<[string, number], { seq: number }>(BARE_SQL);
      const pages = (name: string) => db.pragma(name, { simple: true }) as number;
      const fileMb = (pages('page_count') * pages('page_size')) / 1e6;

      const routeUrl = (q: string) => {
        const u = new URL(`${host.origin}${historyPath(LOCAL_CONNECTION, AGENT, SESSION)}/lines`);
        u.searchParams.set('q', q);
        u.searchParams.set('limit', String(LIMIT));
        return u.toString();
      };
      const pingUrl = `${host.origin}${PING_PATH}`;

      // Same rows both ways, and how many lines each search matches in all.
      const matches: number[] = [];
      for (const s of SEARCHES) {
        const res = await fetch(routeUrl(s.q));
        if (res.status !== 200)
          throw new Error(`search '${s.q}' answered ${res.status}: ${await res.text()}`);
        const viaRoute = ((await res.json()) as RecordedLines).data.map((l) => l.seq);
        const viaBare = bare.all(s.fts, recording).map((r) => r.seq);
        if (viaRoute.join() !== viaBare.join()) {
          throw new Error(`search '${s.q}': the route and the bare query return different lines`);
        }
        matches.push(
          (
            db.prepare('SELECT count(*) AS n FROM log_lines_fts WHERE log_lines_fts MATCH ?').get(s.fts) as {
              n: number;
            }
          ).n,
        );
      }

      /** Mean ms per answer over one window of back-to-back answers, in this thread. */
      const bareWindow = (fts: string) => {
        const start = performance.now();
        let n = 0;
        while (performance.now() - start < WINDOW_MS) {
          bare.all(fts, recording);
          n++;
        }
        return (performance.now() - start) / n;
      };
      /** The same through HTTP, from the client worker, one request in flight. */
      const httpWindow = async (url: string) => {
        const r = await host.client.load([url], 1, WINDOW_MS);
        return r.elapsedMs / r.completed;
      };

      // Warm-up: JIT, prepared statements, the page caches of both connections.
      for (const s of SEARCHES) {
        bareWindow(s.fts);
        await httpWindow(routeUrl(s.q));
      }
      await httpWindow(pingUrl);

      const route: number[][] = SEARCHES.map(() => []);
      const bareMs: number[][] = SEARCHES.map(() => []);
      const ping: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const routeFirst = round % 2 === 0;
        for (const [i, s] of SEARCHES.entries()) {
          if (routeFirst) route[i]!.push(await httpWindow(routeUrl(s.q)));
          bareMs[i]!.push(bareWindow(s.fts));
          if (!routeFirst) route[i]!.push(await httpWindow(routeUrl(s.q)));
        }
        ping.push(await httpWindow(pingUrl));
      }

      const routeMedians = route.map(median);
      const bareMedians = bareMs.map(median);
      const pingMs = median(ping);
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
      const ratios = routeMedians.map((r, i) => r / bareMedians[i]!);
      // Each kind of search counts the same, however long it takes (a sum would be the prefix's ratio).
      const geomean = Math.exp(sum(ratios.map(Math.log)) / ratios.length);
      const us = (ms: number) => (ms * 1000).toFixed(0);
      return {
        name: 'history-search-1m',
        ratio: geomean,
        target: { op: '<=', value: 1.5 },
        raw: [
          `setup: ${LINES} lines of one session stored in the recorder's tables in ${(seedMs / 1000).toFixed(1)} s (transactions of ${SEED_BATCH}); console.sqlite ${fileMb.toFixed(0)} MB`,
          `ratio: geometric mean of the ${SEARCHES.length} searches' ratios (route median over bare median); their times added up instead: ${(sum(routeMedians) / sum(bareMedians)).toFixed(2)}`,
          ...SEARCHES.map(
            (s, i) =>
              `${s.kind} q=${s.q} (${matches[i]} lines match): route median=${us(routeMedians[i]!)} us [${figures(
                route[i]!.map((v) => v * 1000),
                0,
              )}], bare median=${us(bareMedians[i]!)} us [${figures(
                bareMs[i]!.map((v) => v * 1000),
                0,
              )}], ratio=${ratios[i]!.toFixed(2)}`,
          ),
          `HTTP floor: GET ${PING_PATH} median=${us(pingMs)} us [${figures(
            ping.map((v) => v * 1000),
            0,
          )}]; the route less that floor, over bare: ${((sum(routeMedians) - SEARCHES.length * pingMs) / sum(bareMedians)).toFixed(2)}`,
          `route: GET ${historyPath(LOCAL_CONNECTION, AGENT, SESSION)}/lines?q=..&limit=${LIMIT} from the client worker, one request in flight; bare: better-sqlite3 .all() on this thread, rows as objects`,
          `each figure: mean time per answer over a ${WINDOW_MS} ms window; ${ROUNDS} rounds, alternating which side goes first`,
        ],
      };
    } finally {
      db.close();
    }
  },
};

/**
 * Stores the lines in the recorder's tables, a few thousand rows an INSERT so a million take seconds;
 * the first search (the route's, before any timing) fills the full-text index as it does after the
 * recorder stored lines it has not indexed yet. Returns the recording's id.
 */
function seed(db: ConsoleDb): number {
  const store = new RecorderStore(db);
  const now = Date.now();
  const { id } = store.ensure({ connection: LOCAL_CONNECTION, agent: AGENT, session: SESSION }, now);
  const insert = db.prepare<[number, string]>(
    `INSERT INTO log_lines (recording_id, event_id, at_ms, stream, message)
       SELECT ?, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3 FROM json_each(?) j`,
  );
  const counts = db.prepare<[number, string, number, number]>(
    `UPDATE recordings SET lines = lines + ?, last_event_id = ?, first_line_ms = coalesce(first_line_ms, ?)
       WHERE id = ?`,
  );
  const messages = messageMaker(0x5eed);
  const firstMs = now - LINES * LINE_EVERY_MS;
  for (let from = 0; from < LINES; from += SEED_BATCH) {
    const to = Math.min(from + SEED_BATCH, LINES);
    db.transaction(() => {
      for (let chunk = from; chunk < to; chunk += SEED_ROWS) {
        const rows: [string, number, string, string][] = [];
        for (let i = chunk; i < Math.min(chunk + SEED_ROWS, to); i++) {
          const { stream, message } = messages();
          // The local host numbers its lines from 1; the recorder keeps those ids.
          rows.push([String(i + 1), firstMs + i * LINE_EVERY_MS, stream, message]);
        }
        insert.run(id, JSON.stringify(rows));
      }
      counts.run(to - from, String(to), firstMs, id);
    })();
  }
  return id;
}

/**
 * Log lines such as an agent writes: request logs, job progress, retries, errors with ids, JSON, tool
 * calls, now and then a traceback. Random ids and numbers give the index many one-off tokens, as real
 * logs do. `deadlock` appears about once in 40,000 lines and nowhere else.
 */
function messageMaker(seed: number): () => { stream: string; message: string } {
  // mulberry32: the same lines every run.
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]) => items[int(items.length)]!;
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[int(16)];
    return s;
  };
  const methods = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'] as const;
  const resources = ['orders', 'users', 'invoices', 'carts', 'products', 'sessions', 'reports'] as const;
  const statuses = [200, 200, 200, 200, 201, 204, 304, 400, 404, 409, 500, 503] as const;
  const services = ['payment-service', 'inventory', 'search-api', 'auth', 'db-primary', 'redis'] as const;
  const tools = ['web_search', 'code_interpreter', 'file_search', 'get_weather', 'send_email'] as const;
  const models = ['gpt-4o', 'gpt-4o-mini', 'o3-mini'] as const;
  const words = [
    'cache',
    'index',
    'queue',
    'batch',
    'shard',
    'token',
    'buffer',
    'stream',
    'snapshot',
    'manifest',
    'checkpoint',
    'lease',
  ] as const;
  const templates: (() => { stream: string; message: string })[] = [
    () => ({
      stream: 'stdout',
      message: `INFO ${pick(methods)} /api/${pick(resources)}/${int(100_000)} ${pick(statuses)} ${int(900) + 1} ms request_id=${hex(12)}`,
    }),
    () => ({
      stream: 'stdout',
      message: `INFO worker-${int(8)} processed job ${hex(8)} (${pick(words)} ${int(5000)} items) in ${int(2000)} ms`,
    }),
    () => ({
      stream: 'stdout',
      message: `DEBUG ${pick(words)} hit for key user:${int(50_000)}:${pick(words)}; ${int(100)} entries, ${int(64)} KB`,
    }),
    () => ({
      stream: 'stdout',
      message: JSON.stringify({
        level: 'info',
        msg: 'tool call finished',
        tool: pick(tools),
        duration_ms: int(4000),
        call_id: `call_${hex(10)}`,
      }),
    }),
    () => ({
      stream: 'stdout',
      message: `model ${pick(models)} tokens in=${int(8000)} out=${int(2000)} latency=${int(9000)}ms response_id=resp_${hex(16)}`,
    }),
    () => ({
      stream: 'stdout',
      message: `handled request ${hex(8)} from 10.${int(256)}.${int(256)}.${int(256)} for tenant t-${int(300)}`,
    }),
    () => ({
      stream: 'stderr',
      message: `WARN retrying connection to ${pick(services)} (attempt ${int(5) + 1} of 5) after ${int(3000)} ms`,
    }),
    () => ({
      stream: 'stderr',
      message: `ERROR request ${hex(12)} failed: upstream timeout after ${pick([5000, 10_000, 30_000])} ms calling ${pick(services)}`,
    }),
    () => ({
      stream: 'stderr',
      message: `  File "/app/agent/${pick(words)}.py", line ${int(900) + 1}, in ${pick(['run', 'handle', 'flush', 'call_tool'])}`,
    }),
    () => ({
      stream: 'stdout',
      message: `${pick(words)} ${pick(['compacted', 'rotated', 'flushed', 'rebuilt'])}: ${int(10_000)} ${pick(words)} entries, ${int(5000)} ms, next in ${int(60)} s`,
    }),
  ];
  let n = 0;
  return () => {
    n++;
    if (random() < 1 / 40_000) {
      return {
        stream: 'stderr',
        message: `ERROR transaction ${hex(8)} aborted: deadlock detected on ${pick(resources)} (line ${n})`,
      };
    }
    return pick(templates)();
  };
}
