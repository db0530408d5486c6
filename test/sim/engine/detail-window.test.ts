/**
 * Runs whose VFIO ioctls number in the tens of thousands (one container per GPU, many BAR
 * decode toggles) stay small: repeated decode cycles are priced once and counted, and
 * regions past a container's detail window are counted instead of recorded. Nothing a
 * measure, counter or phase reads may change; the talk's VM and the lessons keep every ioctl.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../src/sim/scenario/parse.ts';
import type { Trace } from '../../../src/sim/trace/types.ts';
import { DETAIL_RECORDS } from '../../../src/sim/engine/host-state.ts';
import { runValue } from '../helpers.ts';

const MANY = { devices: { count: 16, sharedContainer: false, barMiB: [16, 256, 32, 1, 1, 1] }, firmware: { pamWrites: 64, barDecodeToggles: 16 } };

/** Each kind of ioctl, one by one plus folded. */
function ioctlsIn(trace: Trace) {
  const n = { maps: 0, unmaps: 0, skipped: 0, folded: 0 };
  for (const e of trace.events) {
    if (e.type === 'vfio.map') n.maps++;
    else if (e.type === 'vfio.unmap') n.unmaps++;
    else if (e.type === 'vfio.map.skipped') n.skipped++;
    else if (e.type === 'vfio.folded') {
      n.maps += e.maps;
      n.unmaps += e.unmaps;
      n.skipped += e.mapsSkipped;
      n.folded++;
    }
  }
  return n;
}

const barMapUs = (trace: Trace) => trace.spans.filter((s) => s.phase === 'bar-map').reduce((a, s) => a + s.endUs - s.startUs, 0);

describe('the detail window', () => {
  for (const opts of [{}, { userspaceDmaMapTracking: true }, { userspaceDmaMapTracking: true, splitIovaAt1MiB: true }]) {
    it(`counts every ioctl once, one by one or folded (${JSON.stringify(opts)})`, () => {
      const trace = runValue({ ...MANY, optimizations: opts });
      const n = ioctlsIn(trace);
      expect(n.folded).toBeGreaterThan(0);
      expect(n.maps).toBe(trace.counters.dmaMapIoctls);
      expect(n.unmaps).toBe(trace.counters.dmaUnmapIoctls);
      expect(n.skipped).toBe(trace.counters.dmaMapsSkipped);
      // BAR maps alone: 16 containers × 16 GPUs × 6 BARs × 17 decode cycles, unless QEMU answers them.
      if (!('userspaceDmaMapTracking' in opts)) expect(trace.counters.dmaMapIoctls).toBeGreaterThanOrEqual(16 * 16 * 6 * 17);
      expect(trace.iova.detailEnds?.length).toBe(16);
      expect(JSON.stringify(trace).length).toBeLessThan(4_000_000);
    });
  }

  it('prices a folded decode toggle exactly like one run by itself', () => {
    // Toggles 3 and 4 are folded, toggle 2 is not: each adds the same ioctls, memslots and time.
    const at = (toggles: number) => runValue({ ...MANY, devices: { ...MANY.devices, count: 4 }, firmware: { pamWrites: 2, barDecodeToggles: toggles } });
    const [t1, t2, t3, t4] = [at(1), at(2), at(3), at(4)];
    for (const k of ['dmaMapIoctls', 'dmaUnmapIoctls', 'memslotsCreated'] as const) {
      const step = t2.counters[k] - t1.counters[k];
      expect(step).toBeGreaterThan(0);
      expect(t3.counters[k] - t2.counters[k]).toBe(step);
      expect(t4.counters[k] - t3.counters[k]).toBe(step);
    }
    const step = barMapUs(t2) - barMapUs(t1);
    // Four spans, each rounded to whole microseconds.
    expect(Math.abs(barMapUs(t3) - barMapUs(t2) - step)).toBeLessThanOrEqual(4);
    expect(Math.abs(barMapUs(t4) - barMapUs(t3) - step)).toBeLessThanOrEqual(4);
    expect(t2.events.some((e) => e.type === 'vfio.folded')).toBe(false);
    expect(t4.events.some((e) => e.type === 'vfio.folded')).toBe(true);
  });

  it('keeps every ioctl of the talk\'s VM and of every lesson one by one', () => {
    const texts = [JSON.stringify({})];
    for (const dir of readdirSync('lessons', { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const f of readdirSync(`lessons/${dir.name}`).filter((x) => x.endsWith('.jsonc'))) texts.push(readFileSync(`lessons/${dir.name}/${f}`, 'utf8'));
    }
    expect(texts.length).toBeGreaterThan(12);
    for (const text of texts) {
      const r = parseScenarioText(text);
      if (!r.ok) throw new Error(r.problems[0]?.message);
      const trace = runValue(r.input);
      expect(trace.events.filter((e) => e.type === 'vfio.folded')).toEqual([]);
      expect(trace.spans.every((s) => s.work.length <= 64)).toBe(true);
    }
  });

  it('merges a span\'s long work list by call stack, keeping its time', () => {
    const trace = runValue(MANY);
    const bar = trace.spans.find((s) => s.phase === 'bar-map');
    expect(bar).toBeDefined();
    if (!bar) return;
    expect(bar.work.length).toBeLessThanOrEqual(64);
    expect(new Set(bar.work.map((w) => `${w.stack}:${w.cpu}`)).size).toBe(bar.work.length);
    expect(bar.work.reduce((a, w) => a + w.us, 0)).toBe(bar.endUs - bar.startUs);
  });
});
