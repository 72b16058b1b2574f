/**
 * The live log console under a burst, in Chromium: bench/log-burst-agent.mjs writes 100,000 numbered
 * stdout lines as fast as its pipe takes them, and three figures come out of one run.
 *
 * - logs-ingest-100k: ms from the burst's trigger until the console shows the last line (first animation
 *   frame with it in a rendered row), over ms until a bare page on the same origin, which only reads the
 *   same stream with fetch and counts its frames, sees it. Each side runs on a fresh session with its own
 *   burst, alternating, median of 5.
 * - logs-longest-task: the longest main-thread task (PerformanceObserver 'longtask') in the console
 *   between the trigger and the last line shown, worst of the console rounds, over a 100 ms budget.
 * - logs-heap-100k: the page's JS heap once the console holds the 100,000 lines, after a full GC, over a
 *   150 MB budget; in a browser of its own started with --expose-gc and precise memory figures.
 */
import type { Browser, Page } from '@playwright/test';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiPaths, type AgentSession } from '@contract';
import { launchChromium } from './browser';
import { PING_PATH, type BenchHost } from './host';
import { freshPage } from './page-frames';
import { figures, median, type Benchmark, type BenchResult } from './report';

export const AGENT = 'log-burst-agent';
const VERSION = '1';
export const LINES = 100_000;
/** The burst's last line; the agent numbers its lines from 1. */
const LAST = `burst ${LINES}`;
// Five a side: single rounds on a 2-core machine move by a quarter, and a median of three still swung.
const ROUNDS = 5;
const TASK_BUDGET_MS = 100;
const HEAP_BUDGET_MB = 150;
const TIMEOUT_MS = 120_000;
const mb = (bytes: number) => bytes / 1e6;

/** One console round: what the page saw, and what it said about itself afterwards. */
interface ConsoleRound {
  /** Trigger -> first frame with the last line in a row. */
  ms: number;
  /** Long tasks that overlapped the ingest, in ms, longest first. */
  tasks: number[];
  held: number;
  received: number;
  dropped: number;
  /** The agent's own time to write the burst into its pipe (from its answer). */
  agentMs: number;
}

interface BareRound {
  ms: number;
  /** `event: log` frames the bare page read, and how many of them were burst lines. */
  frames: number;
  burstLines: number;
  agentMs: number;
}

export interface BenchWindow {
  __longTasks?: [number, number][];
  __lastShown?: Promise<number>;
  __bare?: { done: Promise<{ at: number; frames: number; burstLines: number }> };
  gc?: () => void;
}

export const logsIngest: Benchmark<BenchHost> = {
  name: 'logs-ingest',
  results: ['logs-ingest-100k', 'logs-longest-task', 'logs-heap-100k'],
  run: async (host) => {
    const consoleRounds: ConsoleRound[] = [];
    const bareRounds: BareRound[] = [];
    let browser = await launchChromium();
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which side goes first so a slow drift (other work on the machine) favours neither.
        const order = round % 2 === 0 ? (['console', 'bare'] as const) : (['bare', 'console'] as const);
        for (const side of order) {
          if (side === 'console') consoleRounds.push((await consoleRound(host, browser)).round);
          else bareRounds.push(await bareRound(host, browser));
        }
      }
    } finally {
      await browser.close();
    }

    browser = await launchChromium(['--js-flags=--expose-gc', '--enable-precise-memory-info']);
    let heap: HeapRound;
    try {
      heap = await heapRound(host, browser);
    } finally {
      await browser.close();
    }

    const consoleAll = consoleRounds.map((r) => r.ms);
    const bareAll = bareRounds.map((r) => r.ms);
    const consoleMs = median(consoleAll);
    const bareMs = median(bareAll);
    const longest = Math.max(0, ...consoleRounds.flatMap((r) => r.tasks));
    const shape = (r: ConsoleRound) => `held=${r.held} received=${r.received} dropped=${r.dropped}`;
    const agentMs = (rounds: { agentMs: number }[]) =>
      figures(
        rounds.map((r) => r.agentMs),
        0,
      );
    const ingest: BenchResult = {
      name: 'logs-ingest-100k',
      ratio: consoleMs / bareMs,
      target: { op: '<=', value: 1.5 },
      raw: [
        `console ms: median=${consoleMs.toFixed(0)} rounds=[${figures(consoleAll, 0)}] (trigger -> first frame with "${LAST}" in a row)`,
        `bare page ms: median=${bareMs.toFixed(0)} rounds=[${figures(bareAll, 0)}] (trigger -> fetch reader sees "${LAST}")`,
        `console panes: ${consoleRounds.map(shape).join('; ')}`,
        `bare page frames: ${bareRounds.map((r) => `${r.frames} (${r.burstLines} burst lines)`).join('; ')}`,
        `agent wrote the burst in ms: console rounds [${agentMs(consoleRounds)}], bare rounds [${agentMs(bareRounds)}]`,
        `${LINES} lines per burst, each round a fresh session of ${AGENT} and a new page; ${ROUNDS} rounds each side, alternating`,
      ],
    };
    const tasks: BenchResult = {
      name: 'logs-longest-task',
      ratio: longest / TASK_BUDGET_MS,
      target: { op: '<=', value: 1 },
      raw: [
        `longest main-thread task during the console's ingest: ${longest.toFixed(0)} ms (budget ${TASK_BUDGET_MS} ms; 0 = none over 50 ms)`,
        ...consoleRounds.map(
          (r, i) =>
            `round ${i + 1}: ${r.tasks.length} long tasks, ${r.tasks.reduce((a, b) => a + b, 0).toFixed(0)} ms in all, longest [${figures(r.tasks.slice(0, 5), 0)}]`,
        ),
      ],
    };
    const heapResult: BenchResult = {
      name: 'logs-heap-100k',
      ratio: mb(heap.after) / HEAP_BUDGET_MB,
      target: { op: '<=', value: 1 },
      raw: [
        `JS heap used after a full GC with the lines held: ${mb(heap.after).toFixed(1)} MB (budget ${HEAP_BUDGET_MB} MB); before the burst ${mb(heap.before).toFixed(1)} MB`,
        `pane: ${shape(heap.round)}; total heap ${mb(heap.total).toFixed(1)} MB; ingest took ${heap.round.ms.toFixed(0)} ms`,
        'performance.memory.usedJSHeapSize with --enable-precise-memory-info, after gc() twice (--js-flags=--expose-gc); a browser of its own',
      ],
    };
    return [ingest, tasks, heapResult];
  },
};

