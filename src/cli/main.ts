/** npm run sim -- --params FILE [--compare FILE | --sweep SPEC ...] [--format table|json|csv] */
import { run } from '../sim/engine/run.ts';
import { compareReport, runReport } from '../sim/analysis/report.ts';
import { parseArgs } from './args.ts';
import { formatCompare, formatRun } from './format.ts';
import { helpText } from './help.ts';
import { load, type Loaded, reportLoadFailures } from './load.ts';
import { sweepCommand } from './sweep-command.ts';

function main(argv: readonly string[]): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    return 2;
  }
  const args = parsed.args;
  if (args.help || args.params === undefined) {
    process.stdout.write(helpText());
    return 0;
  }
  if (args.sweeps.length > 0) return sweepCommand(args, args.params);
  const files = [args.params, ...(args.compare !== undefined ? [args.compare] : [])];
  const loaded = files.map(load);
  const failed = loaded.filter((l): l is Extract<Loaded, { ok: false }> => !l.ok);
  if (failed.length > 0) {
    reportLoadFailures(failed, args.format);
    return 2;
  }
  const ok = loaded.flatMap((l) => (l.ok ? [l.result] : []));
  const [a, b] = ok;
  if (!a) return 2;
  if (!b) {
    const report = runReport(run(a.scenario), a.warnings);
    process.stdout.write(args.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${formatRun(report)}\n`);
    return 0;
  }
  const report = compareReport(run(a.scenario), run(b.scenario), a.warnings, b.warnings);
  process.stdout.write(args.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${formatCompare(report)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
