/** npm run sim -- --params FILE [--compare FILE] [--format table|json] */
import { readFileSync } from 'node:fs';
import { parseScenarioText, type ParseResult } from '../sim/scenario/parse.ts';
import { formatProblem, type Problem } from '../sim/scenario/problems.ts';
import { run } from '../sim/engine/run.ts';
import { compareReport, runReport } from '../sim/analysis/report.ts';
import { MODEL_VERSION } from '../sim/version.ts';
import { parseArgs } from './args.ts';
import { formatCompare, formatRun } from './format.ts';
import { helpText } from './help.ts';

type Loaded = { ok: true; result: Extract<ParseResult, { ok: true }> } | { ok: false; file: string; problems: readonly Problem[] };

function load(file: string): Loaded {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const reason = err instanceof Error && 'code' in err && err.code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
    return { ok: false, file, problems: [{ severity: 'error', message: `Cannot read the scenario file: ${reason}.`, path: [] }] };
  }
  const result = parseScenarioText(text);
  return result.ok ? { ok: true, result } : { ok: false, file, problems: result.problems };
}

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
  const files = [args.params, ...(args.compare !== undefined ? [args.compare] : [])];
  const loaded = files.map(load);
  const failed = loaded.filter((l): l is Extract<Loaded, { ok: false }> => !l.ok);
  if (failed.length > 0) {
    if (args.format === 'json') {
      const problems = failed.flatMap((f) => f.problems.map((p) => ({ ...p, file: f.file })));
      process.stdout.write(`${JSON.stringify({ modelVersion: MODEL_VERSION, problems }, null, 2)}\n`);
    } else {
      for (const f of failed) for (const p of f.problems) process.stderr.write(`${formatProblem(p, f.file)}\n`);
    }
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
