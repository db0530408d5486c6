import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { flameTree, foldedStacks, laneBusyUs, laneNode, searchFlame, type FlameNode } from '../../../src/sim/analysis/flame.ts';
import { diffFlame, type FlameDiffNode } from '../../../src/sim/analysis/flame-diff.ts';
import type { Trace } from '../../../src/sim/trace/types.ts';
import { traceStacks } from '../../../src/sim/model/stack-frames.ts';
import { ALL_FIXES, runValue } from '../helpers.ts';
import { scenarioArb } from './scenario-arb.ts';

const OPTIMIZED = { guest: { memoryBacking: 'thp' }, optimizations: ALL_FIXES, firmware: { bootMenu: false, grubTimeoutS: 0 } };

function nodes(n: FlameNode): FlameNode[] {
  return [n, ...n.children.flatMap(nodes)];
}

/** Work microseconds of the items whose stack holds `frame` (each item once). */
function workWith(t: Trace, frame: string, cpu?: boolean): number {
  let us = 0;
  for (const s of t.spans) for (const w of s.work) if ((cpu === undefined || w.cpu === cpu) && traceStacks(t)[w.stack]?.includes(frame)) us += w.us;
  return us;
}

function expectConsistent(tree: FlameNode): void {
  for (const n of nodes(tree)) {
    expect(n.totalUs).toBe(n.cpuUs + n.sleepUs);
    expect(n.selfUs).toBe(n.selfCpuUs + n.selfSleepUs);
    const kids = n.children.reduce((a, c) => a + c.totalUs, 0);
    expect(n.totalUs).toBe(n.selfUs + kids);
    expect(n.cpuUs).toBe(n.selfCpuUs + n.children.reduce((a, c) => a + c.cpuUs, 0));
    expect(n.offCpu).toBe(n.totalUs > 0 && n.cpuUs === 0);
  }
}

describe('flame tree', () => {
  // Many runs: generous on a busy two-core machine.
  it('has, for every lane, exactly the lane\'s busy time (any scenario)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(scenarioArb, (value) => {
        const t = runValue(value);
        const tree = flameTree(t);
        const busy = laneBusyUs(t);
        for (const lane of t.lanes) expect(laneNode(tree, lane.id)?.totalUs ?? 0).toBe(busy[lane.id]);
        expect(tree.totalUs).toBe(Object.values(busy).reduce((a, b) => a + b, 0));
        expectConsistent(tree);
        // Merging lanes moves time between nodes, never in or out of the tree.
        const merged = flameTree(t, { group: 'stack' });
        expect(merged.totalUs).toBe(tree.totalUs);
        expectConsistent(merged);
        // One kind only: the CPU and the sleep trees split the whole.
        const cpu = flameTree(t, { time: 'cpu' });
        const sleep = flameTree(t, { time: 'sleep' });
        expect(cpu.totalUs + sleep.totalUs).toBe(tree.totalUs);
        expect(cpu.totalUs).toBe(tree.cpuUs);
        expect(sleep.cpuUs).toBe(0);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps sleeps apart from CPU time and marks off-CPU frames', () => {
    const t = runValue({});
    const tree = flameTree(t);
    const main = laneNode(tree, 'qemu-main');
    expect(main?.sleepUs).toBeGreaterThan(7_000_000); // eight bus resets of about 1 s
    const sleeps = nodes(tree).filter((n) => n.name === 'ssleep');
    expect(sleeps.length).toBeGreaterThan(0);
    for (const n of sleeps) expect(n.offCpu).toBe(true);
    const menu = nodes(tree).find((n) => n.name === 'kvm_vcpu_block');
    expect(menu).toMatchObject({ offCpu: true, sleepUs: 2_500_000, cpuUs: 0 });
    expect(nodes(tree).find((n) => n.name === 'clear_page_erms')?.offCpu).toBe(false);
    // A CPU-only tree has no sleep at all.
    expect(nodes(flameTree(t, { time: 'cpu' })).some((n) => n.name === 'ssleep')).toBe(false);
  });

  it('puts a root per lane in timeline order, frames under it outermost first and sorted by name', () => {
    const t = runValue({ devices: { count: 1 } });
    const tree = flameTree(t);
    const order = t.lanes.map((l) => l.id).filter((id) => laneNode(tree, id));
    expect(tree.children.map((c) => c.key)).toEqual(order.map((id) => `lane:${id}`));
    const main = laneNode(tree, 'qemu-main');
    expect(main?.children.map((c) => c.name)).toEqual(['qemu: main']);
    for (const n of nodes(tree).filter((x) => x.kind === 'frame')) {
      const names = n.children.map((c) => c.name);
      expect(names).toEqual([...names].sort());
    }
    expect(flameTree(t, { lanes: ['vcpu0'] }).children.map((c) => c.key)).toEqual(['lane:vcpu0']);
  });

  it('writes folded stacks that add up to the tree', () => {
    const t = runValue({ guest: { ramGiB: 8 } });
    const tree = flameTree(t);
    const lines = foldedStacks(tree);
    expect(lines.reduce((a, l) => a + Number(l.split(' ').at(-1)), 0)).toBe(tree.totalUs);
    expect(lines.some((l) => l.startsWith('QEMU main;qemu: main;qemu_init;'))).toBe(true);
  });
});

