import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sim(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'bootline-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

// Each case starts Node with tsx once or more (about a second each, several on a busy machine).
describe('npm run sim', { timeout: 30_000 }, () => {
  it('prints the three measures as JSON for the talk baseline: minutes', () => {
    const r = sim(['--params', 'examples/talk-baseline.jsonc', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.measures.vmCreationMs).toBeGreaterThan(60_000);
    expect(json.phases[0]).toMatchObject({ name: 'qemu-start', lane: 'qemu-main', startMs: 0 });
    expect(json.problems).toBeUndefined();
  });

  it('compares two scenarios with per-measure and per-phase deltas', () => {
    const r = sim(['--params', 'examples/talk-baseline.jsonc', '--compare', 'examples/all-optimizations.jsonc', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.delta.measures.vmCreationMs.ratio).toBeLessThan(-0.9);
    expect(json.delta.phases['dma-map'].delta).toBeLessThan(0);
    expect(json.a.measures.vmCreationMs - json.b.measures.vmCreationMs).toBeCloseTo(-json.delta.measures.vmCreationMs.delta, 6);
  });

  it('prints tables for people', () => {
    const r = sim(['--params', 'examples/cpu-vm.jsonc']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/VM creation time\s+\d+\.\d\d s/);
    expect(r.out).toMatch(/kernel-load/);
  });

  it('exits 2 with file:line:col problems on a rejected scenario', () => {
    const r = sim(['--params', file('bad.jsonc', '{\n  "guest": { "ramGiB": -1, "ramGB": 2 }\n}')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.jsonc:2:24: error: guest\.ramGiB must be at least/);
    expect(r.err).toMatch(/Unknown key "ramGB" in guest\. Did you mean "ramGiB"\?/);
  });

  it('exits 2 with problems as JSON too, and for unreadable files and bad arguments', () => {
    const j = sim(['--params', file('text.jsonc', 'hello'), '--format', 'json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.out).problems.length).toBeGreaterThan(0);
    expect(sim(['--params', join(dir, 'missing.jsonc')]).code).toBe(2);
    expect(sim(['--params']).code).toBe(2);
    expect(sim(['--format', 'xml', '--params', 'examples/cpu-vm.jsonc']).code).toBe(2);
  });

  it('reads standard input with --params -', () => {
    const r = sim(['--params', '-', '--format', 'json'], '{ "devices": { "count": 0 } }');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).measures.vmCreationMs).toBeLessThan(15_000);
  });

  it('lists every phase name in --help', () => {
    const r = sim(['--help']);
    expect(r.code).toBe(0);
    for (const p of ['qemu-start', 'dma-map', 'bar-map', 'pci-reset', 'kvm-memslots', 'system-reset', 'firmware', 'boot-menu', 'grub', 'kernel-load']) {
      expect(r.out).toContain(`  ${p}`);
    }
  });
});
