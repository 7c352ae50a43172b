import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { approvalsBenchmark } from './approvals.bench';
import { catalogBenchmark } from './catalog.bench';
import { holdsBenchmark } from './holds.bench';
import { schedulerBenchmark } from './scheduler.bench';
import { Benchmark, BenchContext, benchSettings, BenchRow, dropStaleBenchDatabases, machineInfo, MachineInfo, nowMs } from './lib';

/**
 * Runs every benchmark (or those named on the command line), prints one table of ratios, then
 * the absolute figures with the machine they were measured on, then a markdown table for
 * docs/benchmarks.md; writes bench-results/latest.json. Progress goes to stderr.
 *
 *   node dist/bench/run.js [approvals ...]        BENCH_QUICK=1 for a smoke run
 */
const BENCHMARKS: Benchmark[] = [approvalsBenchmark, holdsBenchmark, catalogBenchmark, schedulerBenchmark];

interface Failure {
  benchmark: string;
  error: string;
}

const progress = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
let activeCleanups: (() => Promise<unknown>)[] = [];

async function runCleanups(cleanups: (() => Promise<unknown>)[]): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop() as () => Promise<unknown>;
    await cleanup().catch((err) => progress(`clean-up failed: ${String(err)}`));
  }
}

async function main(): Promise<number> {
  const settings = benchSettings();
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`);
    return 2;
  }
  const selected = names.length > 0 ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;
  const stale = await dropStaleBenchDatabases(settings.adminUrl);
  if (stale.length > 0) progress(`dropped ${stale.length} databases left by killed runs`);
  const machine = await machineInfo(settings);
  const startedAt = new Date();
  progress(`run ${settings.runId}: ${selected.map((b) => b.name).join(', ')}${settings.quick ? ' (BENCH_QUICK)' : ''}, concurrency ${settings.concurrency}`);

  const rows: BenchRow[] = [];
  const failures: Failure[] = [];
  const durations: Record<string, number> = {};
  for (const benchmark of selected) {
    const cleanups: (() => Promise<unknown>)[] = [];
    activeCleanups = cleanups;
    const ctx: BenchContext = { ...settings, log: (m) => progress(`[${benchmark.name}] ${m}`), defer: (fn) => void cleanups.push(fn) };
    const started = nowMs();
    try {
      rows.push(...(await benchmark.run(ctx)));
    } catch (err) {
      failures.push({ benchmark: benchmark.name, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      progress(`[${benchmark.name}] FAILED: ${String(err)}`);
    } finally {
      await runCleanups(cleanups);
      durations[benchmark.name] = (nowMs() - started) / 1000;
      progress(`[${benchmark.name}] done in ${durations[benchmark.name].toFixed(1)} s`);
    }
  }
  activeCleanups = [];

  const out = process.stdout;
  out.write(`\nRatios (value ÷ baseline measured in the same run)${settings.quick ? ', BENCH_QUICK' : ''}\n\n`);
  out.write(textTable(['Benchmark', 'Metric', 'Baseline', 'Ratio'], rows.filter((r) => r.ratio !== null).map((r) => [r.benchmark, r.metric, r.baseline ?? '', formatRatio(r.ratio)]), [3]));
  out.write(`\nAbsolute figures (this machine, this run; compare ratios across machines, not these)\n\n`);
  out.write(`${machineLine(machine)}; load average at start ${machine.loadAverage}\n\n`);
  out.write(
    textTable(
      ['Benchmark', 'Metric', 'Value', 'Unit', 'Baseline value', 'Baseline samples (before / after)'],
      rows.map((r) => [
        r.benchmark,
        r.metric,
        formatNumber(r.value),
        r.unit,
        r.baselineValue === null ? '' : formatNumber(r.baselineValue),
        (r.baselineSamples ?? []).map(formatNumber).join(' / '),
      ]),
      [2, 4],
    ),
  );
  out.write(`\nMarkdown for docs/benchmarks.md:\n\n${markdown(rows, machine, startedAt, settings.quick, settings.concurrency)}\n`);
  for (const f of failures) out.write(`\nFAILED ${f.benchmark}:\n${f.error}\n`);

  const file = path.resolve(process.cwd(), 'bench-results', 'latest.json');
  await fs.mkdir(path.dirname(file), { recursive: true });
  const report = { runId: settings.runId, startedAt, finishedAt: new Date(), quick: settings.quick, concurrency: settings.concurrency, machine, durations, rows, failures };
  await fs.writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  progress(`wrote ${path.relative(process.cwd(), file)}`);
  return failures.length > 0 ? 1 : 0;
}

function machineLine(m: MachineInfo): string {
  return `${m.os}, ${m.cpus}, ${m.memory}, Node ${m.node}, PostgreSQL ${m.postgres}, Redis ${m.redis}`;
}

function formatNumber(n: number): string {
  const abs = Math.abs(n);
  if (Number.isInteger(n)) return String(n);
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function formatRatio(r: number | null): string {
  return r === null ? '' : r.toPrecision(3);
}

function textTable(header: string[], body: string[][], rightAligned: number[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (rightAligned.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}

function markdown(rows: BenchRow[], machine: MachineInfo, startedAt: Date, quick: boolean, concurrency: number): string {
  const lines = [
    `### ${startedAt.toISOString().slice(0, 10)}${quick ? ' (BENCH_QUICK smoke run)' : ''}`,
    '',
    `${machineLine(machine)}; concurrency ${concurrency}.`,
    '',
    '| Benchmark | Metric | Value | Baseline | Baseline value | Ratio |',
    '|---|---|---:|---|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.benchmark} | ${r.metric} | ${formatNumber(r.value)} ${r.unit} | ${r.baseline ?? '—'} | ${r.baselineValue === null ? '—' : formatNumber(r.baselineValue)} | ${r.ratio === null ? '—' : formatRatio(r.ratio)} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

// Ctrl-C: shut the app down and drop this run's databases and Redis keys before leaving.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: cleaning up`);
    void runCleanups(activeCleanups).finally(() => process.exit(130));
  });
}

main()
  .then((code) => process.exit(code))
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
