/** A bound a measured figure must meet; benchmarks report against it, they never gate on it. */
export interface Target {
  op: '>=' | '<=' | '<';
  value: number;
}

export interface BenchResult {
  name: string;
  /** The host's figure over its baseline's, so every benchmark reads the same way. */
  ratio: number;
  target: Target;
  /** Further bounds reported on their own line (e.g. memory), with the unit they are given in. */
  checks?: { name: string; value: number; unit: string; target: Target }[];
  /** The raw figures behind the ratio, printed under the BENCH line so a reader can redo the sum. */
  raw: string[];
}

/** A benchmark module: sets up what it needs on the shared host, measures host and baseline side by side. */
export interface Benchmark<Ctx> {
  name: string;
  /**
   * The BENCH lines it prints, when it reports more than one figure from a single run (e.g. the logs
   * ones, which share a burst); `npm run bench -- <any of these>` selects it. Defaults to `[name]`.
   */
  results?: string[];
  run: (ctx: Ctx) => Promise<BenchResult | BenchResult[]>;
}

const meets = (value: number, target: Target) =>
  target.op === '>='
    ? value >= target.value
    : target.op === '<='
      ? value <= target.value
      : value < target.value;

const verdict = (value: number, target: Target) => (meets(value, target) ? 'ok' : 'MISS');

/** `BENCH <name> ratio=<r> target<op><t> <ok|MISS>`, then the checks and raw figures, indented. */
export function formatResult(result: BenchResult): string {
  const { name, ratio, target } = result;
  const lines = [
    `BENCH ${name} ratio=${ratio.toFixed(3)} target${target.op}${target.value} ${verdict(ratio, target)}`,
  ];
  for (const check of result.checks ?? []) {
    lines.push(
      `  check ${check.name}=${check.value.toFixed(1)}${check.unit} target${check.target.op}${check.target.value}${check.unit} ${verdict(check.value, check.target)}`,
    );
  }
  for (const line of result.raw) lines.push(`  ${line}`);
  return lines.join('\n');
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `[1.234, 5.6]` -> `1.2 5.6` for the raw lines. */
export const figures = (values: number[], digits = 1) => values.map((v) => v.toFixed(digits)).join(' ');
