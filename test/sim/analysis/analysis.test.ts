import { describe, expect, it } from 'vitest';
import { measures } from '../../../src/sim/analysis/measures.ts';
import { phaseOccurrences, phaseTotalsUs } from '../../../src/sim/analysis/phases.ts';
import { criticalPath, criticalTimeByPhaseUs } from '../../../src/sim/analysis/critical-path.ts';
import { compare } from '../../../src/sim/analysis/compare.ts';
import { talkBaseline } from '../../../src/sim/analysis/attribution.ts';
import { attribute } from '../../../src/sim/analysis/attribute.ts';
import { compareReport, runReport } from '../../../src/sim/analysis/report.ts';
import { pageHistory, pageStateAt } from '../../../src/sim/analysis/pages.ts';
import { subpagesPerPage } from '../../../src/sim/model/pages.ts';
import { ALL_FIXES, runValue, scenario } from '../helpers.ts';

const OPTIMIZED = { guest: { memoryBacking: 'thp' }, optimizations: ALL_FIXES, firmware: { bootMenu: false, grubTimeoutS: 0 } };

describe('measures', () => {
  it('follow the talk\'s definitions: creation = initialization + BIOS', () => {
    const t = runValue({});
    const m = measures(t);
    expect(m.vmInitializationMs).toBe(t.markers.vcpuStartUs / 1000);
    expect(m.vmCreationMs).toBeCloseTo(m.vmInitializationMs + m.biosExecutionMs, 9);
  });
});

describe('phases', () => {
  it('lists each occurrence once, in time order, with the names --help documents', () => {
    const occ = phaseOccurrences(runValue({}));
    expect(occ[0]).toMatchObject({ name: 'qemu-start', lane: 'qemu-main', startUs: 0 });
    expect(occ.at(-1)?.name).toBe('kernel-load');
    expect(occ.filter((o) => o.name === 'pci-reset')).toHaveLength(4);
    for (let i = 1; i < occ.length; i++) expect(occ[i]!.startUs).toBeGreaterThanOrEqual(occ[i - 1]!.startUs);
  });

  it('makes work on several threads at once one occurrence from first start to last end', () => {
    const t = runValue({ optimizations: { parallelResets: true } });
    const resets = phaseOccurrences(t).filter((o) => o.name === 'pci-reset');
    const spans = t.spans.filter((s) => s.phase === 'pci-reset' && s.kind === 'work');
    expect(resets).toHaveLength(1);
    expect(resets[0]!.startUs).toBe(Math.min(...spans.map((s) => s.startUs)));
    expect(resets[0]!.endUs).toBe(Math.max(...spans.map((s) => s.endUs)));
  });
});

describe('critical path', () => {
  it('credits add up to the creation time, and the DMA map dominates the baseline', () => {
    const t = runValue({});
    const byPhase = criticalTimeByPhaseUs(t);
    expect(Object.values(byPhase).reduce((a, b) => a + b, 0)).toBe(t.markers.firstKernelLogUs);
    expect(byPhase['dma-map'] / t.markers.firstKernelLogUs).toBeGreaterThan(0.8);
    expect(criticalPath(t)[0]?.span.phase).toBe('qemu-start');
  });
});

describe('compare', () => {
  it('gives per-measure and per-phase deltas B minus A', () => {
    const a = runValue({});
    const b = runValue(OPTIMIZED);
    const c = compare(a, b);
    expect(c.measures.vmCreationMs.delta).toBeCloseTo(measures(b).vmCreationMs - measures(a).vmCreationMs, 9);
    expect(c.measures.vmCreationMs.ratio).toBeLessThan(-0.9);
    expect(c.phases.grub.delta).toBe(-5_000);
    expect(c.counters.pciResets).toMatchObject({ a: 8, b: 4 });
    const critical = Object.values(c.criticalPhases).reduce((acc, d) => acc + d.delta, 0);
    expect(critical).toBeCloseTo(c.measures.vmCreationMs.delta, 6);
    expect(phaseTotalsUs(a)['dma-map']).toBeGreaterThan(phaseTotalsUs(b)['dma-map']);
  });
});

