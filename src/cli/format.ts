/** Plain-text tables for people; the JSON form is analysis/report.ts. */
import type { CompareReport, RunReport } from '../sim/analysis/report.ts';
import { MEASURE_LABELS, MEASURE_NAMES } from '../sim/analysis/measures.ts';
import { PHASES, type Phase } from '../sim/trace/phases.ts';
import type { SweepPlan, SweepRow } from '../sim/analysis/sweep.ts';
import { COUNTER_NAMES } from '../sim/trace/types.ts';

const s = (msValue: number) => `${(msValue / 1_000).toFixed(2)} s`;
/** Lengths keep their precision when short: a 40 µs BAR mmap is not "0.00 s". */
const len = (msValue: number) =>
  msValue >= 1_000 ? s(msValue) : msValue >= 1 ? `${msValue.toFixed(1)} ms` : `${Math.round(msValue * 1_000)} µs`;
const signed = (msValue: number) => `${msValue < 0 ? '−' : msValue > 0 ? '+' : '±'}${(Math.abs(msValue) / 1_000).toFixed(2)} s`;
const int = (n: number) => n.toLocaleString('en-US');

function table(rows: readonly (readonly string[])[], rightAlign: readonly boolean[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((cell, c) => (rightAlign[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

export function formatRun(r: RunReport): string {
  const measures = table(
    MEASURE_NAMES.map((k) => [MEASURE_LABELS[k].label, s(r.measures[k]), MEASURE_LABELS[k].definition]),
    [false, true, false],
  );
  const phases = table(
    [['phase', 'lane', 'start', 'end', 'length'], ...r.phases.map((p) => [p.name, p.lane, s(p.startMs), s(p.endMs), len(p.endMs - p.startMs)])],
    [false, false, true, true, true],
  );
  const counters = table(COUNTER_NAMES.map((k) => [k, int(r.counters[k])]), [false, true]);
  const warnings = (r.warnings ?? []).map((w) => `warning: ${w.message}`).join('\n');
  return [r.scenarioName ? `Scenario: ${r.scenarioName}\n` : '', measures, '', phases, '', counters, warnings ? `\n${warnings}` : '']
    .filter((x, i) => i > 0 || x)
    .join('\n');
}

export function formatCompare(c: CompareReport): string {
  const measures = table(
    [['measure', 'A', 'B', 'Δ', ''], ...MEASURE_NAMES.map((k) => {
      const d = c.delta.measures[k];
      return [MEASURE_LABELS[k].label, s(d.a), s(d.b), signed(d.delta), `${d.ratio < 0 ? '−' : '+'}${Math.abs(d.ratio * 100).toFixed(1)}%`];
    })],
    [false, true, true, true, true],
  );
  const phases = table(
    [['phase', 'A', 'B', 'Δ'], ...PHASES.filter((p) => c.delta.phases[p].a > 0 || c.delta.phases[p].b > 0).map((p) => {
      const d = c.delta.phases[p];
      return [p, len(d.a), len(d.b), signed(d.delta)];
    })],
    [false, true, true, true],
  );
  const counters = table(
    [['counter', 'A', 'B'], ...COUNTER_NAMES.map((k) => [k, int(c.delta.counters[k].a), int(c.delta.counters[k].b)])],
    [false, true, true],
  );
  const names = `A: ${c.a.scenarioName ?? '(first scenario)'}\nB: ${c.b.scenarioName ?? '(second scenario)'}`;
  return [names, '', measures, '', 'Wall time per phase (phases on different threads may overlap):', phases, '', counters].join('\n');
}

/** A phase name as a column: "dma-map" -> "dmaMapMs". */
export function phaseColumn(p: string): string {
  return `${p.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}Ms`;
}

function sweepPhases(rows: readonly SweepRow[]): Phase[] {
  return PHASES.filter((p) => rows.some((r) => (r.phases?.[p] ?? 0) > 0));
}

/** A sweep for people: one row per series and point, times in seconds. */
export function formatSweepTable(plan: SweepPlan, rows: readonly SweepRow[]): string {
  const phases = sweepPhases(rows);
  const head = ['series', plan.field, 'creation', 'initialization', 'BIOS', ...phases];
  const body = rows.map((r) => [
    r.series, String(r.x), s(r.vmCreationMs), s(r.vmInitializationMs), s(r.biosExecutionMs), ...phases.map((p) => len(r.phases?.[p] ?? 0)),
  ]);
  const right = head.map((_, i) => i > 0);
  return table([head, ...body], right);
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** A sweep for spreadsheets: a header row, then one row per series and point, times in ms. */
export function formatSweepCsv(plan: SweepPlan, rows: readonly SweepRow[]): string {
  const phases = plan.phases ? [...PHASES] : [];
  const head = ['series', plan.field, 'vmCreationMs', 'vmInitializationMs', 'biosExecutionMs', ...phases.map(phaseColumn)];
  const body = rows.map((r) => [
    r.series, String(r.x), String(r.vmCreationMs), String(r.vmInitializationMs), String(r.biosExecutionMs), ...phases.map((p) => String(r.phases?.[p] ?? 0)),
  ]);
  return [head, ...body].map((row) => row.map(csvCell).join(',')).join('\n');
}
