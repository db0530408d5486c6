/**
 * The IOVA view's index agrees with the Trace: its counters end at the Trace's totals, the
 * regions on screen follow the region machines, and the talk's two fixes read as they should.
 */
import { describe, expect, it } from 'vitest';
import { runValue } from '../sim/helpers.ts';
import { buildIovaIndex } from '../../src/ui/iova/iova-index.ts';
import { familyBadge, gibOf4K, iovaCountersAt, regionsAt } from '../../src/ui/iova/iova-frame.ts';

const BASE = { host: { profile: 'didi-2020' }, guest: { ramGiB: 16 }, devices: { count: 2 }, firmware: { pamWrites: 13 } };
const withOpts = (o: object) => runValue({ ...BASE, optimizations: o });

describe('IOVA index', () => {
  for (const [name, opts] of [
    ['baseline', {}],
    ['tracking', { userspaceDmaMapTracking: true }],
    ['tracking + split', { userspaceDmaMapTracking: true, splitIovaAt1MiB: true }],
    ['split only', { splitIovaAt1MiB: true }],
    ['separate containers', {}],
    ['folded: 12 containers, 16 toggles', {}],
    ['folded with tracking', { userspaceDmaMapTracking: true, splitIovaAt1MiB: true }],
  ] as const) {
    it(`ends its counters at the Trace's totals (${name})`, () => {
      const folded = { ...BASE, devices: { count: 12, sharedContainer: false, barMiB: [16, 256, 32, 1, 1, 1] }, firmware: { pamWrites: 64, barDecodeToggles: 16 }, optimizations: opts };
      const trace = name === 'separate containers' ? runValue({ ...BASE, devices: { count: 2, sharedContainer: false } }) : name.startsWith('folded') ? runValue(folded) : withOpts(opts);
      if (name.startsWith('folded')) expect(trace.events.some((e) => e.type === 'vfio.folded')).toBe(true);
      const ix = buildIovaIndex(trace);
      const end = iovaCountersAt(ix, trace.markers.firstKernelLogUs);
      expect(end.mapIoctls).toBe(trace.counters.dmaMapIoctls);
      expect(end.unmapIoctls).toBe(trace.counters.dmaUnmapIoctls);
      expect(end.mapsSkipped).toBe(trace.counters.dmaMapsSkipped);
      expect(end.repinned4K).toBe(trace.counters.pagesRepinned);
      const start = iovaCountersAt(ix, 0);
      expect(start.mapIoctls + start.unmapIoctls + start.repinned4K).toBe(0);
    });
  }

  it('counts re-pinned pages up while a re-pin runs, never down', () => {
    const trace = withOpts({});
    const ix = buildIovaIndex(trace);
    let prev = 0;
    for (let t = trace.markers.vcpuStartUs; t <= trace.markers.firstKernelLogUs; t += 5_000) {
      const now = iovaCountersAt(ix, t).repinned4K;
      expect(now).toBeGreaterThanOrEqual(prev);
      prev = now;
    }
  });

  it('shows the merged low-RAM range re-pinned on every PAM write without the fixes', () => {
    const trace = withOpts({});
    const ix = buildIovaIndex(trace);
    const op = ix.repinOps[2];
    if (!op) throw new Error('expected re-pins');
    const mid = Math.round((op.startUs + op.endUs) / 2);
    const low = regionsAt(ix, 0, mid).find((r) => r.info.region.endIova === 3 * 2 ** 30 || r.info.region.startIova < 0x100000 && r.info.region.endIova > 0x100000);
    expect(low?.look).toBe('repinning');
    expect(low?.progress).toBeGreaterThan(0.3);
    expect(low?.progress).toBeLessThan(0.7);
    const fam = ix.families.find((f) => f.id === low?.info.family);
    if (!fam) throw new Error('no family');
    // Every PAM write re-maps the low range: 13 re-maps after the first map.
    expect(familyBadge(fam, trace.markers.firstKernelLogUs).text).toBe('↻ ×13');
    expect(familyBadge(fam, mid).text).toBe('↻ 3 of 13');
  });

  it('keeps ranges in QEMU and maps the 3 GiB once with tracking and the split', () => {
    const trace = withOpts({ userspaceDmaMapTracking: true, splitIovaAt1MiB: true });
    const ix = buildIovaIndex(trace);
    expect(ix.unmapTimes).toEqual([]);
    const big = ix.families.find((f) => f.start === 0x100000);
    expect(big && familyBadge(big, trace.markers.firstKernelLogUs).text).toBeUndefined();
    expect(big && familyBadge(big, trace.markers.firstKernelLogUs).kept).toBe(13);
    // Between PAM writes the 256 KiB shadow range waits in QEMU, unmapped only in intent.
    const second = ix.pamTimes[1];
    if (second === undefined) throw new Error('no PAM writes');
    const shadow = regionsAt(ix, 0, second + 1).find((r) => r.info.region.startIova === 0xc0000);
    expect(shadow?.look).toBe('kept');
  });

  it('marks the unmaps a conflicting map forced, with tracking but no split', () => {
    const trace = withOpts({ userspaceDmaMapTracking: true });
    const ix = buildIovaIndex(trace);
    expect(ix.conflictTimes.length).toBe(13);
    expect(ix.strip.filter((e) => e.kind === 'unmap').every((e) => e.conflict)).toBe(true);
    const last = ix.conflictTimes[ix.conflictTimes.length - 1] ?? 0;
    expect(regionsAt(ix, 0, last).some((r) => r.look === 'conflict')).toBe(true);
    // The mark fades after the hold window, so a finished run is not littered with them.
    expect(regionsAt(ix, 0, last + ix.holdUs + 1).some((r) => r.look === 'conflict')).toBe(false);
    // Tracking alone still re-pins the whole low range on every write: the conflict unmaps it.
    expect(gibOf4K(trace.counters.pagesRepinned)).toBeGreaterThan(13 * 2.9);
  });

  it('pins RAM for the first time during initialization, with progress in address order', () => {
    const trace = withOpts({});
    const ix = buildIovaIndex(trace);
    const high = ix.regions.find((r) => r.region.startIova === 4 * 2 ** 30 || (r.map && r.map.pages4K > 0 && r.region.kind === 'ram' && r.map.startUs < trace.markers.vcpuStartUs && r.map.endUs - r.map.startUs > 1_000_000));
    const op = high?.map;
    if (!op || !high) throw new Error('expected a long first pin');
    const mid = regionsAt(ix, 0, Math.round((op.startUs + op.endUs) / 2)).find((r) => r.info === high);
    expect(mid?.look).toBe('pinning');
    expect(regionsAt(ix, 0, op.endUs + 1).find((r) => r.info === high)?.look).toBe('mapped');
  });

  it('has nothing to show for a CPU VM', () => {
    const ix = buildIovaIndex(runValue({ devices: { count: 0 } }));
    expect(ix.regions).toEqual([]);
    expect(ix.containers).toEqual([]);
    expect(regionsAt(ix, 0, 1_000)).toEqual([]);
  });
});

describe('IOVA index past the detail window', () => {
  it('draws a container\'s regions until its window closes and none after, while its counters go on', () => {
    const trace = runValue({ ...BASE, devices: { count: 16, sharedContainer: false, barMiB: [16, 256, 32, 1, 1, 1] }, firmware: { pamWrites: 64, barDecodeToggles: 16 } });
    const ix = buildIovaIndex(trace);
    const ends = trace.iova.detailEnds ?? [];
    expect(ends.length).toBeGreaterThan(0);
    for (const { container, t } of ends) {
      expect(regionsAt(ix, container, t - 1).length).toBeGreaterThan(0);
      expect(regionsAt(ix, container, t)).toEqual([]);
    }
    const last = Math.max(...ends.map((e) => e.t));
    const atClose = iovaCountersAt(ix, last);
    const atEnd = iovaCountersAt(ix, trace.markers.firstKernelLogUs);
    expect(atEnd.mapIoctls).toBeGreaterThan(atClose.mapIoctls);
  });
});
