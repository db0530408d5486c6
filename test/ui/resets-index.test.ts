/**
 * The Resets view's model: rows per GPU with #1 and #2, skipped resets from the Trace,
 * the schedule in words, totals at the playhead that end at the Trace's counters, links
 * from timeline spans, and the three schedules compared.
 */
import { describe, expect, it } from 'vitest';
import { runValue } from '../sim/helpers.ts';
import { buildResetIndex, resetTotalsAt } from '../../src/ui/resets/reset-index.ts';
import { linksForSpan } from '../../src/ui/resets/reset-links.ts';
import { methodWords, resetCaption } from '../../src/ui/resets/reset-caption.ts';
import { resetVariants } from '../../src/ui/resets/reset-variants.ts';

const BASE = { host: { profile: 'didi-2020' }, guest: { ramGiB: 8 }, devices: { count: 4 } };
const withOpts = (o: object) => runValue({ ...BASE, optimizations: o });

describe('reset index', () => {
  it('has reset #1 and #2 per GPU, serial on the main thread, and the main thread waits for all of them', () => {
    const trace = withOpts({});
    const ix = buildResetIndex(trace);
    expect(ix.rows.map((r) => r.resets.map((b) => b.reason))).toEqual(Array(4).fill(['device-open', 'system-reset']));
    expect(ix.schedule).toBe('serial');
    expect(ix.scheduleWords).toBe('serial on the main thread');
    expect(ix.done.every((r) => r.onMain)).toBe(true);
    const end = resetTotalsAt(ix, trace.markers.vcpuStartUs);
    expect(end.done).toBe(trace.counters.pciResets);
    const sum = ix.done.reduce((a, r) => a + r.endUs - r.startUs, 0);
    expect(end.waitedUs).toBe(sum);
    expect(resetTotalsAt(ix, 0)).toMatchObject({ done: 0, skipped: 0, waitedUs: 0 });
  });

  it('starts resets together in parallel, and the main thread waits only for the longest', () => {
    const trace = withOpts({ parallelResets: true });
    const ix = buildResetIndex(trace);
    expect(ix.schedule).toBe('parallel');
    const firsts = ix.rows.map((r) => r.resets[0]?.startUs ?? -1);
    // Threads start a few µs apart as the main thread realizes each device.
    expect(Math.max(...firsts) - Math.min(...firsts)).toBeLessThan(1_000);
    const seconds = ix.rows.map((r) => r.resets[1]?.startUs ?? -1);
    expect(new Set(seconds).size).toBe(1);
    const end = resetTotalsAt(ix, trace.markers.vcpuStartUs);
    expect(end.waitedUs).toBeLessThan(2.2 * (ix.done[0] ? ix.done[0].endUs - ix.done[0].startUs : 0));
  });

  it('marks redundant resets as skipped and overlapped resets as overlapping the DMA map', () => {
    const trace = withOpts({ parallelResets: true, overlapResetWithDmaMap: true, skipRedundantReset: true });
    const ix = buildResetIndex(trace);
    expect(ix.schedule).toBe('overlapped');
    expect(ix.skipped.length).toBe(4);
    expect(ix.skipped.every((r) => r.reason === 'system-reset' && r.span.name === 'reset #2 skipped (redundant)')).toBe(true);
    const end = resetTotalsAt(ix, trace.markers.vcpuStartUs);
    expect(end.skipped).toBe(trace.counters.pciResetsSkipped);
    expect(end.done).toBe(trace.counters.pciResets);
    const t = ix.done[0]?.startUs ?? 0;
    expect(resetTotalsAt(ix, t + 1).running.length).toBe(4);
    expect(resetCaption(ix, t + 1, resetTotalsAt(ix, t + 1))).toMatch(/4 resets are running at once/);
  });

  it('links timeline spans to the resets they stand for', () => {
    const trace = withOpts({});
    const ix = buildResetIndex(trace);
    const gpu2 = ix.rows[2]?.resets[0];
    if (!gpu2) throw new Error('no reset');
    expect([...linksForSpan(ix, gpu2.span).spans]).toEqual([gpu2.span.id]);
    // The main thread's inline span of the same reset points at it too.
    const inline = trace.spans.find((s) => s.lane === 'qemu-main' && s.startUs === gpu2.startUs && s.phase === 'pci-reset');
    expect([...linksForSpan(ix, inline).spans]).toEqual([gpu2.span.id]);
    const call = trace.spans.find((s) => s.name === 'qemu_system_reset');
    expect(linksForSpan(ix, call).spans.size).toBe(4);
    expect(linksForSpan(ix, ix.dmaMap[0]).dmaMap).toBe(true);
    const parallel = buildResetIndex(withOpts({ parallelResets: true }));
    const blocked = parallel.waits.find((w) => w.kind === 'blocked');
    expect(linksForSpan(parallel, blocked).spans.size).toBe(4);
  });

  it('describes the reset method and its 2023 change', () => {
    const kernel = withOpts({}).scenario.host.kernel;
    expect(methodWords('bus', kernel).eachUs).toBeGreaterThan(1_000_000);
    expect(methodWords('bus', kernel).other).toMatch(/2023 fast delay/);
    expect(methodWords('bus', { ...kernel, fastPciResetDelay: true }).eachUs).toBeLessThan(200_000);
    expect(methodWords('flr', kernel).other).toBeUndefined();
  });

  it('has nothing for a CPU VM', () => {
    const ix = buildResetIndex(runValue({ devices: { count: 0 } }));
    expect(ix.rows).toEqual([]);
    expect(ix.schedule).toBeUndefined();
  });
});

describe('reset schedules compared', () => {
  it('serial > parallel > overlapped in initialization time, with the current one marked', () => {
    const trace = withOpts({ parallelResets: true });
    const v = resetVariants(trace);
    expect(v.map((x) => x.id)).toEqual(['serial', 'parallel', 'overlapped']);
    expect(v.filter((x) => x.current).map((x) => x.id)).toEqual(['parallel']);
    const [serial, parallel, overlapped] = v;
    if (!serial || !parallel || !overlapped) throw new Error('three variants');
    expect(serial.initUs).toBeGreaterThan(parallel.initUs);
    expect(parallel.initUs).toBeGreaterThan(overlapped.initUs);
    expect(serial.waitedUs).toBeGreaterThan(parallel.waitedUs);
    expect(parallel.initUs).toBe(trace.markers.vcpuStartUs);
  });
});