describe('attribution', () => {
  it('in the talk\'s order, the savings add up exactly to the total saving', () => {
    const a = scenario({});
    const b = scenario(OPTIMIZED);
    const at = attribute(a, b);
    const sum = at.steps.reduce((acc, s) => acc + s.savedMs, 0);
    expect(sum).toBeCloseTo(at.before.vmCreationMs - at.after.vmCreationMs, 6);
    expect(at.steps.map((s) => s.id)).toEqual(['prezero', 'huge-pages', 'bulk-pinning', 'dma-map', 'resets', 'kvm', 'config']);
    expect(at.steps[0]?.savedMs).toBeGreaterThan(50_000);
    expect(at.steps.find((s) => s.id === 'config')?.savedMs).toBeCloseTo(7_500, 0);
  });

  it('reverts every fix for the talk baseline of a scenario, keeping the rest', () => {
    const s = scenario({ ...OPTIMIZED, guest: { ramGiB: 48, memoryBacking: 'thp' } });
    const b = talkBaseline(s);
    expect(b.guest.ramGiB).toBe(48);
    expect(b.guest.memoryBacking).toBe('anonymous-4k');
    expect(Object.values(b.optimizations).filter((v) => v === true)).toEqual([]);
    expect(b.firmware).toMatchObject({ bootMenu: true, grubTimeoutS: 5 });
  });

  it('names changes no fix covers "Other changes"', () => {
    const at = attribute(scenario({}), scenario({ guest: { ramGiB: 128 } }));
    expect(at.steps.map((s) => s.id)).toEqual(['other']);
  });
});

describe('report (the command line JSON)', () => {
  it('has the public shape of design/scenario.md', () => {
    const r = runReport(runValue({}));
    expect(Object.keys(r.measures)).toEqual(['vmCreationMs', 'vmInitializationMs', 'biosExecutionMs']);
    expect(r.phases[0]).toEqual({ name: 'qemu-start', lane: 'qemu-main', startMs: 0, endMs: 450 });
    for (const k of ['pagesZeroed', 'zeroingsSkipped', 'pageTableReads', 'pagesPinned', 'pagesRepinned', 'dmaMapIoctls', 'dmaUnmapIoctls', 'pciResets']) {
      expect(r.counters).toHaveProperty(k);
    }
    const c = compareReport(runValue({}), runValue(OPTIMIZED));
    expect(c.delta.measures.vmCreationMs.delta).toBeCloseTo(c.b.measures.vmCreationMs - c.a.measures.vmCreationMs, 9);
  });
});

describe('page history', () => {
  it('rebuilds, page by page, exactly what the counters say for a guest that fits the detail window', () => {
    const t = runValue({
      guest: { ramGiB: 1 / 64 }, devices: { count: 1 }, firmware: { pamWrites: 3 },
      // A worker that sleeps an hour between batches: the share zeroed at launch is all there is.
      optimizations: { prezeroFreePages: true }, host: { freePool: { prezeroedShare: 0.5 }, prezeroWorker: { batchMiB: 1, delayMs: 3_600_000 } },
    });
    const mem = t.memory;
    expect(mem.window.count).toBe(mem.totalPages);
    let zeroed = 0;
    let skipped = 0;
    let pinnedAtEnd = 0;
    for (let p = 0; p < mem.totalPages; p++) {
      for (const step of pageHistory(mem, p).steps) {
        if (step.actions.includes('zeroInline')) zeroed++;
        if (step.actions.includes('skipZeroing')) skipped++;
      }
      if (pageStateAt(mem, p, t.markers.firstKernelLogUs) === 'pinned') pinnedAtEnd++;
    }
    const sub = subpagesPerPage(mem.backing);
    expect(zeroed * sub).toBe(t.counters.pagesZeroed);
    expect(skipped * sub).toBe(t.counters.zeroingsSkipped);
    // Three PAM writes end with the shadow merged: every page ever pinned is pinned at the end.
    expect(pinnedAtEnd * sub).toBe(t.counters.pagesPinned);
    expect(skipped / (zeroed + skipped)).toBeCloseTo(0.5, 1);
  });
});

describe('the pre-zero worker in the page history', () => {
  it('clears the pages it reaches before the pin front, and they skip zeroing', () => {
    const t = runValue({ guest: { ramGiB: 1 / 64 }, devices: { count: 1 }, optimizations: { prezeroFreePages: true }, host: { freePool: { prezeroedShare: 0 } } });
    let cleared = 0;
    for (let p = 0; p < t.memory.totalPages; p++) {
      if (pageHistory(t.memory, p).steps.some((s) => s.actions.includes('workerZero'))) cleared++;
    }
    expect(cleared).toBeGreaterThan(0);
    expect(cleared * subpagesPerPage(t.memory.backing)).toBe(t.counters.pagesPrezeroed);
    expect(t.counters.zeroingsSkipped).toBeGreaterThan(0);
  });
});

import { countersAt } from '../../../src/sim/analysis/counters-at.ts';

describe('counters at the playhead', () => {
  it('start at zero, grow monotonically, and end at the totals', () => {
    const t = runValue({});
    const end = t.markers.firstKernelLogUs;
    expect(countersAt(t, -1).pagesZeroed).toBe(0);
    let prev = countersAt(t, 0);
    for (let i = 1; i <= 20; i++) {
      const now = countersAt(t, (end * i) / 20);
      for (const k of Object.keys(now) as (keyof typeof now)[]) expect(now[k]).toBeGreaterThanOrEqual(prev[k]);
      prev = now;
    }
    expect(countersAt(t, end)).toEqual(t.counters);
  });
});
