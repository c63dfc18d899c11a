/**
 * Micro-benchmark timing: warm up, then the median of several timed batches, so one GC pause or a noisy
 * neighbour on a shared machine does not decide the figure.
 */
export interface MicroResult {
  readonly name: string;
  readonly nsPerOp: number;
  readonly opsPerSec: number;
  readonly target?: string;
}

export function measure(
  name: string,
  fn: () => unknown,
  options: { batch?: number; target?: string } = {},
): MicroResult {
  const batch = options.batch ?? 20_000;
  let sink = 0;
  const run = () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) sink ^= fn() === undefined ? 0 : 1;
    return Number(process.hrtime.bigint() - start) / batch;
  };
  for (let i = 0; i < 5; i++) run();
  const samples = Array.from({ length: 15 }, run).sort((a, b) => a - b);
  const nsPerOp = samples[Math.floor(samples.length / 2)]!;
  if (sink === -1) console.log('unreachable'); // keeps `sink` observable so the loop body is not elided
  return { name, nsPerOp, opsPerSec: 1e9 / nsPerOp, ...(options.target ? { target: options.target } : {}) };
}

export function formatMicroTable(results: readonly MicroResult[]): string {
  const rows = results.map((r) => {
    const time = r.nsPerOp < 1000 ? `${r.nsPerOp.toFixed(0)} ns` : `${(r.nsPerOp / 1000).toFixed(2)} µs`;
    return `| ${r.name} | ${time} | ${Math.round(r.opsPerSec).toLocaleString('en-US')} | ${r.target ?? ''} |`;
  });
  return ['| operation | time per op (median) | ops/s | target |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}
