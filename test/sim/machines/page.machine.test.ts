import { describe, expect, it } from 'vitest';
import { pageTransition } from '../../../src/sim/engine/page-transitions.ts';

describe('page machine (as the transition table the engine uses)', () => {
  it('zeroes inline when a dirty free page is allocated', () => {
    expect(pageTransition('dirtyFree', 'page.alloc')).toEqual({ next: 'allocated', actions: ['fault', 'zeroInline'] });
  });

  it('skips zeroing when the page carries PG_zero (the RFC)', () => {
    expect(pageTransition('zeroedFree', 'page.alloc')).toEqual({ next: 'allocated', actions: ['fault', 'skipZeroing'] });
  });

  it('lets the worker turn a dirty free page into a zeroed one in two steps', () => {
    expect(pageTransition('dirtyFree', 'page.zero.start')?.next).toBe('beingZeroed');
    expect(pageTransition('beingZeroed', 'page.zero.done')).toEqual({ next: 'zeroedFree', actions: ['workerZero'] });
  });

  it('never allocates a page the worker holds, and never re-zeroes a zeroed one', () => {
    expect(pageTransition('beingZeroed', 'page.alloc')).toBeUndefined();
    expect(pageTransition('zeroedFree', 'page.zero.start')).toBeUndefined();
  });

  it('pins allocated pages, re-pins after an unpin, and ignores a pin of a free page', () => {
    expect(pageTransition('allocated', 'page.pin')).toEqual({ next: 'pinned', actions: ['pin'] });
    expect(pageTransition('pinned', 'page.unpin')).toEqual({ next: 'allocated', actions: ['unpin'] });
    expect(pageTransition('dirtyFree', 'page.pin')).toBeUndefined();
  });

  it('loses PG_zero when freed: a freed page is dirty again once reported', () => {
    expect(pageTransition('allocated', 'page.free')?.next).toBe('freed');
    expect(pageTransition('freed', 'page.alloc')?.actions).toContain('zeroInline');
    expect(pageTransition('freed', 'page.report')?.next).toBe('dirtyFree');
  });
});