describe('flame search', () => {
  it('finds frames by part of their name, case aside, and totals them like the stacks do', () => {
    const t = runValue({ guest: { ramGiB: 16 } });
    const tree = flameTree(t);
    const s = searchFlame(tree, 'CLEAR_PAGE_ERMS');
    expect(s.matches.length).toBeGreaterThan(1);
    expect(s.matches.every((m) => m.node.name === 'clear_page_erms' && m.path.at(-1) === 'clear_page_erms')).toBe(true);
    expect(s.totalUs).toBe(workWith(t, 'clear_page_erms'));
    expect(s.share).toBeCloseTo(s.totalUs / tree.totalUs, 12);
    expect(searchFlame(tree, 'no such frame')).toMatchObject({ totalUs: 0, matches: [] });
    expect(searchFlame(tree, '').totalUs).toBe(0);
  });

  it('counts a match inside a match once (vfio frames nest under vfio frames)', () => {
    const t = runValue({ guest: { ramGiB: 16 }, optimizations: { pinThreads: 4 } });
    const tree = flameTree(t);
    const exact = searchFlame(tree, 'vfio_pin_pages_remote', { exact: true });
    expect(exact.totalUs).toBe(workWith(t, 'vfio_pin_pages_remote'));
    // "vfio" matches whole subtrees whose frames match again below: still each stack once.
    const vfio = searchFlame(tree, 'vfio');
    let us = 0;
    for (const s of t.spans) for (const w of s.work) if (traceStacks(t)[w.stack]?.some((f) => f.toLowerCase().includes('vfio'))) us += w.us;
    expect(vfio.totalUs).toBe(us);
    expect(vfio.cpuUs + vfio.sleepUs).toBe(vfio.totalUs);
  });
});

describe('difference tree', () => {
  function diffNodes(n: FlameDiffNode): FlameDiffNode[] {
    return [n, ...n.children.flatMap(diffNodes)];
  }

  // Many runs: generous on a busy two-core machine.
  it('has the change of total time at its root, and b - a at every node (any two runs)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(scenarioArb, scenarioArb, (va, vb) => {
        const a = flameTree(runValue(va));
        const b = flameTree(runValue(vb));
        const d = diffFlame(a, b);
        expect(d.deltaUs).toBe(b.totalUs - a.totalUs);
        expect(d.a.totalUs).toBe(a.totalUs);
        expect(d.b.totalUs).toBe(b.totalUs);
        for (const n of diffNodes(d)) {
          expect(n.deltaUs).toBe(n.b.totalUs - n.a.totalUs);
          expect(n.deltaCpuUs + n.deltaSleepUs).toBe(n.deltaUs);
          const kids = n.children.reduce((s, c) => s + c.deltaUs, 0);
          expect(n.deltaUs).toBe(n.deltaSelfUs + kids);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('shows where the talk\'s fixes save time, and frames only one run has', () => {
    const a = flameTree(runValue({ guest: { ramGiB: 48 } }));
    const b = flameTree(runValue({ ...OPTIMIZED, guest: { ramGiB: 48, memoryBacking: 'thp' } }));
    const d = diffFlame(a, b);
    const all = diffNodes(d);
    const zeroing = all.filter((n) => n.name === 'clear_page_erms').reduce((s, n) => s + n.deltaUs, 0);
    expect(zeroing).toBeLessThan(-5_000_000);
    const grub = all.find((n) => n.name === '[guest] grub run_menu');
    expect(grub).toMatchObject({ a: { totalUs: 5_000_000 }, b: { totalUs: 0 }, deltaUs: -5_000_000 });
    expect(all.some((n) => n.name === 'get_user_ct_pages_longterm' && n.a.totalUs === 0 && n.b.totalUs > 0)).toBe(true);
    const same = diffFlame(a, a);
    expect(diffNodes(same).every((n) => n.deltaUs === 0)).toBe(true);
  });
});
