/**
 * The per-phase delta table: wall-clock seconds per phase in A and B, and footnotes where
 * a phase's wall time is not what it adds to the critical path (it ran beside other work,
 * e.g. parallel resets hidden behind dma-map). Pure, so the figures are testable and the
 * copied text is the table on screen.
 */
import { PHASES, type Phase } from '../../sim/trace/phases.ts';
import type { Trace } from '../../sim/trace/types.ts';
import type { Comparison } from '../../sim/analysis/compare.ts';
import { criticalPath } from '../../sim/analysis/critical-path.ts';
import { phaseOccurrences } from '../../sim/analysis/phases.ts';

export interface PhaseDeltaRow {
  readonly phase: Phase;
  readonly aMs: number;
  readonly bMs: number;
  readonly deltaMs: number;
  /** Footnote marks that explain this row. */
  readonly marks: readonly string[];
}

export interface OverlapNote {
  readonly mark: string;
  readonly run: 'A' | 'B';
  readonly phase: Phase;
  readonly wallMs: number;
  readonly criticalMs: number;
  /** The critical-path phase it ran beside the longest, if any. */
  readonly besides: Phase | 'other' | undefined;
}

const MARKS = ['*', '†', '‡', '§', '¶', '**', '††', '‡‡'];

/** The table shows two decimals of a second: a difference under 5 ms would not show. */
const VISIBLE_MS = 5;

/** The critical-path phase that overlaps `phase`'s wall-clock occurrences the most. */
export function overlappedBy(trace: Trace, phase: Phase): Phase | 'other' | undefined {
  const occ = phaseOccurrences(trace).filter((o) => o.name === phase);
  const overlap = new Map<Phase | 'other', number>();
  for (const step of criticalPath(trace)) {
    const p = step.span.phase ?? 'other';
    if (p === phase) continue;
    const from = step.span.endUs - step.creditUs;
    for (const o of occ) {
      const us = Math.min(o.endUs, step.span.endUs) - Math.max(o.startUs, from);
      if (us > 0) overlap.set(p, (overlap.get(p) ?? 0) + us);
    }
  }
  let best: Phase | 'other' | undefined;
  for (const [p, us] of overlap) if (best === undefined || us > (overlap.get(best) ?? 0)) best = p;
  return best;
}

export function overlapNotes(c: Comparison, a: Trace, b: Trace): OverlapNote[] {
  const notes: OverlapNote[] = [];
  for (const run of ['A', 'B'] as const) {
    for (const phase of PHASES) {
      const wallMs = run === 'A' ? c.phases[phase].a : c.phases[phase].b;
      const criticalMs = run === 'A' ? c.criticalPhases[phase].a : c.criticalPhases[phase].b;
      if (wallMs - criticalMs < VISIBLE_MS) continue;
      const mark = MARKS[notes.length] ?? `(${notes.length + 1})`;
      notes.push({ mark, run, phase, wallMs, criticalMs, besides: overlappedBy(run === 'A' ? a : b, phase) });
    }
  }
  return notes;
}

/** Phases that took time in either run, in pipeline order. */
export function phaseDeltaRows(c: Comparison, notes: readonly OverlapNote[]): PhaseDeltaRow[] {
  return PHASES.filter((p) => c.phases[p].a > 0 || c.phases[p].b > 0).map((phase) => ({
    phase,
    aMs: c.phases[phase].a,
    bMs: c.phases[phase].b,
    deltaMs: c.phases[phase].delta,
    marks: notes.filter((n) => n.phase === phase).map((n) => n.mark),
  }));
}

const s2 = (ms: number) => (ms / 1_000).toFixed(2);

/**
 * Tab-separated text of the table. Numbers use the ASCII hyphen-minus (not the true minus
 * on screen) so that a spreadsheet reads them as numbers.
 */
export function phaseDeltaTsv(rows: readonly PhaseDeltaRow[], total: { a: number; b: number; delta: number }): string {
  const lines = [['Phase', 'A (s)', 'B (s)', 'Δ (s)'].join('\t')];
  for (const r of rows) lines.push([r.phase, s2(r.aMs), s2(r.bMs), s2(r.deltaMs)].join('\t'));
  lines.push(['VM creation', s2(total.a), s2(total.b), s2(total.delta)].join('\t'));
  return `${lines.join('\n')}\n`;
}