/** A fresh session of the burst agent, once its process is ready (and silent until invoked). */
export async function startSession(host: BenchHost): Promise<string> {
  const res = await fetch(host.url(apiPaths.sessions(AGENT)), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (res.status !== 201) throw new Error(`creating a session answered ${res.status}: ${await res.text()}`);
  const id = ((await res.json()) as AgentSession).agent_session_id;
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const s = (await (await fetch(host.url(apiPaths.session(AGENT, id)))).json()) as AgentSession;
    if (s.status === 'active') return id;
    if (Date.now() > deadline) throw new Error(`session ${id} is ${s.status}, not active`);
    await sleep(100);
  }
}

export async function endSession(host: BenchHost, id: string): Promise<void> {
  await fetch(host.url(apiPaths.session(AGENT, id)), { method: 'DELETE' });
}

/** Starts the burst; resolves with the agent's own ms for it once it has written every line. */
export function burst(host: BenchHost, id: string): Promise<number> {
  return fetch(host.url(apiPaths.invocations(AGENT), { agent_session_id: id }), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: LINES }),
  }).then(async (res) => {
    const text = await res.text();
    if (res.status !== 200) throw new Error(`the burst invocation answered ${res.status}: ${text}`);
    return (JSON.parse(text) as { ms: number }).ms;
  });
}

