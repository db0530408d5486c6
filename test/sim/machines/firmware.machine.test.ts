import { describe, expect, it } from 'vitest';
import { splitPamWrites } from '../../../src/sim/machines/firmware.machine.ts';

describe('firmware PAM writes', () => {
  it('splits the writes like SeaBIOS: writable, SMRAM open/close, read-only', () => {
    expect(splitPamWrites(5)).toEqual([2, 2, 1]);
    expect(splitPamWrites(13)).toEqual([6, 5, 2]);
    expect(splitPamWrites(0)).toEqual([0, 0, 0]);
    expect(splitPamWrites(1)).toEqual([1, 0, 0]);
  });

  it('never loses or invents a write', () => {
    for (let n = 0; n <= 64; n++) {
      const parts = splitPamWrites(n);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(n);
      for (const p of parts) expect(p).toBeGreaterThanOrEqual(0);
    }
  });
});
