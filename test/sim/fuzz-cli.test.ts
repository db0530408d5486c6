/**
 * Fuzzing the command line's way in (src/cli): any argument list gives options or one clear
 * message, and any file gives a scenario or `file:line:column: error: …` lines inside the
 * file. Run counts and seed: test/fuzz-settings.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseArgs } from '../../src/cli/args.ts';
import { load } from '../../src/cli/load.ts';
import { formatProblem } from '../../src/sim/scenario/problems.ts';
import { fuzz, FUZZ_TIMEOUT_MS } from '../fuzz-settings.ts';

const FLAGS = ['--params', '-p', '--compare', '--format', '--sweep', '--series', '--ladder', '--phases', '--help', '-h', '--format=json', '--params=', '--sweep=guest.ramGiB=1..2', '-', '--'];

describe('fuzz: the command line', () => {
  it('any argument list gives well-typed options or a message, never an exception', () => {
    const arg = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FLAGS) }, fc.constantFrom('json', 'csv', 'table', 'x=y', 'a.jsonc', ''), fc.string({ unit: 'binary', maxLength: 20 }));
    fc.assert(fc.property(fc.array(arg, { maxLength: 8 }), (argv) => {
      const r = parseArgs(argv);
      if (!r.ok) {
        expect(r.message.length).toBeGreaterThan(10);
        return;
      }
      expect(['table', 'json', 'csv']).toContain(r.args.format);
      expect(typeof r.args.help).toBe('boolean');
      if (!r.args.help) expect(typeof r.args.params === 'string' && r.args.params.length > 0).toBe(true);
      for (const s of r.args.sweeps) expect(typeof s === 'string' && s.length > 0).toBe(true);
      for (const s of r.args.series) expect(typeof s.name === 'string' && s.file.length > 0).toBe(true);
    }), fuzz(400));
  }, FUZZ_TIMEOUT_MS);

  it('any file gives a scenario or problems printed as file:line:column inside the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bootline-fuzz-cli-'));
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json({ maxDepth: 3 })), (text) => {
      const file = join(dir, 'scenario.jsonc');
      writeFileSync(file, text);
      const loaded = load(file);
      if (loaded.ok) return;
      expect(loaded.file).toBe(file);
      const lines = text.split('\n');
      for (const p of loaded.problems) {
        const m = /^(.*):(\d+):(\d+): (error|warning): (.+)$/s.exec(formatProblem(p, file));
        expect(m?.[1], formatProblem(p, file)).toBe(file);
        const line = Number(m?.[2]);
        const column = Number(m?.[3]);
        expect(line >= 1 && line <= lines.length).toBe(true);
        expect(column >= 1 && column <= (lines[line - 1]?.length ?? 0) + 1).toBe(true);
      }
    }), fuzz(150));
  }, FUZZ_TIMEOUT_MS);

  it('a missing file is a problem, not an exception', () => {
    const loaded = load(join(tmpdir(), 'bootline-no-such-dir', 'missing.jsonc'));
    expect(loaded).toMatchObject({ ok: false, problems: [{ message: 'Cannot read the scenario file: no such file.' }] });
  });
});
