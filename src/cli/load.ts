/** Reads a scenario file (or standard input) and parses it, turning read errors into problems. */
import { readFileSync } from 'node:fs';
import { parseScenarioText, type ParseResult } from '../sim/scenario/parse.ts';
import { formatProblem, type Problem } from '../sim/scenario/problems.ts';
import { MODEL_VERSION } from '../sim/version.ts';

export type Loaded = { ok: true; result: Extract<ParseResult, { ok: true }> } | { ok: false; file: string; problems: readonly Problem[] };

export function load(file: string): Loaded {
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

/** Prints the problems of files that did not load: JSON on standard output, or file:line:col lines on standard error. */
export function reportLoadFailures(failed: readonly Extract<Loaded, { ok: false }>[], format: 'table' | 'json' | 'csv'): void {
  if (format === 'json') {
    const problems = failed.flatMap((f) => f.problems.map((p) => ({ ...p, file: f.file })));
    process.stdout.write(`${JSON.stringify({ modelVersion: MODEL_VERSION, problems }, null, 2)}\n`);
  } else {
    for (const f of failed) for (const p of f.problems) process.stderr.write(`${formatProblem(p, f.file)}\n`);
  }
}
