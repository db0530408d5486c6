/**
 * The command line's JSON output (design/scenario.md), a public interface: scripts and
 * the playground's compare view read the same figures.
 */
import type { Problem } from '../scenario/problems.ts';
import type { Phase } from '../trace/phases.ts';
import type { Counters, Trace } from '../trace/types.ts';
import { MODEL_VERSION } from '../version.ts';
import { compare, type Delta } from './compare.ts';
import { measures, type Measures } from './measures.ts';
import { phaseOccurrences } from './phases.ts';

export interface PhaseEntry {
  readonly name: Phase;
  readonly lane: string;
  readonly startMs: number;
  readonly endMs: number;
}

export interface RunReport {
  readonly modelVersion: string;
  readonly scenarioName?: string;
  readonly measures: Measures;
  readonly phases: readonly PhaseEntry[];
  readonly counters: Counters;
  readonly warnings?: readonly Problem[];
}

export interface RejectedReport {
  readonly modelVersion: string;
  readonly problems: readonly Problem[];
}

export interface CompareReport {
  readonly modelVersion: string;
  readonly a: RunReport;
  readonly b: RunReport;
  readonly delta: {
    readonly measures: Readonly<Record<keyof Measures, Delta>>;
    readonly phases: Readonly<Record<Phase, Delta>>;
    readonly counters: Readonly<Record<keyof Counters, Delta>>;
  };
}

/** Microseconds to milliseconds, exact to the microsecond. */
const ms = (us: number) => us / 1_000;

export function runReport(trace: Trace, warnings: readonly Problem[] = []): RunReport {
  return {
    modelVersion: MODEL_VERSION,
    ...(trace.scenario.name ? { scenarioName: trace.scenario.name } : {}),
    measures: measures(trace),
    phases: phaseOccurrences(trace).map((p) => ({ name: p.name, lane: p.lane, startMs: ms(p.startUs), endMs: ms(p.endUs) })),
    counters: trace.counters,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

export function compareReport(a: Trace, b: Trace, warningsA: readonly Problem[] = [], warningsB: readonly Problem[] = []): CompareReport {
  const c = compare(a, b);
  return {
    modelVersion: MODEL_VERSION,
    a: runReport(a, warningsA),
    b: runReport(b, warningsB),
    delta: { measures: c.measures, phases: c.phases, counters: c.counters },
  };
}
