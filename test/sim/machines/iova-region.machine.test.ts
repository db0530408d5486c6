import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { iovaRegionMachine } from '../../../src/sim/machines/iova-region.machine.ts';

function region(tracksInUserspace: boolean) {
  return initialTransition(iovaRegionMachine, { startIova: 0x100000, endIova: 0xc0000000, tracksInUserspace })[0];
}

describe('IOVA region machine', () => {
  it('maps with an ioctl and unmaps with an ioctl without user-space tracking', () => {
    const [mapped, a1] = transition(iovaRegionMachine, region(false), { type: 'iova.map' });
    expect(mapped.value).toBe('mapped');
    expect(a1.map((a) => a.type)).toEqual(['mapIoctl']);
    const [unmapped, a2] = transition(iovaRegionMachine, mapped, { type: 'iova.unmap' });
    expect(unmapped.value).toBe('unmapped');
    expect(a2.map((a) => a.type)).toEqual(['unmapIoctl']);
  });

  it('with tracking, defers the unmap and revives an identical map without any ioctl', () => {
    const [mapped] = transition(iovaRegionMachine, region(true), { type: 'iova.map' });
    const [waiting, a1] = transition(iovaRegionMachine, mapped, { type: 'iova.unmap' });
    expect(waiting.value).toBe('unmapRequested');
    expect(a1.map((a) => a.type)).toEqual(['deferUnmap']);
    const [revived, a2] = transition(iovaRegionMachine, waiting, { type: 'iova.map' });
    expect(revived.value).toBe('mapped');
    expect(a2.map((a) => a.type)).toEqual(['revive']);
  });

  it('unmaps a deferred range only when a new map overlaps it (conflict)', () => {
    const [mapped] = transition(iovaRegionMachine, region(true), { type: 'iova.map' });
    const [waiting] = transition(iovaRegionMachine, mapped, { type: 'iova.unmap' });
    const [apart, none] = transition(iovaRegionMachine, waiting, { type: 'iova.conflict', byStartIova: 0, byEndIova: 0xa0000 });
    expect(apart.value).toBe('unmapRequested');
    expect(none).toEqual([]);
    const [conflict, a] = transition(iovaRegionMachine, waiting, { type: 'iova.conflict', byStartIova: 0xc0000, byEndIova: 0xc0000000 });
    expect(conflict.value).toBe('conflict');
    expect(a.map((x) => x.type)).toEqual(['unmapIoctl']);
    expect(conflict.status).toBe('done');
  });
});
