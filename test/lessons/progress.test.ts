import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  doneCount, emptyProgress, exportProgress, importProgress, keepAttempt, lessonProgress, lessonStatus, parseProgress,
  recordGoals, recordGuess, serializeProgress, setStepText, visitStep,
} from '../../src/lessons/progress.ts';

describe('lesson progress: reading the store', () => {
  it('starts empty, without a word, when nothing is stored', () => {
    expect(parseProgress(null)).toEqual({ data: emptyProgress() });
    expect(parseProgress('')).toEqual({ data: emptyProgress() });
  });

  it('round-trips everything it keeps', () => {
    let d = emptyProgress();
    d = visitStep(d, '03-zeroing', 0);
    d = visitStep(d, '03-zeroing', 2);
    d = recordGuess(d, '03-zeroing', 1, 30.5);
    d = setStepText(d, '03-zeroing', 3, '// mine\n{ "host": { "zeroingGBps": 20 } }');
    d = recordGoals(d, '03-zeroing', ['create-80'], false);
    d = keepAttempt(d, '03-zeroing', '{ "mine": 1 }');
    expect(parseProgress(serializeProgress(d))).toEqual({ data: d });
    expect(importProgress(exportProgress(d))).toEqual({ ok: true, data: d });
  });

  it('sets a damaged store aside with a reason instead of throwing', () => {
    for (const raw of ['{"v":1,"lessons":{', 'not json', '[]', '{"v":1}', '42']) {
      const r = parseProgress(raw);
      expect(r.data).toEqual(emptyProgress());
      expect(r.problem?.kind).toBe('unreadable');
      expect(r.problem?.message.length).toBeGreaterThan(10);
    }
  });

  it('does not guess at a store of another version', () => {
    for (const v of [0, 2, '1', undefined]) {
      const r = parseProgress(JSON.stringify({ v, lessons: { '03-zeroing': { visited: [1] } } }));
      expect(r.problem?.kind).toBe('version');
      expect(r.data).toEqual(emptyProgress());
    }
  });

  it('repairs damaged entries field by field and names them, keeping the rest', () => {
    const good = visitStep(emptyProgress(), '04-prezero', 1);
    const raw = JSON.stringify({
      v: 1,
      lessons: {
        ...good.lessons,
        '03-zeroing': { visited: [0, 'x', -1, 2], lastStep: 'two', goalsMet: ['create-80', 7], completed: 'yes', usedSolution: false, guesses: { 1: 'x', 2: 3 }, texts: { 3: 5 } },
        '../evil': { visited: [] },
        '05-bulk-pinning': 'nonsense',
      },
    });
    const r = parseProgress(raw);
    expect(r.problem?.kind).toBe('repaired');
    expect(r.problem?.message).toMatch(/03-zeroing/);
    expect(r.problem?.message).toMatch(/05-bulk-pinning/);
    expect(r.data.lessons['04-prezero']).toEqual(good.lessons['04-prezero']);
    expect(r.data.lessons['03-zeroing']).toEqual({ visited: [0, 2], lastStep: 0, goalsMet: ['create-80'], completed: false, usedSolution: false, guesses: { 2: 3 }, texts: {} });
    expect(Object.keys(r.data.lessons).sort()).toEqual(['03-zeroing', '04-prezero']);
  });

  it('never throws and always yields a usable store, whatever the text', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (raw) => {
      const r = parseProgress(raw);
      expect(r.data.v).toBe(1);
      expect(() => serializeProgress(r.data)).not.toThrow();
    }));
  });
});

describe('lesson progress: updates', () => {
  it('remembers visited steps in order and where to continue', () => {
    let d = visitStep(emptyProgress(), '03-zeroing', 2);
    d = visitStep(d, '03-zeroing', 0);
    d = visitStep(d, '03-zeroing', 2);
    expect(lessonProgress(d, '03-zeroing')).toMatchObject({ visited: [0, 2], lastStep: 2 });
    expect(lessonStatus(d, '03-zeroing')).toBe('started');
    expect(lessonStatus(d, '04-prezero')).toBe('new');
  });

  it('keeps a text only while it differs from the step, and the attempt before the solution', () => {
    let d = setStepText(emptyProgress(), '03-zeroing', 3, 'mine');
    expect(lessonProgress(d, '03-zeroing').texts).toEqual({ 3: 'mine' });
    d = setStepText(d, '03-zeroing', 3, undefined);
    expect(lessonProgress(d, '03-zeroing').texts).toEqual({});
    d = keepAttempt(d, '03-zeroing', 'my attempt');
    expect(lessonProgress(d, '03-zeroing')).toMatchObject({ attempt: 'my attempt', usedSolution: true });
    d = keepAttempt(d, '03-zeroing', undefined);
    expect(lessonProgress(d, '03-zeroing').attempt).toBeUndefined();
  });

  it('completes a lesson once every goal passes together, and never un-completes it', () => {
    let d = recordGoals(emptyProgress(), '03-zeroing', ['create-80'], false);
    expect(lessonProgress(d, '03-zeroing')).toMatchObject({ goalsMet: ['create-80'], completed: false });
    d = recordGoals(d, '03-zeroing', ['create-80', 'dma-map-minute'], true);
    expect(lessonStatus(d, '03-zeroing')).toBe('done');
    const same = recordGoals(d, '03-zeroing', [], false);
    expect(same).toBe(d);
    expect(lessonStatus(same, '03-zeroing')).toBe('done');
    expect(doneCount(d, ['03-zeroing', '04-prezero'])).toBe(1);
  });

  it('refuses to import files it cannot read, with a message', () => {
    expect(importProgress('')).toMatchObject({ ok: false });
    expect(importProgress('{"hello": 1}')).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be imported/) });
    expect(importProgress(JSON.stringify({ v: 1, lessons: { '03-zeroing': { visited: ['x'] } } }))).toMatchObject({ ok: true, note: expect.stringMatching(/repaired/) });
  });
});
