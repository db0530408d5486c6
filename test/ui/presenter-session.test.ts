/**
 * The presenter's session: every step of every lesson ends on the frame the lessons module
 * defines for it, whether entered directly, walked to, or typed out (on fake timers, so the
 * typing is stepped, not waited for).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadLessons } from '../../src/lessons/load-vite.ts';
import { resolvePlayhead } from '../../src/lessons/playhead.ts';
import { stepFrame } from '../../src/lessons/step-frame.ts';
import type { Lesson } from '../../src/lessons/types.ts';
import { PresenterSession } from '../../src/ui/present/presenter-session.svelte.ts';
import { TYPE_STEP_MS } from '../../src/ui/present/typing-schedule.ts';

const { lessons } = loadLessons();

function snapshot(s: PresenterSession) {
  return { step: s.step, text: s.text, shown: s.shown.text, view: s.view, timeUs: s.playhead.timeUs, typing: s.typing };
}

/** The frame step k must end on, per step-frame.ts, with the playhead resolved in the run `s` shows. */
function expected(lesson: Lesson, k: number, s: PresenterSession) {
  const frame = stepFrame(lesson, k);
  const trace = s.shown.lastGood?.trace;
  if (!trace) throw new Error(`${lesson.id} step ${k + 1} has no run`);
  return { step: k, text: frame.text, shown: frame.text, view: frame.view, timeUs: (frame.playhead ? resolvePlayhead(frame.playhead, trace) : undefined) ?? 0, typing: false };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('presenting a lesson step by step', () => {
  // Runs every step of every lesson twice through the model: about 150 runs.
  it('lands every step of every lesson on its frame, walked or jumped', { timeout: 60_000 }, () => {
    for (const lesson of lessons) {
      const walk = new PresenterSession(lesson);
      walk.instant = true;
      lesson.steps.forEach((_, k) => {
        walk.enter(k);
        const jump = new PresenterSession(lesson);
        jump.instant = true;
        jump.enter(k);
        expect(snapshot(jump), `${lesson.id} step ${k + 1}, jumped`).toEqual(expected(lesson, k, jump));
        expect(snapshot(jump), `${lesson.id} step ${k + 1}, jumped`).toEqual(snapshot(walk));
      });
    }
  });

  it('types a step\'s edit frame by frame, keeping the old run until the text is complete', () => {
    vi.useFakeTimers();
    const lesson = lessons.find((l) => l.id === '03-zeroing');
    if (!lesson) throw new Error('lesson 03-zeroing is missing');
    const s = new PresenterSession(lesson);
    s.instant = false;
    s.enter(1);
    vi.advanceTimersByTime(TYPE_STEP_MS * 200);
    const before = s.shown.text;
    expect(s.typing).toBe(false);
    s.enter(2);
    expect(s.typing).toBe(true);
    const seen: string[] = [];
    while (s.typing) {
      seen.push(s.text);
      expect(s.shown.text).toBe(before);
      vi.advanceTimersByTime(TYPE_STEP_MS);
    }
    expect(seen.some((t) => /"ramGiB": 51,/.test(t))).toBe(true);
    expect(snapshot(s)).toEqual(expected(lesson, 2, s));
    expect(s.text.slice(s.changed?.start, s.changed?.end)).toBe('512');
  });

  it('finishes an edit at once when asked, or when edits turn instant', () => {
    vi.useFakeTimers();
    const lesson = lessons.find((l) => l.id === '03-zeroing');
    if (!lesson) throw new Error('lesson 03-zeroing is missing');
    const s = new PresenterSession(lesson);
    s.instant = false;
    s.enter(2);
    expect(s.typing).toBe(true);
    s.finishTyping();
    expect(snapshot(s)).toEqual(expected(lesson, 2, s));
    s.enter(1);
    expect(s.typing).toBe(true);
    s.toggleInstant();
    expect(snapshot(s)).toEqual(expected(lesson, 1, s));
  });
});
