/**
 * The IOVA view's words and links: the caption follows the playhead, a region selects the
 * span that changed it, a selected span lights its regions, and the three variants differ
 * the way the talk says (tracking alone does not help; with the split nothing is re-pinned).
 */
import { describe, expect, it } from 'vitest';
import { runValue, scenario } from '../sim/helpers.ts';
import { run } from '../../src/sim/engine/run.ts';
import { buildIovaIndex } from '../../src/ui/iova/iova-index.ts';
import { iovaCountersAt } from '../../src/ui/iova/iova-frame.ts';
import { iovaCaption } from '../../src/ui/iova/iova-caption.ts';
import { regionIdsForSpan, spanForRegion } from '../../src/ui/iova/iova-links.ts';
import { iovaVariants } from '../../src/ui/iova/iova-variants.ts';
import { variantTrace } from '../../src/ui/iova/variant-runs.ts';

const BASE = { host: { profile: 'didi-2020' }, guest: { ramGiB: 16 }, devices: { count: 2 }, firmware: { pamWrites: 13 } };

describe('IOVA caption', () => {
  const trace = runValue(BASE);
  const ix = buildIovaIndex(trace);
  const at = (t: number) => iovaCaption(ix, t, iovaCountersAt(ix, t));

  it('names the PAM write and what it re-pinned', () => {
    const op = ix.repinOps[5];
    if (!op) throw new Error('expected re-pins');
    expect(at(op.endUs + 1)).toMatch(/^At \d+\.\d s: PAM write 6 of 13 just re-pinned 3\.0 GiB; \d+ maps and 6 unmaps so far, 18\.0 GiB re-pinned\.$/);
    expect(at(Math.round((op.startUs + op.endUs) / 2))).toMatch(/PAM write 6 of 13 is re-pinning 3\.0 GiB \(\d+%\)/);
  });

  it('tells the first pin apart from re-pins', () => {
    const first = ix.ops.find((o) => o.pages4K > 1_000_000);
    if (!first) throw new Error('expected the first pin');
    expect(at(Math.round((first.startUs + first.endUs) / 2))).toMatch(/pinning .* GiB of guest RAM for the first time/);
  });

  it('says when tracking answered a PAM write', () => {
    const t2 = runValue({ ...BASE, optimizations: { userspaceDmaMapTracking: true, splitIovaAt1MiB: true } });
    const ix2 = buildIovaIndex(t2);
    const pam = ix2.pamTimes[3] ?? 0;
    expect(iovaCaption(ix2, pam + 1, iovaCountersAt(ix2, pam + 1))).toMatch(/PAM write 4 of 13: QEMU kept its mappings, nothing re-pinned; .*answered by QEMU's tracking/);
  });
});

describe('IOVA links', () => {
  const trace = runValue(BASE);
  const ix = buildIovaIndex(trace);

  it('selects the PAM write span that last re-mapped a region', () => {
    const op = ix.repinOps[2];
    const info = op ? ix.byId.get(op.region) : undefined;
    if (!op || !info) throw new Error('expected a re-pin');
    const span = spanForRegion(trace, info, op.endUs + 10);
    expect(span?.lane).toBe('vcpu0');
    expect(span?.name).toMatch(/^PAM write 3: /);
    expect(span?.cause).toContain('optimizations.userspaceDmaMapTracking');
    // And back: that span lights the regions it unmapped and mapped.
    const lit = regionIdsForSpan(ix, trace, span);
    expect(lit.has(info.region.id)).toBe(true);
    expect(lit.size).toBe(2);
  });

  it('selects the initial DMA map on QEMU main for guest RAM', () => {
    const high = ix.regions.find((r) => r.region.startIova === 4 * 2 ** 30);
    if (!high) throw new Error('no high RAM');
    const span = spanForRegion(trace, high, trace.markers.firstKernelLogUs);
    expect(span?.lane).toBe('qemu-main');
    expect(span?.phase).toBe('dma-map');
  });

  it('lights the BARs of a GPU for its BAR map and BAR memslot spans', () => {
    const barSpan = trace.spans.find((s) => s.name.startsWith('gpu1: BAR maps'));
    const slotSpan = trace.spans.find((s) => s.name === 'gpu1: BAR memslots');
    const gpu1Bars = new Set(ix.regions.filter((r) => r.region.kind === 'bar' && r.events.some((e) => barSpan && e.t >= barSpan.startUs && e.t <= barSpan.endUs)).map((r) => r.region.id));
    expect(gpu1Bars.size).toBeGreaterThan(0);
    expect([...regionIdsForSpan(ix, trace, barSpan)].sort()).toEqual([...gpu1Bars].sort());
    expect([...regionIdsForSpan(ix, trace, slotSpan)].sort()).toEqual([...gpu1Bars].sort());
    expect(regionIdsForSpan(ix, trace, trace.spans.find((s) => s.phase === 'grub')).size).toBe(0);
  });
});

describe('IOVA variants', () => {
  it('reads baseline > tracking alone > tracking with the split, and reuses the run on screen', () => {
    const trace = runValue({ ...BASE, optimizations: { userspaceDmaMapTracking: true } });
    const v = iovaVariants(trace);
    expect(v.map((x) => x.id)).toEqual(['baseline', 'tracking', 'split']);
    expect(v.filter((x) => x.current).map((x) => x.id)).toEqual(['tracking']);
    const [base, tracking, split] = v;
    if (!base || !tracking || !split) throw new Error('three variants');
    // Tracking alone: the merged range conflicts and is re-pinned all the same, with fewer unmaps.
    expect(tracking.repinnedGiB).toBeCloseTo(base.repinnedGiB, 1);
    expect(tracking.unmapIoctls).toBeLessThan(base.unmapIoctls);
    expect(split.repinnedGiB).toBe(0);
    expect(split.unmapIoctls).toBe(0);
    expect(split.biosUs).toBeLessThan(base.biosUs);
    expect(tracking.unmapIoctls).toBe(trace.counters.dmaUnmapIoctls);
  });

  it('runs each variant once per scenario', () => {
    const s = scenario(BASE);
    const trace = run(s);
    const a = variantTrace(trace, { userspaceDmaMapTracking: true });
    expect(variantTrace(trace, { userspaceDmaMapTracking: true })).toBe(a);
    expect(variantTrace(trace, { userspaceDmaMapTracking: false })).toBe(trace);
  });
});
