import { describe, expect, it } from 'vitest';
import { SimClock } from '../../../src/sim/engine/sim-clock.ts';

describe('SimClock', () => {
  it('jumps to each due timer in order, ties in the order they were set', () => {
    const clock = new SimClock();
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => seen.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => seen.push(`c@${clock.now()}`), 20);
    clock.runUntil(() => false);
    expect(seen).toEqual(['a@10', 'b@20', 'c@20']);
  });

  it('starts timers set while firing from the advanced time', () => {
    const clock = new SimClock();
    const seen: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => seen.push(clock.now()), 5), 10);
    clock.runUntil(() => false);
    expect(seen).toEqual([15]);
  });

  it('refuses fractional or negative delays loudly', () => {
    const clock = new SimClock();
    expect(() => clock.setTimeout(() => {}, 1.5)).toThrow(/whole non-negative microseconds/);
    expect(() => clock.setTimeout(() => {}, -1)).toThrow(/whole non-negative microseconds/);
  });

  it('stops when the condition holds and cancels cleared timers', () => {
    const clock = new SimClock();
    let fired = 0;
    const id = clock.setTimeout(() => fired++, 5);
    clock.clearTimeout(id);
    clock.setTimeout(() => fired++, 7);
    clock.setTimeout(() => fired++, 9);
    clock.runUntil(() => fired === 1);
    expect(fired).toBe(1);
    expect(clock.now()).toBe(7);
    expect(clock.pending()).toBe(1);
  });
});
