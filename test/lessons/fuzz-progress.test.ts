/**
 * Fuzzing stored lesson progress (src/lessons/progress.ts): whatever localStorage or an
 * imported file holds, reading it never throws, always gives a well-typed, bounded store, says
 * what it had to do, and keeps every entry that was sound. Run counts and seed:
 * test/fuzz-settings.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  emptyProgress, importProgress, parseProgress, PROGRESS_VERSION, serializeProgress, type LessonProgress, type ProgressData,
} from '../../src/lessons/progress.ts';
import { fuzz, FUZZ_TIMEOUT_MS } from '../fuzz-settings.ts';

const LESSON_ID = /^[0-9]{2}-[a-z0-9-]{1,60}$/;
const lessonId = fc.stringMatching(/^[0-9]{2}-[a-z0-9]{1,12}$/);
const stepIndex = fc.integer({ min: 0, max: 99 });
const stepKey = stepIndex.map(String);

/** Entries exactly as the app writes them. */
const soundLesson: fc.Arbitrary<LessonProgress> = fc.record(
  {
    visited: fc.uniqueArray(stepIndex, { maxLength: 8 }).map((v) => [...v].sort((a, b) => a - b)),
    lastStep: stepIndex,
    goalsMet: fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10})?$/), { maxLength: 4 }),
    completed: fc.boolean(),
    usedSolution: fc.boolean(),
    // + 0 turns -0 into 0: JSON cannot hold -0, so the app never reads one back.
    guesses: fc.dictionary(stepKey, fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0), { maxKeys: 3 }),
    texts: fc.dictionary(stepKey, fc.string({ maxLength: 100 }), { maxKeys: 3 }),
    attempt: fc.string({ maxLength: 100 }),
  },
  { requiredKeys: ['visited', 'lastStep', 'goalsMet', 'completed', 'usedSolution', 'guesses', 'texts'] },
);

const soundStore: fc.Arbitrary<ProgressData> = fc.dictionary(lessonId, soundLesson, { maxKeys: 4 }).map((lessons) => ({ v: PROGRESS_VERSION, lessons }));

/** Anything a field might hold after a bug, an old build or a hand edit: wrong types, huge values. */
const junk = fc.oneof(
  fc.constantFrom(null, true, -1, 1.5, 1e308, -0, 100, '', 'x'.repeat(70_000), [], {}, [1e9, -1, 'a'], ['skip-half', 'skip-half'], [3, 3, 1], { 1: 'x' }, { '007': 1, '1e2': 2 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A sound entry with some fields replaced by junk, or junk instead of the entry. */
const damagedLesson = fc.oneof(
  fc.tuple(soundLesson, fc.subarray(['visited', 'lastStep', 'goalsMet', 'completed', 'usedSolution', 'guesses', 'texts', 'attempt'], { minLength: 1 }), fc.array(junk, { minLength: 8, maxLength: 8 }))
    .map(([l, keys, values]) => ({ ...l, ...Object.fromEntries(keys.map((k, i) => [k, values[i]])) })),
  junk,
);

function expectSound(data: ProgressData): void {
  expect(data.v).toBe(PROGRESS_VERSION);
  for (const [id, p] of Object.entries(data.lessons)) {
    expect(id).toMatch(LESSON_ID);
    expect(p.visited.every((s, i) => Number.isInteger(s) && s >= 0 && s <= 99 && (i === 0 || s > (p.visited[i - 1] ?? -1)))).toBe(true);
    expect(Number.isInteger(p.lastStep) && p.lastStep >= 0 && p.lastStep <= 99).toBe(true);
    expect(new Set(p.goalsMet).size, `goalsMet ${JSON.stringify(p.goalsMet)}`).toBe(p.goalsMet.length);
    expect(p.goalsMet.every((g) => typeof g === 'string' && g.length <= 60)).toBe(true);
    expect(typeof p.completed === 'boolean' && typeof p.usedSolution === 'boolean').toBe(true);
    for (const [k, v] of Object.entries(p.guesses)) expect(/^[0-9]{1,2}$/.test(k) && Number.isFinite(v)).toBe(true);
    for (const [k, v] of Object.entries(p.texts)) expect(/^[0-9]{1,2}$/.test(k) && typeof v === 'string' && v.length <= 64 * 1024).toBe(true);
    if (p.attempt !== undefined) expect(typeof p.attempt === 'string' && p.attempt.length <= 64 * 1024).toBe(true);
  }
  // What was read is what will be written: reading it back needs no repair.
  expect(parseProgress(serializeProgress(data))).toEqual({ data });
}

describe('fuzz: stored lesson progress', () => {
  it('arbitrary text never throws and gives a sound store; anything unusable comes with a notice', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json({ maxDepth: 4 })), (raw) => {
      const r = parseProgress(raw);
      expectSound(r.data);
      if (r.problem) expect(r.problem.message.length).toBeGreaterThan(10);
      else if (raw.trim() !== '') expect(JSON.parse(raw)).toMatchObject({ v: 1 });
    }), fuzz(300));
  }, FUZZ_TIMEOUT_MS);

  it('a sound store round-trips without a notice', () => {
    fc.assert(fc.property(soundStore, (data) => {
      expect(parseProgress(serializeProgress(data))).toEqual({ data });
      expect(importProgress(serializeProgress(data))).toEqual({ ok: true, data });
    }), fuzz(200));
  }, FUZZ_TIMEOUT_MS);

  it('a store cut short is unreadable, with a notice, and nothing half-read', () => {
    fc.assert(fc.property(soundStore, fc.nat(), (data, at) => {
      const text = serializeProgress(data);
      const cut = at % text.length;
      const r = parseProgress(text.slice(0, cut));
      if (cut === 0) expect(r).toEqual({ data: emptyProgress() });
      else expect(r).toEqual({ data: emptyProgress(), problem: { kind: 'unreadable', message: expect.stringMatching(/not valid JSON/) } });
    }), fuzz(200));
  }, FUZZ_TIMEOUT_MS);

  it('a store of another version is set aside with a notice, never guessed at', () => {
    fc.assert(fc.property(soundStore, fc.oneof(fc.constantFrom(0, 2, '1', null, 1.0000001, -1), junk).filter((v) => v !== 1), (data, v) => {
      const r = parseProgress(JSON.stringify({ ...data, v }));
      expect(r.data).toEqual(emptyProgress());
      expect(r.problem?.kind).toBe('version');
      expect(importProgress(JSON.stringify({ ...data, v })).ok).toBe(false);
    }), fuzz(100));
  }, FUZZ_TIMEOUT_MS);

  it('damaged entries are repaired or left out and named; sound ones are kept exactly', () => {
    const badId = fc.oneof(fc.constantFrom('../evil', '__proto__', 'constructor', '3-zeroing', '03-Zeroing', '<b>', ''), fc.string({ maxLength: 10 }))
      .filter((id) => !LESSON_ID.test(id));
    fc.assert(fc.property(soundStore, fc.dictionary(lessonId, damagedLesson, { minKeys: 1, maxKeys: 3 }), fc.dictionary(badId, soundLesson, { maxKeys: 2 }), (sound, damaged, misnamed) => {
      const ids = Object.keys(damaged);
      const kept = Object.fromEntries(Object.entries(sound.lessons).filter(([id]) => !ids.includes(id)));
      const raw = JSON.stringify({ v: 1, lessons: { ...kept, ...damaged, ...misnamed } });
      const r = parseProgress(raw);
      expectSound(r.data);
      for (const [id, entry] of Object.entries(kept)) expect(r.data.lessons[id], id).toEqual(entry);
      for (const id of Object.keys(misnamed)) expect(Object.hasOwn(r.data.lessons, id)).toBe(false);
      if (r.problem) {
        expect(r.problem.kind).toBe('repaired');
        // The notice names every entry that lost something, so a learner knows which lessons
        // to check. Repeats and order in the lists carry nothing and are tidied quietly.
        const tidy = (e: unknown) => {
          if (e === null || typeof e !== 'object' || Array.isArray(e)) return e;
          const { visited, goalsMet } = e as { visited?: unknown; goalsMet?: unknown };
          return {
            ...e,
            ...(Array.isArray(visited) ? { visited: [...new Set(visited)].sort((a, b) => Number(a) - Number(b)) } : {}),
            ...(Array.isArray(goalsMet) ? { goalsMet: [...new Set(goalsMet)] } : {}),
          };
        };
        const touched = ids.filter((id) => JSON.stringify(r.data.lessons[id]) !== JSON.stringify(tidy(damaged[id])));
        for (const id of touched) expect(r.problem.message).toContain(id);
        expect(importProgress(raw)).toMatchObject({ ok: true, note: expect.stringMatching(/repaired/) });
      } else {
        expect(Object.keys(misnamed)).toEqual([]);
      }
    }), fuzz(200));
  }, FUZZ_TIMEOUT_MS);
});

