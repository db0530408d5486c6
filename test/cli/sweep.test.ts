import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sim(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'bootline-sweep-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const BASE = ['--params', 'examples/talk-baseline.jsonc'];

// Each case spawns Node with tsx (about half a second on these two-core machines).
describe('npm run sim -- --sweep', { timeout: 30_000 }, () => {
  it('prints a RAM sweep of 1 GPU against 4 GPUs as CSV: a header, then one row per series and point', () => {
    const r = sim([...BASE, '--sweep', 'guest.ramGiB=16..64:16', '--sweep', 'devices.count=1,4', '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('series,guest.ramGiB,vmCreationMs,vmInitializationMs,biosExecutionMs');
    expect(lines).toHaveLength(1 + 2 * 4);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((c) => [c[0], c[1]])).toEqual([
      ['devices.count=1', '16'], ['devices.count=1', '32'], ['devices.count=1', '48'], ['devices.count=1', '64'],
      ['devices.count=4', '16'], ['devices.count=4', '32'], ['devices.count=4', '48'], ['devices.count=4', '64'],
    ]);
    const creation = rows.map((c) => Number(c[2]));
    for (let i = 0; i < 4; i++) expect(creation[i + 4]).toBeGreaterThan(creation[i] ?? Infinity);
    for (const c of rows) expect(Number(c[2])).toBeCloseTo(Number(c[3]) + Number(c[4]), 6);
  });

  it('prints a table for people and JSON for scripts, with the same figures', () => {
    const t = sim([...BASE, '--sweep', 'guest.ramGiB=48,96']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^series\s+guest\.ramGiB\s+creation\s+initialization\s+BIOS/);
    expect(t.out).toMatch(/Baseline \(talk\)\s+48\s+35\.84 s/);
    const j = sim([...BASE, '--sweep', 'guest.ramGiB=48,96', '--format', 'json', '--phases']);
    expect(j.code).toBe(0);
    const json = JSON.parse(j.out);
    expect(json).toMatchObject({ field: 'guest.ramGiB', xs: [48, 96], series: ['Baseline (talk)'] });
    expect(json.rows[0]).toMatchObject({ series: 'Baseline (talk)', x: 48, xIndex: 0, seriesIndex: 0 });
    expect(json.rows[0].vmCreationMs).toBeCloseTo(35_837.4, 1);
    expect(json.rows[0].phases['dma-map']).toBeGreaterThan(0);
  });

  it('adds scenarios as series and climbs the talk\'s fixes with --ladder', () => {
    const s = sim([...BASE, '--series', 'all fixes=examples/all-optimizations.jsonc', '--sweep', 'guest.ramGiB=64', '--format', 'csv', '--phases']);
    expect(s.code).toBe(0);
    const lines = s.out.trim().split('\n');
    expect(lines[0]).toMatch(/^series,guest\.ramGiB,vmCreationMs,vmInitializationMs,biosExecutionMs,qemuStartMs,preallocMs,dmaMapMs,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Baseline (talk)', 'all fixes']);
    const l = sim([...BASE, '--ladder', 'examples/all-optimizations.jsonc', '--sweep', 'guest.ramGiB=48', '--format', 'json']);
    expect(l.code).toBe(0);
    const json = JSON.parse(l.out);
    expect(json.series[0]).toBe('Baseline (talk)');
    expect(json.series[1]).toBe('+ Pre-zero free pages');
    const ms: number[] = json.rows.map((r: { vmCreationMs: number }) => r.vmCreationMs);
    for (let i = 1; i < ms.length; i++) expect(ms[i]).toBeLessThan(ms[i - 1] ?? 0);
    expect(l.err).toBe('');
  });

  it('quotes series names that need it in CSV', () => {
    const f = file('named.jsonc', '{ "name": "big, slow", "guest": { "ramGiB": 8 } }');
    const r = sim(['--params', f, '--sweep', 'devices.count=1', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toMatch(/^"big, slow",1,/);
  });

  it('exits 2 and says what is wrong with a bad sweep', () => {
    const unknown = sim([...BASE, '--sweep', 'guest.ramGB=1..4']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown sweep field "guest.ramGB". Did you mean "guest.ramGiB"\?/);
    const many = sim([...BASE, '--sweep', 'guest.ramGiB=1..5000']);
    expect(many.code).toBe(2);
    expect(many.err).toMatch(/5,000 values, more than a sweep runs \(2,000\)/);
    const range = sim([...BASE, '--sweep', 'guest.ramGiB=8192..20480:4096']);
    expect(range.code).toBe(2);
    expect(range.err).toMatch(/series "Baseline \(talk\)" at guest\.ramGiB=20480: guest\.ramGiB is 20480 GiB, above the largest the model supports \(16,384 GiB\)\./);
    const json = sim([...BASE, '--sweep', 'guest.memoryBacking=thp,huge', '--format', 'json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out).problems[0]).toMatchObject({ field: 'guest.memoryBacking', x: 'huge' });
    expect(sim([...BASE, '--sweep', 'guest.ramGiB=64..8']).err).toMatch(/ends \(8\) before it starts \(64\)/);
  });

  it('exits 2 on arguments that do not make a sweep', () => {
    const cases: [string[], RegExp][] = [
      [[...BASE, '--sweep'], /--sweep needs FIELD=FROM..TO/],
      [[...BASE, '--series', 'nofile', '--sweep', 'guest.ramGiB=8'], /--series needs NAME=FILE/],
      [[...BASE, '--series', 'x=examples/cpu-vm.jsonc'], /add --sweep/],
      [[...BASE, '--ladder', 'examples/all-optimizations.jsonc'], /add --sweep/],
      [[...BASE, '--format', 'csv'], /--format csv is for sweeps/],
      [[...BASE, '--compare', 'examples/cpu-vm.jsonc', '--sweep', 'guest.ramGiB=8'], /--series NAME=FILE/],
      [[...BASE, '--series', `x=${join(dir, 'missing.jsonc')}`, '--sweep', 'guest.ramGiB=8'], /missing\.jsonc: error: Cannot read the scenario file: no such file/],
      [[...BASE, '--series', 'a=examples/cpu-vm.jsonc', '--series', 'a=examples/cpu-vm.jsonc', '--sweep', 'guest.ramGiB=8'], /Two series are named "a"/],
    ];
    for (const [args, message] of cases) {
      const r = sim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
    }
  });

  it('documents sweeps in --help', () => {
    const r = sim(['--help']);
    expect(r.code).toBe(0);
    for (const s of ['--sweep FIELD=FROM..TO[:STEP]', '--series NAME=FILE', '--ladder FILE', '--phases', 'csv', 'guest.ramGiB', 'host.freePool.prezeroedShare']) {
      expect(r.out).toContain(s);
    }
  });
});
