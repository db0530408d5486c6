/** The --help text, with every phase name the output uses. */
import { PHASE_HELP, PHASES } from '../sim/trace/phases.ts';
import { MODEL_VERSION } from '../sim/version.ts';

export function helpText(): string {
  const width = Math.max(...PHASES.map((p) => p.length));
  const phases = PHASES.map((p) => `  ${p.padEnd(width)}  ${PHASE_HELP[p]}`).join('\n');
  return `Bootline: simulate creating a VM with passthrough GPUs (${MODEL_VERSION}).

Usage:
  npm run sim -- --params FILE [--compare FILE] [--format table|json]

Options:
  --params FILE     the scenario to run, as JSONC (see design/scenario.md); - reads standard input
  --compare FILE    a second scenario: print both runs and their differences (B minus A)
  --format FORMAT   "table" (default) for people, "json" for scripts
  --help            this text

Output (json): modelVersion, measures {vmCreationMs, vmInitializationMs, biosExecutionMs},
phases [{name, lane, startMs, endMs}] (wall-clock intervals, one per occurrence), counters.
With --compare: {a, b, delta}. A rejected scenario prints its problems and exits with 2.

Phases:
${phases}

Exit codes: 0 success, 2 rejected scenario, unreadable file or bad arguments.
`;
}
