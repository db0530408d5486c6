/** The simulation's public face: parse a scenario, run it, analyse the Trace. */
export { parseScenarioText, validateScenarioValue, type ParseResult } from './scenario/parse.ts';
export { resolveScenario, type Scenario } from './scenario/resolve.ts';
export type { Problem, SourceRange } from './scenario/problems.ts';
export { run } from './engine/run.ts';
export type { Trace, Span, Lane, Counters } from './trace/types.ts';
export { MODEL_VERSION } from './version.ts';
export { flameTree, laneBusyUs, laneNode, searchFlame, foldedStacks, type FlameNode, type FlameOptions, type FlameSearch } from './analysis/flame.ts';
export { diffFlame, type FlameDiffNode } from './analysis/flame-diff.ts';
export { functionTable, functionCosts, TALK_FUNCTIONS, type FunctionTable, type FunctionRow } from './analysis/functions.ts';
export { parseAxis, makeAxis, sweepableFields, MAX_SWEEP_POINTS, type Axis, type AxisValue, type SweepProblem } from './analysis/sweep-axis.ts';
export { planSweep, sweepChunks, runSweep, sweep, type SweepSpec, type SweepPlan, type SweepRow, type SweepProgress } from './analysis/sweep.ts';
export { ladderSeries, talkLadderSpec, talkRamSpec, TALK_BASELINE, TALK_ALL_FIXES } from './analysis/sweep-figures.ts';
export { simulateBusyHost, checkBusyHost, busyHostSteps, type BusyHostParams, type BusyHostResult } from './analysis/busy-host.ts';
