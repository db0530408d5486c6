/** The --help text, with every phase name the output uses. */
import { PHASES } from '../sim/trace/phases.ts';
import { PHASE_HELP } from '../sim/trace/phase-help.ts';
import { MODEL_VERSION } from '../sim/version.ts';
import { MAX_SWEEP_POINTS, sweepableFields } from '../sim/analysis/sweep-axis.ts';

/** Field names wrapped to the help's width. */
function fieldList(): string {
  const lines: string[] = [];
  let line = '';
  for (const f of sweepableFields().map((x) => x.field)) {
    // The first line follows "  Sweepable fields: "; the rest are indented by 4.
    if (line && line.length + f.length + 2 > (lines.length === 0 ? 74 : 92)) {
      lines.push(`${line},`);
      line = '';
    }
    line = line ? `${line}, ${f}` : f;
  }
  lines.push(line);
  return lines.join('\n    ');
}

export function helpText(): string {
  const width = Math.max(...PHASES.map((p) => p.length));
  const phases = PHASES.map((p) => `  ${p.padEnd(width)}  ${PHASE_HELP[p]}`).join('\n');
  return `Bootline: simulate creating a VM with passthrough GPUs (${MODEL_VERSION}).

Usage:
  npm run sim -- --params FILE [--compare FILE] [--format table|json]
  npm run sim -- --params FILE --sweep FIELD=FROM..TO[:STEP] [--sweep FIELD=a,b ...]
                 [--series NAME=FILE ...] [--ladder FILE] [--phases] [--format table|csv|json]

Options:
  --params FILE     the scenario to run, as JSONC (see design/scenario.md); - reads standard input
  --compare FILE    a second scenario: print both runs and their differences (B minus A)
  --format FORMAT   "table" (default) for people, "json" for scripts, "csv" for sweeps
  --help            this text

Sweeps (the measures against one field while the rest of the scenario stays fixed):
  --sweep FIELD=FROM..TO[:STEP]   the swept field, a dotted scenario key; STEP defaults to 1
  --sweep FIELD=a,b,c             a list: numbers, names (guest.memoryBacking=thp,hugetlb-2m) or true,false
                                  A second --sweep crosses the series with its values, e.g.
                                  --sweep guest.ramGiB=16..256:16 --sweep devices.count=1,4
  --series NAME=FILE              another scenario as a series of its own (--params is the first)
  --ladder FILE                   series from --params towards FILE, the talk's fixes added one group
                                  at a time in the talk's order (e.g. --sweep guest.ramGiB=48)
  --phases                        also report each phase's wall time
  At most ${MAX_SWEEP_POINTS.toLocaleString('en-US')} runs per sweep; every point is validated like the editor validates a
  scenario, and a bad field, range or point exits with 2 and says why.
  Sweepable fields: ${fieldList()}

Output (json): modelVersion, measures {vmCreationMs, vmInitializationMs, biosExecutionMs},
phases [{name, lane, startMs, endMs}] (wall-clock intervals, one per occurrence), counters.
With --compare: {a, b, delta}. A rejected scenario prints its problems and exits with 2.
Sweeps: table (seconds), csv (header row, one row per series and point, ms: series, FIELD,
vmCreationMs, vmInitializationMs, biosExecutionMs[, one column per phase]) or json
{modelVersion, field, xs, series, rows [{series, seriesIndex, x, xIndex, vmCreationMs, ...}]}.

Phases:
${phases}

Exit codes: 0 success, 2 rejected scenario, unreadable file or bad arguments.
`;
}
