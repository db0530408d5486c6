/** Small statistics and a table printer for benchmarks: figures, never pass/fail timing in tests. */

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i] ?? NaN;
}

/**
 * Times several functions in interleaved rounds, so a noisy neighbour slows every case
 * alike and ratios between cases stay meaningful. Returns sorted samples per case, in ms.
 */
export function timeInterleaved(fns: readonly (() => void)[], { warmup = 30, rounds = 150 } = {}): number[][] {
  for (let i = 0; i < warmup; i++) for (const fn of fns) fn();
  const samples = fns.map((): number[] => []);
  for (let i = 0; i < rounds; i++) {
    fns.forEach((fn, k) => {
      const t0 = performance.now();
      fn();
      samples[k]?.push(performance.now() - t0);
    });
  }
  return samples.map((s) => s.sort((a, b) => a - b));
}

export interface Row {
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean | undefined;
}

const mark = (met: boolean | undefined) => (met === undefined ? '' : met ? '✓' : '✗');

export function printTable(title: string, rows: readonly Row[]): void {
  const cells = [['figure', 'measured', 'target', 'met'], ...rows.map((r) => [r.figure, r.value, r.target, mark(r.met)])];
  const widths = (cells[0] ?? []).map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  console.log(`\n${title}`);
  for (const [i, row] of cells.entries()) {
    console.log(row.map((cell, c) => (c === 1 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** The same table in markdown, for the README to quote. */
export function markdownTable(rows: readonly Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| figure | measured | target | met |',
    '| --- | ---: | --- | :---: |',
    ...rows.map((r) => `| ${esc(r.figure)} | ${esc(r.value)} | ${esc(r.target || '—')} | ${mark(r.met) || '—'} |`),
  ].join('\n');
}
