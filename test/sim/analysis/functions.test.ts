import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { functionCosts, functionTable, TALK_FUNCTIONS } from '../../../src/sim/analysis/functions.ts';
import { flameTree, laneBusyUs, searchFlame } from '../../../src/sim/analysis/flame.ts';
import type { Trace } from '../../../src/sim/trace/types.ts';
import { traceStacks } from '../../../src/sim/model/stack-frames.ts';
import { ALL_FIXES, runValue } from '../helpers.ts';
import { scenarioArb } from './scenario-arb.ts';

const BASELINE_48 = { guest: { ramGiB: 48 } };
const FIXED_48 = { guest: { ramGiB: 48, memoryBacking: 'thp' }, optimizations: ALL_FIXES, firmware: { bootMenu: false, grubTimeoutS: 0 } };

const busy = (t: Trace) => Object.values(laneBusyUs(t)).reduce((a, b) => a + b, 0);

describe('function cost table', () => {
  it('lists the talk\'s functions that occur in the runs, in the list\'s order', () => {
    const t = functionTable(runValue(BASELINE_48), runValue(FIXED_48));
    const frames = t.rows.map((r) => r.frame);
    expect(frames).toEqual(TALK_FUNCTIONS.map((f) => f.frame).filter((f) => frames.includes(f)));
    for (const f of ['vfio_listener_region_add', 'vfio_dma_map', 'vfio_pin_pages_remote', 'get_user_pages', 'clear_page_erms',
      'kvm_set_phys_mem', 'qemu_system_reset', 'vfio_pci_reset', 'pci_reset_secondary_bus']) {
      expect(frames).toContain(f);
    }
    // Frames that no stack holds (prealloc, hugetlbfs faults) stay out.
    expect(frames).not.toContain('do_touch_pages');
    expect(frames).not.toContain('hugetlb_fault');
  });

  it('shows the talk\'s story: zeroing and pinning dominate the baseline and the fixes remove them', () => {
    const t = functionTable(runValue(BASELINE_48), runValue(FIXED_48));
    const row = (f: string) => t.rows.find((r) => r.frame === f);
    expect(row('clear_page_erms')?.savedUs).toBeGreaterThan(9_000_000);
    expect(row('vfio_pin_pages_remote')?.a.totalUs).toBeGreaterThan(0.9 * (row('vfio_dma_map')?.a.totalUs ?? 0));
    expect(row('pci_reset_secondary_bus')).toMatchObject({ a: { sleepUs: 8_048_000, cpuUs: 0 }, b: { sleepUs: 4_024_000 } });
    expect(row('[guest] grub run_menu')?.savedUs).toBe(5_000_000);
    for (const f of ['vfio_listener_region_add', 'vfio_get_device', 'qemu_system_reset', 'kvm_set_phys_mem']) expect(row(f)?.topLevel).toBe(true);
    expect(row('vfio_dma_map')?.callers).toEqual(['vfio_listener_region_add']);
  });

  // Many runs: generous on a busy two-core machine.
  it('agrees with the flame graph: each function\'s total is the search for its frame', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(scenarioArb, (value) => {
        const trace = runValue(value);
        const tree = flameTree(trace);
        for (const r of functionCosts(trace).rows) {
          const s = searchFlame(tree, r.frame, { exact: true });
          expect(r.a).toMatchObject({ totalUs: s.totalUs, cpuUs: s.cpuUs, sleepUs: s.sleepUs });
          expect(r.savedUs).toBe(0);
        }
      }),
      { numRuns: 20 },
    );
  });

  // Many runs: generous on a busy two-core machine.
  it('adds up: outermost listed functions plus unlisted time are the busy time, and so are the savings (any two runs)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(scenarioArb, scenarioArb, (va, vb) => {
        const a = runValue(va);
        const b = runValue(vb);
        const t = functionTable(a, b);
        expect(t.busy.a.totalUs).toBe(busy(a));
        expect(t.busy.b.totalUs).toBe(busy(b));
        const rootA = t.rows.reduce((s, r) => s + r.a.rootUs, 0);
        const rootB = t.rows.reduce((s, r) => s + r.b.rootUs, 0);
        expect(rootA + t.unlisted.a.totalUs).toBe(busy(a));
        expect(rootB + t.unlisted.b.totalUs).toBe(busy(b));
        expect(t.rows.reduce((s, r) => s + r.a.rootUs - r.b.rootUs, 0) + t.unlisted.savedUs).toBe(t.busy.savedUs);
        for (const r of t.rows) {
          // A top-level function is never under another listed one: all its time is its own.
          if (r.topLevel) expect(r.a.rootUs).toBe(r.a.totalUs);
          expect(r.a.rootUs).toBeLessThanOrEqual(r.a.totalUs);
          expect(r.a.totalUs).toBeLessThanOrEqual(t.busy.a.totalUs);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('makes the top-level savings and the unlisted saving the busy-time saving when every function keeps its callers', () => {
    // No reset or pin threads: every function sits under the same listed callers in both runs.
    const a = runValue(BASELINE_48);
    const b = runValue({ ...FIXED_48, optimizations: { ...ALL_FIXES, parallelResets: false, overlapResetWithDmaMap: false }, host: { freePool: { prezeroedShare: 0.5 } } });
    const t = functionTable(a, b);
    const top = t.rows.filter((r) => r.topLevel);
    expect(t.rows.filter((r) => !r.topLevel).every((r) => r.a.rootUs === 0 && r.b.rootUs === 0)).toBe(true);
    expect(top.reduce((s, r) => s + r.savedUs, 0) + t.unlisted.savedUs).toBe(busy(a) - busy(b));
  });

  it('counts a function twice in one stack once (the pin thread\'s vfio_pin_pages_remote)', () => {
    const trace = runValue({ guest: { ramGiB: 16 }, optimizations: { pinThreads: 4 } });
    const row = functionCosts(trace).rows.find((r) => r.frame === 'vfio_pin_pages_remote');
    const pinLanes = ['pin0', 'pin1', 'pin2', 'pin3'].reduce((s, l) => s + (laneBusyUs(trace)[l] ?? 0), 0);
    expect(pinLanes).toBeGreaterThan(0);
    let us = 0;
    for (const s of trace.spans) for (const w of s.work) if (traceStacks(trace)[w.stack]?.includes('vfio_pin_pages_remote')) us += w.us;
    expect(row?.a.totalUs).toBe(us);
    expect(row?.a.totalUs).toBeLessThan(2 * pinLanes);
  });
});
