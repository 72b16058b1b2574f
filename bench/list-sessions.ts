/**
 * list-sessions: requests per second for a 100-item page of sessions with 10,000 stored, over requests
 * per second for a trivial route on the same server. The measured loop cycles through every page of the
 * list (cursor `after=<id>`), so it is not only the first page that is served.
 */
import type { AgentSession, List } from '@contract';
import { SessionsRepo, type SessionRow } from '../src/host/store/sessions-repo';
import { PING_PATH, type BenchHost } from './host';
import { figures, median, type Benchmark } from './report';

const SESSIONS = 10_000;
const PAGE = 100;
const CONCURRENCY = 16;
const ROUND_MS = 1000;
const ROUNDS = 5;
const ID_PREFIX = 'ses_bench_';

export const listSessions: Benchmark<BenchHost> = {
  name: 'list-sessions',
  run: async (host) => {
    const agent = 'notes-agent';
    insertSessions(host, agent);
    const listPath = `/agents/${agent}/endpoint/sessions`;
    const pageUrls = await collectPages(host, listPath);
    const pingUrls = [`${host.origin}${PING_PATH}`];

    // Warm-up: JIT, socket pool, SQLite page cache.
    await host.client.load(pageUrls, CONCURRENCY, ROUND_MS);
    await host.client.load(pingUrls, CONCURRENCY, ROUND_MS);

    const list: number[] = [];
    const ping: number[] = [];
    const busy = { list: [] as number[], ping: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first so a slow drift (thermal, page cache) does not favour one side.
      const order = round % 2 === 0 ? (['list', 'ping'] as const) : (['ping', 'list'] as const);
      for (const side of order) {
        const result = await host.client.load(side === 'list' ? pageUrls : pingUrls, CONCURRENCY, ROUND_MS);
        (side === 'list' ? list : ping).push(result.rps);
        busy[side].push(result.hostBusy);
      }
    }

    const inProcess = timeRepoPaging(host, agent);
    const listRps = median(list);
    const pingRps = median(ping);
    return {
      name: 'list-sessions',
      ratio: listRps / pingRps,
      target: { op: '>=', value: 0.5 },
      raw: [
        `setup: ${SESSIONS} sessions stored; GET ${listPath}?limit=${PAGE} cycling through all ${pageUrls.length} pages (after=<id>)`,
        `load: ${CONCURRENCY} keep-alive requests in flight, ${ROUND_MS} ms per side per round, ${ROUNDS} rounds alternating, after a warm-up`,
        `list req/s: median=${listRps.toFixed(0)} rounds=[${figures(list, 0)}]`,
        `ping req/s: median=${pingRps.toFixed(0)} rounds=[${figures(ping, 0)}] (GET ${PING_PATH}, same server and root hooks)`,
        `host event loop busy: list=${(median(busy.list) * 100).toFixed(0)}% ping=${(median(busy.ping) * 100).toFixed(0)}% (median; below ~90% the client, not the host, sets the rate)`,
        `per-round ratios: [${list.map((l, i) => (l / ping[i]!).toFixed(3)).join(' ')}]`,
        `in-process SessionsRepo.list() for one ${PAGE}-row page (SQL + row mapping, no HTTP, no cache): ${inProcess.toFixed(1)} us`,
        "the host keeps serialized pages until that agent's sessions change, so after the first pass the loop is served from that cache",
        'client: a worker thread of this process (keep-alive connections, answers framed not parsed); the host serves on the main thread',
      ],
    };
  },
};

/**
 * Stores `count` sessions through the host's own repository in one transaction: legitimate setup that
 * spares starting 10,000 agent processes. They are idle sessions, as after a stop or a restart, with ids
 * `{prefix}000000`, `{prefix}000001`, … (newest last). sessions-page-100 uses it too, on another agent.
 */
export function insertSessions(host: BenchHost, agent: string, count = SESSIONS, prefix = ID_PREFIX): void {
  const version = host.app.host.agents.versionNames(agent)[0];
  if (version === undefined) throw new Error(`agent '${agent}' has no version in the catalog`);
  const repo = new SessionsRepo(host.app.host.db);
  const now = Math.floor(Date.now() / 1000);
  host.app.host.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const created = now - (count - i);
      const row: Omit<SessionRow, 'seq'> = {
        agent_name: agent,
        session_id: sessionAt(i, prefix),
        agent_version: version,
        status: 'idle',
        created_at: created,
        last_accessed_at: created,
        expires_at: now + 30 * 24 * 3600,
        stopped_at: created,
        owner_key_hash: null,
      };
      if (!repo.insert(row)) throw new Error(`session ${row.session_id} already stored`);
    }
  })();
}

/**
 * Walks the list once over HTTP and returns the URL of every full page: the first, then one per cursor.
 * Sessions other benchmarks made for the same agent may add a short last page; it is left out.
 */
async function collectPages(host: BenchHost, listPath: string): Promise<string[]> {
  const urls: string[] = [];
  let after: string | undefined;
  for (;;) {
    const url = host.url(listPath, { limit: PAGE, ...(after !== undefined && { after }) });
    const res = await fetch(url);
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as List<AgentSession>;
    if (body.data.length === PAGE) urls.push(url);
    if (!body.has_more) break;
    after = body.last_id;
  }
  if (urls.length < SESSIONS / PAGE)
    throw new Error(`expected ${SESSIONS / PAGE} full pages, walked ${urls.length}`);
  return urls;
}

/**
 * Microseconds per page for the repository's list call alone (SQL and row mapping, never cached), to
 * tell the cost of a page the host has not served before from HTTP costs.
 */
function timeRepoPaging(host: BenchHost, agent: string): number {
  const sessions = new SessionsRepo(host.app.host.db);
  // Newest first: page k (k >= 1) follows the session with index SESSIONS - k * PAGE.
  const cursors = [
    undefined,
    ...Array.from({ length: SESSIONS / PAGE - 1 }, (_, i) => sessionAt(SESSIONS - (i + 1) * PAGE)),
  ];
  const calls = 2000;
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    const after = cursors[i % cursors.length];
    sessions.list(agent, { limit: PAGE, ...(after !== undefined && { after }) });
  }
  return ((performance.now() - start) * 1000) / calls;
}

const sessionAt = (i: number, prefix = ID_PREFIX) => `${prefix}${String(i).padStart(6, '0')}`;
