/**
 * `--sweep`: the measures against one scenario field, for one or more series.
 *
 *   --params FILE                 the scenario every series starts from (the first series)
 *   --sweep FIELD=FROM..TO[:STEP] the swept field (first --sweep); FIELD=a,b,c for a list
 *   --sweep FIELD=a,b             more --sweep options cross the series with these values
 *   --series NAME=FILE            another scenario, as a series of its own
 *   --ladder FILE                 series from --params towards FILE, one fix group at a time
 */
import { basename, extname } from 'node:path';
import { planSweep, runSweep, type SeriesSpec } from '../sim/analysis/sweep.ts';
import { type Axis, parseAxis, type SweepProblem } from '../sim/analysis/sweep-axis.ts';
import { ladderSeries } from '../sim/analysis/sweep-figures.ts';
import { MODEL_VERSION } from '../sim/version.ts';
import type { CliArgs } from './args.ts';
import { formatSweepCsv, formatSweepTable } from './format.ts';
import { load, type Loaded, reportLoadFailures } from './load.ts';

function seriesName(file: string, loaded: Extract<Loaded, { ok: true }>): string {
  if (loaded.result.scenario.name) return loaded.result.scenario.name;
  return file === '-' ? 'base' : basename(file, extname(file));
}

function describe(p: SweepProblem): string {
  const where = [p.series ? `series "${p.series}"` : '', p.x !== undefined && p.field ? `at ${p.field}=${String(p.x)}` : ''].filter(Boolean).join(' ');
  return `sweep: ${where ? `${where}: ` : ''}${p.message}`;
}

function fail(args: CliArgs, problems: readonly SweepProblem[]): number {
  if (args.format === 'json') process.stdout.write(`${JSON.stringify({ modelVersion: MODEL_VERSION, problems }, null, 2)}\n`);
  else for (const p of problems) process.stderr.write(`${describe(p)}\n`);
  return 2;
}

export function sweepCommand(args: CliArgs, params: string): number {
  const files = [
    { name: undefined, file: params },
    ...args.series.map((s) => ({ name: s.name, file: s.file })),
    ...(args.ladder !== undefined ? [{ name: undefined, file: args.ladder }] : []),
  ];
  const loaded = files.map((f) => ({ ...f, loaded: load(f.file) }));
  const failed = loaded.flatMap((l) => (l.loaded.ok ? [] : [l.loaded]));
  if (failed.length > 0) {
    reportLoadFailures(failed, args.format);
    return 2;
  }
  const ok = loaded.flatMap((l) => (l.loaded.ok ? [{ name: l.name, file: l.file, loaded: l.loaded }] : []));
  const [base, ...rest] = ok;
  if (!base) return 2;
  const extra = rest.slice(0, args.series.length).map((s): SeriesSpec => ({ name: s.name ?? seriesName(s.file, s.loaded), scenario: s.loaded.result.input }));
  const target = args.ladder !== undefined ? rest[args.series.length] : undefined;
  const baseName = seriesName(base.file, base.loaded);
  let series: SeriesSpec[] = [{ name: baseName, scenario: base.loaded.result.input }];
  if (target) {
    const ladder = ladderSeries(base.loaded.result.input, target.loaded.result.input, baseName);
    if (!ladder.ok) return fail(args, ladder.problems);
    series = [...ladder.series];
  }
  series.push(...extra);

  const axes: Axis[] = [];
  for (const spec of args.sweeps) {
    const a = parseAxis(spec);
    if (!a.ok) return fail(args, [a.problem]);
    axes.push(a.axis);
  }
  const [x, ...by] = axes;
  if (!x) return fail(args, [{ message: 'A sweep needs --sweep FIELD=FROM..TO[:STEP].' }]);
  const planned = planSweep({ series, x, by, phases: args.phases });
  if (!planned.ok) return fail(args, planned.problems);
  const plan = planned.plan;
  const rows = runSweep(plan);
  if (args.format === 'json') {
    const out = { modelVersion: MODEL_VERSION, field: plan.field, xs: plan.xs, series: plan.series, rows, ...(plan.warnings.length > 0 ? { warnings: plan.warnings } : {}) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  for (const w of plan.warnings) process.stderr.write(`warning: ${w.series ? `series "${w.series}": ` : ''}${w.message}\n`);
  process.stdout.write(`${args.format === 'csv' ? formatSweepCsv(plan, rows) : formatSweepTable(plan, rows)}\n`);
  return 0;
}
