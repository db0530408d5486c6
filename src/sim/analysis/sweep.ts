/**
 * Sweeps: the three measures against one scenario field while the rest stays fixed, for
 * one or more series (baseline vs all fixes, 1 GPU vs 4 GPUs), like the talk's result
 * figures. Two steps, both pure and DOM-free so a Web Worker can run them:
 *
 *   planSweep(spec)      validates every point up front with the editor's own validation,
 *                        so a bad point reads as it would in the editor, before any run;
 *   sweepChunks(plan)    runs the points a chunk at a time and yields progress, so a caller
 *                        can report it, and cancel, between chunks.
 */
import { runSummary } from '../engine/run.ts';
import { validateScenarioValue } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/resolve.ts';
import { byPhase, type Phase } from '../trace/phases.ts';
import { measures } from './measures.ts';
import { phaseTotalsUs } from './phases.ts';
import { type Axis, type AxisValue, MAX_SWEEP_POINTS, setPath, type SweepProblem } from './sweep-axis.ts';

export interface SeriesSpec {
  readonly name: string;
  /** The scenario as written (a parsed JSONC value); the axes are set on top of it. */
  readonly scenario: unknown;
}

export interface SweepSpec {
  /** At least one. */
  readonly series: readonly SeriesSpec[];
  /** The swept field: the chart's horizontal axis. */
  readonly x: Axis;
  /** More fields crossed with the series: every combination of values is a series of its own. */
  readonly by?: readonly Axis[];
  /** Also report the wall time of every phase. */
  readonly phases?: boolean;
}

export interface SweepPoint {
  readonly series: string;
  readonly seriesIndex: number;
  readonly x: AxisValue;
  readonly xIndex: number;
  readonly scenario: Scenario;
}

export interface SweepPlan {
  readonly field: string;
  readonly xs: readonly AxisValue[];
  readonly series: readonly string[];
  /** Series by series, each along the axis. */
  readonly points: readonly SweepPoint[];
  readonly phases: boolean;
  /** The scenarios' advice (settings without effect), once per message. */
  readonly warnings: readonly SweepProblem[];
}

export type PlanResult = { readonly ok: true; readonly plan: SweepPlan } | { readonly ok: false; readonly problems: readonly SweepProblem[] };

export interface SweepRow {
  readonly series: string;
  readonly seriesIndex: number;
  readonly x: AxisValue;
  readonly xIndex: number;
  readonly vmCreationMs: number;
  readonly vmInitializationMs: number;
  readonly biosExecutionMs: number;
  /** Wall time per phase in ms (phases on different threads may overlap), when asked for. */
  readonly phases?: Readonly<Record<Phase, number>>;
}

export interface SweepProgress {
  readonly done: number;
  readonly total: number;
  /** The rows of this chunk, in plan order. */
  readonly rows: readonly SweepRow[];
}

/** Problems listed before the rest are summarized: a whole range out of bounds says it once. */
const MAX_PROBLEMS = 20;

interface ExpandedSeries {
  readonly name: string;
  readonly scenario: unknown;
}

function expandSeries(spec: SweepSpec): ExpandedSeries[] {
  let combos: { label: string[]; scenario: unknown }[] = spec.series.map((s) => ({ label: [s.name], scenario: s.scenario }));
  const named = spec.series.length > 1 || (spec.by ?? []).length === 0;
  if (!named) combos = combos.map((c) => ({ ...c, label: [] }));
  for (const axis of spec.by ?? []) {
    combos = combos.flatMap((c) => axis.values.map((v) => ({ label: [...c.label, `${axis.field}=${String(v)}`], scenario: setPath(c.scenario, axis.path, v) })));
  }
  return combos.map((c) => ({ name: c.label.join(', '), scenario: c.scenario }));
}