/** Opens the console on a session and waits until it is live and shows the agent's start line. */
export async function openConsole(host: BenchHost, page: Page, id: string): Promise<void> {
  // Long tasks from the start, so none that the burst causes can be missed.
  await page.addInitScript(() => {
    const tasks: [number, number][] = [];
    (window as BenchWindow).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push([performance.timeOrigin + e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${host.origin}/agents/${AGENT}/sessions/${id}/logs`);
  const pane = page.locator('[data-log-pane]').first();
  await pane.and(page.locator('[data-connection="live"]')).waitFor({ timeout: TIMEOUT_MS });
  await pane
    .locator('[data-seq] [data-part="message"]')
    .filter({ hasText: 'listening on port' })
    .first()
    .waitFor({ timeout: TIMEOUT_MS });
}

/** From now on, the wall-clock ms of the first animation frame with the last line in a rendered row. */
export async function watchForLastLine(page: Page): Promise<void> {
  await page.evaluate((last) => {
    (window as BenchWindow).__lastShown = new Promise<number>((resolve) => {
      const tick = () => {
        const messages = document.querySelectorAll('[data-log-pane] [data-seq] [data-part="message"]');
        // Following the tail, the newest rows are the last ones in the DOM.
        for (let i = messages.length - 1; i >= Math.max(0, messages.length - 5); i--) {
          if (messages[i]?.textContent === last) return resolve(Date.now());
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }, LAST);
}

async function paneFigures(page: Page) {
  return page
    .locator('[data-log-pane]')
    .first()
    .evaluate((el) => ({
      held: Number(el.getAttribute('data-line-count')),
      received: Number(el.getAttribute('data-received')),
      dropped: Number(el.getAttribute('data-dropped')),
    }));
}

/** `promise`, or a failure saying what did not happen in time; the timer never outlives it. */
export async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One console round on a fresh session and page. `before` runs once the console is live and settled,
 * just ahead of the burst; `after` once the last line is shown, before the page closes.
 */
async function consoleRound<T>(
  host: BenchHost,
  browser: Browser,
  hooks: { before?: (page: Page) => Promise<void>; after?: (page: Page) => Promise<T> } = {},
): Promise<{ round: ConsoleRound; after: T | undefined }> {
  const id = await startSession(host);
  const { context, page } = await freshPage(browser);
  try {
    await openConsole(host, page, id);
    await hooks.before?.(page);
    await watchForLastLine(page);
    const start = Date.now();
    const agent = burst(host, id);
    const shownAt = await withTimeout(
      page.evaluate(() => (window as BenchWindow).__lastShown!),
      'the console showing the last line',
    );
    const agentMs = await agent;
    const tasks = await page.evaluate(() => (window as BenchWindow).__longTasks ?? []);
    const during = tasks
      .filter(([at, duration]) => at + duration >= start && at <= shownAt)
      .map(([, duration]) => duration)
      .sort((a, b) => b - a);
    const after = await hooks.after?.(page);
    const round: ConsoleRound = { ms: shownAt - start, tasks: during, agentMs, ...(await paneFigures(page)) };
    return { round, after };
  } finally {
    await context.close();
    await endSession(host, id);
  }
}

async function bareRound(host: BenchHost, browser: Browser): Promise<BareRound> {
  const id = await startSession(host);
  const { context, page } = await freshPage(browser);
  try {
    // A trivial document of the same origin: no console code runs, and the API is same-origin for fetch.
    await page.goto(host.origin + PING_PATH);
    const streamUrl = host.url(apiPaths.logStream(AGENT, VERSION, id));
    // Resolves once the stream is open and its first bytes are in, so the burst starts on a live reader.
    await page.evaluate(
      ({ url, marker }) =>
        new Promise<void>((ready, fail) => {
          const done = (async () => {
            const res = await fetch(url, { headers: { accept: 'text/event-stream' } });
            if (!res.ok || !res.body) throw new Error(`the log stream answered ${res.status}`);
            const reader = res.body.getReader();
            const decoder = new TextDecoder();
            let text = '';
            let frames = 0;
            let burstLines = 0;
            for (let first = true; ; first = false) {
              const { value, done: ended } = await reader.read();
              if (first) ready();
              if (ended) throw new Error('the log stream ended before the last line');
              text += decoder.decode(value, { stream: true });
              let from = 0;
              for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n', from)) {
                const frame = text.slice(from, end);
                from = end + 2;
                if (!frame.includes('event: log\n')) continue;
                frames++;
                if (frame.includes('"message":"burst ')) burstLines++;
                if (frame.includes(marker)) {
                  const at = Date.now();
                  void reader.cancel();
                  return { at, frames, burstLines };
                }
              }
              text = text.slice(from);
            }
          })();
          done.catch(fail);
          (window as BenchWindow).__bare = { done };
        }),
      { url: streamUrl, marker: JSON.stringify(LAST) + '}' },
    );
    const start = Date.now();
    const agent = burst(host, id);
    const seen = await withTimeout(
      page.evaluate(() => (window as BenchWindow).__bare!.done),
      'the bare page seeing the last line',
    );
    return { ms: seen.at - start, frames: seen.frames, burstLines: seen.burstLines, agentMs: await agent };
  } finally {
    await context.close();
    await endSession(host, id);
  }
}

interface HeapRound {
  round: ConsoleRound;
  before: number;
  after: number;
  total: number;
}

async function heapRound(host: BenchHost, browser: Browser): Promise<HeapRound> {
  const usedAfterGc = (page: Page) =>
    page.evaluate(async () => {
      const w = window as BenchWindow;
      if (!w.gc) throw new Error('gc() is not exposed: Chromium needs --js-flags=--expose-gc');
      // Twice, with a turn in between, so garbage the first one finalised is gone too.
      w.gc();
      await new Promise((r) => setTimeout(r, 100));
      w.gc();
      const memory = (
        performance as Performance & { memory: { usedJSHeapSize: number; totalJSHeapSize: number } }
      ).memory;
      return { used: memory.usedJSHeapSize, total: memory.totalJSHeapSize };
    });
  let before = 0;
  const { round, after } = await consoleRound(host, browser, {
    before: async (page) => {
      before = (await usedAfterGc(page)).used;
    },
    after: async (page) => {
      // The last line on screen means every line is in the store; give the pane a moment to settle.
      await sleep(500);
      return usedAfterGc(page);
    },
  });
  if (!after) throw new Error('no heap figure after the burst');
  return { round, before, after: after.used, total: after.total };
}