describe('fuzz: stored progress notices', () => {
  it('the notice stays short however many entries were damaged, and names the first ones', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2_000 }), fc.boolean(), (count, badIds) => {
      const lessons = Object.fromEntries(Array.from({ length: count }, (_, k) => [badIds ? `bad/${k}` : `${String(k % 100).padStart(2, '0')}-l${k}`, 'junk']));
      const r = parseProgress(JSON.stringify({ v: 1, lessons }));
      expect(r.problem?.kind).toBe('repaired');
      expect(r.problem?.message.length, `${count} damaged`).toBeLessThanOrEqual(400);
      expect(r.problem?.message).toContain(badIds ? 'bad/0' : '00-l0');
    }), fuzz(30));
  }, FUZZ_TIMEOUT_MS);
});

describe('stored progress: regressions found by fuzzing', () => {
  it('a goal listed twice is counted once ("2 of 2 goals met", never "3 of 2")', () => {
    const raw = JSON.stringify({ v: 1, lessons: { '03-zeroing': { visited: [0], lastStep: 0, goalsMet: ['create-80', 'create-80', 'dma-map'], completed: false, usedSolution: false, guesses: {}, texts: {} } } });
    // Counterexample: goalsMet ["skip-half", "skip-half"] was kept as is. Like a repeated
    // visited step, the repeat carries nothing, so it goes without a notice.
    expect(parseProgress(raw)).toMatchObject({ data: { lessons: { '03-zeroing': { goalsMet: ['create-80', 'dma-map'] } } } });
    expect(parseProgress(raw).problem).toBeUndefined();
  });
});

describe('stored progress: a long notice, found by fuzzing', () => {
  it('names the first five damaged entries and counts the rest', () => {
    // Counterexample: 45 damaged entries gave a 406-character notice; 2,000 gave about 20,000.
    const lessons = Object.fromEntries(Array.from({ length: 45 }, (_, k) => [`${String(k).padStart(2, '0')}-l${k}`, 'junk']));
    const r = parseProgress(JSON.stringify({ v: 1, lessons }));
    expect(r.problem?.message).toBe('some entries were damaged and were repaired or left out (00-l0, 01-l1, 02-l2, 03-l3, 04-l4 and 40 more)');
  });
});
