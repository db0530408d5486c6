/** Region words: the longest label that fits, and a full sentence for screen readers. */
import { describe, expect, it } from 'vitest';
import { fitLabel, labelCandidates, regionSentence } from '../../src/ui/iova/region-label.ts';
import type { RegionAt } from '../../src/ui/iova/iova-frame.ts';
import type { RegionInfo } from '../../src/ui/iova/iova-index.ts';

const info: RegionInfo = {
  region: { id: 3, container: 0, kind: 'ram', label: 'RAM', startIova: 0xc0000, endIova: 0xc0000000, states: [] },
  family: 1, states: [], stateTimes: [], map: undefined, conflictUs: undefined, events: [],
};
const at = (look: RegionAt['look'], progress = 1, waiting = false): RegionAt => ({ info, look, progress, waiting });

describe('region labels', () => {
  it('falls back to shorter words, then to nothing', () => {
    const c = labelCandidates(at('repinning', 0.42));
    expect(c[0]).toBe('3 GiB − 768 KiB · re-pinning 42%');
    expect(fitLabel(c, 1000)).toBe(c[0]);
    expect(fitLabel(c, 110)).toBe('re-pinning 42%');
    expect(fitLabel(c, 40)).toBe('42%');
    expect(fitLabel(c, 10)).toBe('');
    expect(labelCandidates(at('repinning', 0, true))[1]).toBe('re-pin next');
  });

  it('says every look in words, never by colour alone', () => {
    for (const look of ['pinning', 'repinning', 'repinned', 'mapped', 'kept', 'conflict'] as const) {
      expect(labelCandidates(at(look)).join(' ')).toMatch(/pinning|re-pinn|mapped|kept|conflict/);
    }
    const s = regionSentence(at('repinning', 0.5), { remaps: 3, totalRemaps: 13, kept: 0, text: '↻ 3 of 13' });
    expect(s).toBe('RAM 0xC0000 to 0xBFFFFFFF, 3 GiB − 768 KiB; re-pinning, 50% done; re-mapped 3 of 13 times so far. Select to show its span in the timeline.');
  });
});
