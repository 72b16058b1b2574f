/**
 * `npm run bench`: every benchmark, in this one process, against one host on a temp data folder.
 * Prints a `BENCH <name> ratio=<r> target<op><t> <ok|MISS>` line and the raw figures per benchmark.
 * A missed target is reported, not failed on (exit 0); a benchmark that crashes makes the exit code 1.
 */
import os from 'node:os';
import { startBenchHost, type BenchHost } from './host';
import { bundleInitial } from './bundle-initial';
import { historySearch } from './history-search';
import { invokeOverhead } from './invoke-overhead';
import { list5000 } from './list-5000';
import { listSessions } from './list-sessions';
import { logsIngest } from './logs-ingest';
import { recordBurst } from './record-burst';
import { formatResult, type Benchmark } from './report';
import { sessionsPage100 } from './sessions-page-100';
import { upload50Mib } from './upload-50mib';
import { uploadBrowser } from './upload-browser';

// upload-50mib goes first: its RSS figure then comes from a host that has not grown its heap on other
// work yet (the worst case), and is the same whether it runs alone or with the others. The browser
// benchmarks come after the HTTP ones, whose request rates a running Chromium would disturb.
const BENCHMARKS: Benchmark<BenchHost>[] = [
  upload50Mib,
  listSessions,
  invokeOverhead,
  historySearch,
  bundleInitial,
  sessionsPage100,
  uploadBrowser,
  list5000,
  recordBurst,
  logsIngest,
];

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const names = (b: Benchmark<BenchHost>) => [b.name, ...(b.results ?? [])];
  const selected = only.length
    ? BENCHMARKS.filter((b) => names(b).some((n) => only.includes(n)))
    : BENCHMARKS;
  if (selected.length === 0) {
    console.error(`No benchmark named ${only.join(', ')}; known: ${BENCHMARKS.flatMap(names).join(', ')}`);
    return 2;
  }
  console.log(
    `bench: node ${process.version}, ${os.cpus().length} cpus (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${os.platform()} ${os.arch()}`,
  );
  let crashed = 0;
  const host = await startBenchHost();
  try {
    for (const bench of selected) {
      const start = performance.now();
      try {
        const results = await bench.run(host);
        for (const result of Array.isArray(results) ? results : [results]) console.log(formatResult(result));
      } catch (err) {
        crashed++;
        for (const name of bench.results ?? [bench.name]) console.log(`BENCH ${name} CRASH`);
        console.error(err);
      }
      console.log(`  (${((performance.now() - start) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await host.close();
  }
  return crashed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
