/** The simulation's public face: parse a scenario, run it, analyse the Trace. */
export { parseScenarioText, validateScenarioValue, type ParseResult } from './scenario/parse.ts';
export { resolveScenario, type Scenario } from './scenario/resolve.ts';
export type { Problem, SourceRange } from './scenario/problems.ts';
export { run } from './engine/run.ts';
export type { Trace, Span, Lane, Counters } from './trace/types.ts';
export { MODEL_VERSION } from './version.ts';
