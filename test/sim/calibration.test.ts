/**
 * Every calibration target of design/domain.md, each run with the profile of the host it
 * was measured on. Tolerances are relative to the expected value, as the table gives them.
 */
import { describe, expect, it } from 'vitest';
import { measures } from '../../src/sim/analysis/measures.ts';
import { phaseOccurrences } from '../../src/sim/analysis/phases.ts';
import { resetUs } from '../../src/sim/model/resets.ts';
import { zeroNsPerPage } from '../../src/sim/model/zeroing.ts';
import { HOST_PROFILES } from '../../src/sim/scenario/host-profiles.ts';
import type { Trace } from '../../src/sim/trace/types.ts';
import { traceStacks } from '../../src/sim/model/stack-frames.ts';
import { PAGE_1G, PAGE_2M, PAGE_4K } from '../../src/sim/units.ts';
import { ALL_FIXES, creationS, runValue } from './helpers.ts';

function within(actual: number, expected: number, tolerance: number) {
  expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected} ±${tolerance * 100}%`).toBeLessThanOrEqual(tolerance);
}

const firstPhaseS = (t: Trace, name: string) => {
  const p = phaseOccurrences(t).find((o) => o.name === name);
  return p ? (p.endUs - p.startUs) / 1e6 : 0;
};

/**
 * The PG_zero RFC's test (LKML 2020-04-12): 64 GiB, 32 vCPUs, one GPU. Its fixed part (about
 * 1.9 s with THP and PG_zero) leaves no room for two 1 s resets, boot menu or grub, so this
 * calibration takes it as measured on a host that already had Didi's other fixes (resets,
 * DMA map tracking, KVM metadata, boot menu off, grub 0) with page-by-page pinning, and
 * varies only pre-zeroing and THP, the RFC's subject.
 */
const rfc = (thp: boolean, prezero: boolean) => ({
  host: { profile: 'didi-2020' },
  guest: { ramGiB: 64, vcpus: 32, memoryBacking: thp ? 'thp' : 'anonymous-4k' },
  devices: { count: 1 },
  firmware: { bootMenu: false, grubTimeoutS: 0 },
  optimizations: { ...ALL_FIXES, bulkPinning: false, prezeroFreePages: prezero },
});

describe('calibration against published measurements', () => {
  it('#1 64 GiB, 4 KiB pages, no pre-zero: VM creation about 24.3 s (±10%)', () => within(creationS(rfc(false, false)), 24.3, 0.1));
  it('#2 #1 with pre-zeroed free pages: about 10.6 s (±10%)', () => within(creationS(rfc(false, true)), 10.6, 0.1));
  it('#3 #1 with THP: about 15.9 s (±15%)', () => within(creationS(rfc(true, false)), 15.9, 0.15));
  it('#4 THP with pre-zeroed pages: about 1.9 s (±25%)', () => within(creationS(rfc(true, true)), 1.9, 0.25));

  it('#5 all the talk\'s optimizations: creation cut by more than 90%, GPU VM about as fast as a CPU VM', () => {
    const baseline = creationS({});
    const optimized = creationS({ guest: { memoryBacking: 'thp' }, optimizations: ALL_FIXES, firmware: { bootMenu: false, grubTimeoutS: 0 } });
    expect(1 - optimized / baseline).toBeGreaterThan(0.9);
    expect(optimized).toBeLessThanOrEqual(creationS({ devices: { count: 0 } }));
  });

  describe('#6 pin only, 4 KiB pages not yet populated, 2-node Broadwell (±10%)', () => {
    const table = [[1, 0.61], [2, 0.93], [4, 1.46], [8, 2.54], [16, 4.66], [32, 8.94], [64, 17.47], [120, 32.45]] as const;
    const pin = (gib: number, batch = false) =>
      firstPhaseS(runValue({ host: { profile: 'broadwell-2node', kernel: { batchPinning: batch } }, guest: { ramGiB: gib }, devices: { count: 1 } }), 'dma-map');
    for (const [gib, seconds] of table) {
      it(`${gib} GiB in about ${seconds} s`, () => within(pin(gib), seconds, 0.1));
    }
    it('batching 512 pages saves about 8%', () => within(1 - pin(64, true) / pin(64), 0.08, 0.1));
    it('about 79% of the time is clear_page', () => {
      const t = runValue({ host: { profile: 'broadwell-2node' }, guest: { ramGiB: 64 }, devices: { count: 1 } });
      const span = t.spans.find((s) => s.phase === 'dma-map' && s.lane === 'qemu-main');
      const total = span ? span.work.reduce((a, w) => a + w.us, 0) : 0;
      const clear = span ? span.work.filter((w) => traceStacks(t)[w.stack]?.at(-1) === 'clear_page_erms').reduce((a, w) => a + w.us, 0) : 0;
      within(clear / total, 0.79, 0.1);
    });
  });

  it('#7 DMA-map one 16 GiB BAR: about 0.4 s before the raw-PFN fix, about 1.5 µs after (order of magnitude)', () => {
    const bar = (rawPfn: boolean) =>
      runValue({
        host: { kernel: { rawPfnBarMapping: rawPfn } }, guest: { ramGiB: 4 }, firmware: { barDecodeToggles: 0 },
        devices: { count: 1, barMiB: [16 * 1024] },
      });
    const mapS = (t: Trace) => {
      const s = t.spans.find((x) => x.phase === 'bar-map' && x.lane === 'vcpu0');
      return s ? s.work.reduce((a, w) => a + w.us, 0) / 1e6 : NaN;
    };
    within(mapS(bar(false)), 0.4, 0.5);
    const after = bar(true).spans.find((x) => x.phase === 'bar-map' && x.lane === 'vcpu0');
    // 1.5 us: below the microsecond grid of a span's work, so check the model directly too.
    expect(after ? after.endUs - after.startUs : Infinity).toBeLessThanOrEqual(2);
    expect(HOST_PROFILES['didi-2020'].barRawPfnMapUs).toBeGreaterThanOrEqual(0.15);
    expect(HOST_PROFILES['didi-2020'].barRawPfnMapUs).toBeLessThanOrEqual(15);
  });

  it('#8 one bus reset of a GPU without FLR before 2023: at least 1.0 s (2 ms + 1000 ms), ±10%', () => {
    const us = resetUs('bus', HOST_PROFILES['didi-2020'].kernel);
    expect(us).toBeGreaterThanOrEqual(1_002_000);
    within(us / 1e6, 1.002, 0.1);
  });

  it('#9 an FLR-capable device: at least 100 ms per reset, ±10%', () => {
    const t = runValue({ devices: { gpu: 'nic-flr', count: 1 } });
    const reset = t.spans.find((s) => s.phase === 'pci-reset' && s.lane === 'gpu0');
    const s = reset ? (reset.endUs - reset.startUs) / 1e6 : 0;
    expect(s).toBeGreaterThanOrEqual(0.1);
    within(s, 0.1, 0.1);
  });

  it('#10 4 GPUs, 2 serialized resets each: about 8 s of initialization in resets; optimized about 1 s or hidden (±25%)', () => {
    const resetTime = (t: Trace) =>
      phaseOccurrences(t).filter((p) => p.name === 'pci-reset' || p.name === 'system-reset').reduce((a, p) => a + p.endUs - p.startUs, 0) / 1e6;
    within(resetTime(runValue({})), 8, 0.25);
    const opt = runValue({ optimizations: { skipRedundantReset: true, parallelResets: true } });
    within(resetTime(opt), 1, 0.25);
    const hidden = runValue({ optimizations: { skipRedundantReset: true, parallelResets: true, overlapResetWithDmaMap: true } });
    expect(measures(hidden).vmInitializationMs).toBeLessThan(measures(opt).vmInitializationMs - 900);
  });

  it('#11 SeaBIOS boot menu: +2.5 s of BIOS time when on, 0 when off (exact)', () => {
    const bios = (menu: boolean) => {
      const m = runValue({ firmware: { bootMenu: menu } }).markers;
      return m.firstKernelLogUs - m.vcpuStartUs;
    };
    expect(bios(true) - bios(false)).toBe(2_500_000);
  });

  it('#12 grub timeout 5 s against 0: +5 s of BIOS time (exact)', () => {
    const bios = (s: number) => {
      const m = runValue({ firmware: { grubTimeoutS: s } }).markers;
      return m.firstKernelLogUs - m.vcpuStartUs;
    };
    expect(bios(5) - bios(0)).toBe(5_000_000);
  });

  describe('#13 single-thread zeroing bandwidth (±15%)', () => {
    /** Effective GB/s of the zeroing the run did: bytes zeroed over time in clear_page_erms. */
    const measured = (profile: string, backing: string) => {
      const t = runValue({ host: { profile }, guest: { ramGiB: 4, memoryBacking: backing }, devices: { count: 1 } });
      const span = t.spans.find((s) => s.phase === 'dma-map' && s.lane === 'qemu-main');
      const us = span ? span.work.filter((w) => traceStacks(t)[w.stack]?.at(-1) === 'clear_page_erms').reduce((a, w) => a + w.us, 0) : 0;
      return (t.counters.pagesZeroed * PAGE_4K) / (us * 1_000);
    };
    it('2020 Intel host about 4.7 GB/s', () => within(measured('didi-2020', 'anonymous-4k'), 4.7, 0.15));
    it('AMD Milan about 13.7 GB/s with 4 KiB pages', () => within(measured('amd-milan-2025', 'anonymous-4k'), 13.7, 0.15));
    it('AMD Milan about 15.1 GB/s with 2 MiB chunks', () => within(measured('amd-milan-2025', 'thp'), 15.1, 0.15));
    it('AMD Milan about 38.1 GB/s with 1 GiB chunks', () => {
      within(measured('amd-milan-2025', 'hugetlb-1g'), 38.1, 0.15);
      within(PAGE_1G / zeroNsPerPage(HOST_PROFILES['amd-milan-2025'], PAGE_1G), 38.1, 0.15);
      within(PAGE_2M / zeroNsPerPage(HOST_PROFILES['amd-milan-2025'], PAGE_2M), 15.1, 0.15);
    });
  });
});
