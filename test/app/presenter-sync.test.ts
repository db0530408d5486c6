/** Messages between the presenter and speaker windows: ours are read, anything else is ignored. */
import { describe, expect, it } from 'vitest';
import { channelName, readSyncMessage, SYNC_VERSION, wrap, type SyncMessage } from '../../src/app/state/presenter-sync.ts';

const LESSON = '03-zeroing';
const good: SyncMessage[] = [
  { type: 'state', lesson: LESSON, step: 2, steps: 4, blank: false, playing: true },
  { type: 'go', lesson: LESSON, step: 4 },
  { type: 'hello', lesson: LESSON },
  { type: 'bye', lesson: LESSON },
  { type: 'mark', lesson: LESSON, key: 'host.freePool.prezeroedShare' },
];

describe('presenter sync messages', () => {
  it('reads back every message it wraps', () => {
    for (const m of good) expect(readSyncMessage(wrap(m))).toEqual(m);
  });

  it('survives the structured clone a BroadcastChannel makes', () => {
    for (const m of good) expect(readSyncMessage(structuredClone(wrap(m)))).toEqual(m);
  });

  it('ignores data that is not ours or not this version', () => {
    const m = wrap({ type: 'go', lesson: LESSON, step: 2 });
    for (const bad of [undefined, null, 'go', 3, [], { ...m, app: 'other' }, { ...m, v: SYNC_VERSION + 1 }, { ...m, app: undefined }]) {
      expect(readSyncMessage(bad)).toBeUndefined();
    }
  });

  it('ignores messages of the wrong shape', () => {
    const base = { app: 'bootline', v: SYNC_VERSION, lesson: LESSON };
    const bad: unknown[] = [
      { ...base, type: 'jump', step: 2 },
      { ...base, type: 'go', step: 0 },
      { ...base, type: 'go', step: 2.5 },
      { ...base, type: 'go', step: '2' },
      { ...base, type: 'go', step: 100 },
      { ...base, type: 'state', step: 5, steps: 4, blank: false, playing: false },
      { ...base, type: 'state', step: 1, steps: 4, blank: 'no', playing: false },
      { ...base, type: 'state', step: 1, steps: 4, blank: false },
      { ...base, type: 'mark', key: 'guest.ramGiB; alert(1)' },
      { ...base, type: 'mark', key: '' },
      { ...base, type: 'hello', lesson: '' },
      { ...base, type: 'hello', lesson: 'x'.repeat(81) },
      { ...base, type: 'hello', lesson: 7 },
      { ...base, type: 'bye', lesson: '' },
    ];
    for (const b of bad) expect(readSyncMessage(b), JSON.stringify(b)).toBeUndefined();
  });

  it('keeps only the fields it knows', () => {
    const m = readSyncMessage({ ...wrap({ type: 'go', lesson: LESSON, step: 2 }), extra: 'x' });
    expect(m).toEqual({ type: 'go', lesson: LESSON, step: 2 });
  });

  it('names the channel after the app and the path it is served from', () => {
    expect(channelName('/')).toBe('bootline.present:/');
    expect(channelName('/docs/v2/')).not.toBe(channelName('/docs/v1/'));
  });
});