function structureProblems(spec: SweepSpec): SweepProblem[] {
  const problems: SweepProblem[] = [];
  if (spec.series.length === 0) problems.push({ message: 'A sweep needs at least one scenario to start from.' });
  const fields = [spec.x, ...(spec.by ?? [])].map((a) => a.field);
  const twice = fields.find((f, i) => fields.indexOf(f) !== i);
  if (twice) problems.push({ field: twice, message: `${twice} is swept twice; give each field one --sweep.` });
  const names = spec.series.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) problems.push({ series: dup, message: `Two series are named "${dup}"; give each its own name.` });
  const seriesCount = (spec.by ?? []).reduce((n, a) => n * a.values.length, spec.series.length);
  const total = seriesCount * spec.x.values.length;
  if (total > MAX_SWEEP_POINTS) {
    problems.push({
      field: spec.x.field,
      message: `The sweep asks for ${total.toLocaleString('en-US')} runs (${seriesCount} series × ${spec.x.values.length} points), more than ${MAX_SWEEP_POINTS.toLocaleString('en-US')}; use a larger step, a shorter range or fewer series.`,
    });
  }
  return problems;
}

export function planSweep(spec: SweepSpec): PlanResult {
  const structure = structureProblems(spec);
  if (structure.length > 0) return { ok: false, problems: structure };
  const series = expandSeries(spec);
  const points: SweepPoint[] = [];
  const problems = new Map<string, SweepProblem>();
  let invalid = 0;
  const warnings = new Map<string, SweepProblem>();
  series.forEach((s, seriesIndex) => {
    spec.x.values.forEach((x, xIndex) => {
      const r = validateScenarioValue(setPath(s.scenario, spec.x.path, x));
      if (!r.ok) {
        invalid++;
        // The same mistake at many points (a range past the schema's bound) is one problem.
        for (const p of r.problems) if (!problems.has(p.message)) problems.set(p.message, { message: p.message, field: spec.x.field, series: s.name, x });
        return;
      }
      for (const w of r.warnings) if (!warnings.has(w.message)) warnings.set(w.message, { message: w.message, series: s.name });
      points.push({ series: s.name, seriesIndex, x, xIndex, scenario: r.scenario });
    });
  });
  if (problems.size > 0) {
    const list = [...problems.values()];
    const shown = list.slice(0, MAX_PROBLEMS);
    if (list.length > MAX_PROBLEMS) shown.push({ message: `… and ${list.length - MAX_PROBLEMS} more problems.` });
    shown.push({ message: `${invalid} of ${series.length * spec.x.values.length} sweep points are not valid scenarios.` });
    return { ok: false, problems: shown };
  }
  return {
    ok: true,
    plan: {
      field: spec.x.field,
      xs: spec.x.values,
      series: series.map((s) => s.name),
      points,
      phases: spec.phases ?? false,
      warnings: [...warnings.values()],
    },
  };
}

/** Runs one point, lean: a sweep reads only the measures and phase totals. */
export function sweepRow(point: SweepPoint, phases: boolean): SweepRow {
  const trace = runSummary(point.scenario);
  const m = measures(trace);
  const row = {
    series: point.series,
    seriesIndex: point.seriesIndex,
    x: point.x,
    xIndex: point.xIndex,
    vmCreationMs: m.vmCreationMs,
    vmInitializationMs: m.vmInitializationMs,
    biosExecutionMs: m.biosExecutionMs,
  };
  if (!phases) return row;
  const totals = phaseTotalsUs(trace);
  return { ...row, phases: byPhase((p) => totals[p] / 1_000) };
}

/**
 * Runs the plan `chunkSize` points at a time (a run takes milliseconds, so 25 points is a
 * progress update every few tens of milliseconds). Stop iterating to cancel.
 */
export function* sweepChunks(plan: SweepPlan, chunkSize = 25): Generator<SweepProgress, void, undefined> {
  const size = Math.max(1, Math.floor(chunkSize));
  const total = plan.points.length;
  for (let i = 0; i < total; i += size) {
    const rows = plan.points.slice(i, i + size).map((p) => sweepRow(p, plan.phases));
    yield { done: Math.min(total, i + size), total, rows };
  }
}

/** Every row of the plan at once. */
export function runSweep(plan: SweepPlan): SweepRow[] {
  const rows: SweepRow[] = [];
  for (const chunk of sweepChunks(plan)) rows.push(...chunk.rows);
  return rows;
}

/** Plan and run in one call: the rows, or the problems that stopped the sweep. */
export function sweep(spec: SweepSpec): { readonly ok: true; readonly plan: SweepPlan; readonly rows: readonly SweepRow[] } | { readonly ok: false; readonly problems: readonly SweepProblem[] } {
  const p = planSweep(spec);
  return p.ok ? { ok: true, plan: p.plan, rows: runSweep(p.plan) } : p;
}
