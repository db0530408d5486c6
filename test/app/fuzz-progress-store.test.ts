/**
 * Fuzzing the browser's progress store (src/app/state/progress.svelte.ts) over whatever
 * localStorage holds: it never throws, a store it cannot read in full comes with a notice and
 * a backup of the original, sound lessons are kept, and what it saves reads back without a
 * notice on the next visit. Run counts and seed: test/fuzz-settings.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ProgressStore, type ProgressStorage } from '../../src/app/state/progress.svelte.ts';
import { parseProgress, PROGRESS_BACKUP_KEY, PROGRESS_KEY, serializeProgress } from '../../src/lessons/progress.ts';
import { fuzz, FUZZ_TIMEOUT_MS } from '../fuzz-settings.ts';

function memoryStorage(initial: string | undefined, fail: { read?: boolean; write?: boolean } = {}): ProgressStorage & { map: Map<string, string> } {
  const map = new Map(initial === undefined ? [] : [[PROGRESS_KEY, initial]]);
  return {
    map,
    getItem: (k) => {
      if (fail.read) throw new Error('SecurityError');
      return map.get(k) ?? null;
    },
    setItem: (k, v) => {
      if (fail.write) throw new Error('QuotaExceededError');
      map.set(k, v);
    },
  };
}

const lessonId = fc.constantFrom('03-zeroing', '04-prezero', '11-everything-together');
const sound = fc.record({
  visited: fc.constant([0, 1]), lastStep: fc.constant(1), goalsMet: fc.constant(['create-80']), completed: fc.boolean(),
  usedSolution: fc.constant(false), guesses: fc.constant({ 1: 42 }), texts: fc.constant({ 2: '{ "seed": 2 }' }),
});
const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, 'x'.repeat(70_000), { visited: 'all' }, { lastStep: 1e308 }));

/** What localStorage might hold: nothing, noise, JSON, another version, or a store with some entries damaged. */
const stored = fc.oneof(
  fc.constant(undefined),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.json({ maxDepth: 3 }),
  fc.tuple(fc.dictionary(lessonId, sound, { maxKeys: 2 }), fc.dictionary(fc.constantFrom('05-bulk-pinning', '../x', '06-huge-pages'), junk, { maxKeys: 2 }), fc.constantFrom(1, 1, 1, 0, 2))
    .map(([good, bad, v]) => JSON.stringify({ v, lessons: { ...good, ...bad } })),
);

describe('fuzz: the progress store in this browser', () => {
  it('opens any stored text: a notice and a backup when it cannot read it all, sound lessons kept', () => {
    fc.assert(fc.property(stored, (raw) => {
      const storage = memoryStorage(raw);
      const store = new ProgressStore(storage);
      const expected = parseProgress(raw);
      expect(store.data).toEqual(expected.data);
      if (expected.problem) {
        expect(store.notice).toMatch(/progress/);
        expect(storage.map.get(PROGRESS_BACKUP_KEY)).toBe(raw);
        expect(parseProgress(storage.map.get(PROGRESS_KEY))).toEqual({ data: expected.data });
      } else {
        expect(store.notice).toBeUndefined();
        expect(storage.map.has(PROGRESS_BACKUP_KEY)).toBe(false);
      }
    }), fuzz(200));
  }, FUZZ_TIMEOUT_MS);

  it('never overwrites the only copy when storage is blocked or full, and says so', () => {
    fc.assert(fc.property(stored, fc.boolean(), (raw, blockedReads) => {
      const storage = memoryStorage(raw, blockedReads ? { read: true } : { write: true });
      const store = new ProgressStore(storage);
      store.visit('03-zeroing', 0);
      expect(store.lesson('03-zeroing').visited).toContain(0);
      if (raw === undefined) expect(storage.map.size).toBe(0);
      else expect(storage.map.get(PROGRESS_KEY)).toBe(raw);
      expect(store.notice).toMatch(/this visit only/);
    }), fuzz(150));
  }, FUZZ_TIMEOUT_MS);

  it('what the store saves reads back on the next visit without a notice', () => {
    const action = fc.oneof(
      fc.tuple(fc.constant('visit' as const), lessonId, fc.integer({ min: 0, max: 99 })),
      fc.tuple(fc.constant('guess' as const), lessonId, fc.integer({ min: 0, max: 99 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
      // A number stands for a text of that many characters, so a counterexample stays readable.
      fc.tuple(fc.constant('text' as const), lessonId, fc.integer({ min: 0, max: 99 }), fc.option(fc.oneof(fc.string({ maxLength: 200 }), fc.constant(70_000)), { nil: undefined })),
      fc.tuple(fc.constant('goals' as const), lessonId, fc.subarray(['create-80', 'dma-map', 'skip-half']), fc.boolean()),
      fc.tuple(fc.constant('attempt' as const), lessonId, fc.option(fc.oneof(fc.string({ maxLength: 200 }), fc.constant(70_000)), { nil: undefined })),
    );
    fc.assert(fc.property(stored, fc.array(action, { maxLength: 12 }), (raw, actions) => {
      const storage = memoryStorage(raw);
      const store = new ProgressStore(storage);
      for (const a of actions) {
        if (a[0] === 'visit') store.visit(a[1], a[2]);
        else if (a[0] === 'guess') store.guess(a[1], a[2], a[3]);
        else if (a[0] === 'text') store.stepText(a[1], a[2], typeof a[3] === 'number' ? '/'.repeat(a[3]) : a[3]);
        else if (a[0] === 'goals') store.goals(a[1], a[2], a[3]);
        else store.attempt(a[1], typeof a[2] === 'number' ? '/'.repeat(a[2]) : a[2]);
      }
      const next = new ProgressStore(storage);
      expect(next.notice).toBeUndefined();
      expect(serializeProgress(next.data)).toBe(serializeProgress(store.data));
    }), fuzz(150));
  }, FUZZ_TIMEOUT_MS);
});

describe('progress store: regressions found by fuzzing', () => {
  it('a step text over 64 KiB is not saved, and the learner is told, instead of the next visit calling the store damaged', () => {
    // Counterexample: a fresh store, then stepText('03-zeroing', 0, 70,000 characters).
    const storage = memoryStorage(undefined);
    const store = new ProgressStore(storage);
    store.stepText('03-zeroing', 0, 'mine');
    store.stepText('03-zeroing', 0, '/'.repeat(70_000));
    expect(store.notice).toMatch(/too long to keep/);
    expect(store.lesson('03-zeroing').texts).toEqual({ 0: 'mine' });
    // Said once: a dismissed notice does not come back with the next keystroke.
    store.notice = undefined;
    store.stepText('03-zeroing', 0, '/'.repeat(70_001));
    expect(store.notice).toBeUndefined();
    const next = new ProgressStore(storage);
    expect(next.notice).toBeUndefined();
    expect(next.lesson('03-zeroing').texts).toEqual({ 0: 'mine' });
  });
});
