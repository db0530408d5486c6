/**
 * The presenter's keys on the stage: what each action does to the session and asks of the page,
 * the key sheet holding back every other key, and Escape closing, un-blanking, then leaving.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadLessons } from '../../src/lessons/load-vite.ts';
import { PresenterSession } from '../../src/ui/present/presenter-session.svelte.ts';
import { StageKeys, type StageKeyEvent } from '../../src/ui/present/stage-keys.svelte.ts';

const lesson = loadLessons().lessons.find((l) => l.id === '03-zeroing');
if (!lesson) throw new Error('lesson 03-zeroing is missing');
const count = lesson.steps.length;

/** A stage at step k (0-based) whose controls record what the keys asked for. */
function stage(k: number) {
  if (!lesson) throw new Error('lesson 03-zeroing is missing');
  const session = new PresenterSession(lesson);
  session.instant = true;
  session.enter(k);
  const asked: string[] = [];
  const keys = new StageKeys(session, {
    step: (n) => asked.push(`step ${n}`),
    leave: () => asked.push('leave'),
    say: (text) => asked.push(`say ${text}`),
    linked: true,
    theme: () => asked.push('theme'),
    edit: () => asked.push('edit'),
  });
  /** Presses a key; true when the stage took it from the browser. */
  const press = (key: string, mods: Partial<StageKeyEvent> = {}) => {
    let prevented = false;
    keys.onkeydown({ key, ctrlKey: false, metaKey: false, altKey: false, target: null, defaultPrevented: false, preventDefault: () => (prevented = true), ...mods });
    return prevented;
  };
  return { session, keys, asked, press };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the stage\'s keys', () => {
  it('ask for the next, previous, first and last step, and say when there is no next', () => {
    const s = stage(1);
    expect([s.press('ArrowRight'), s.press('PageUp'), s.press('Home'), s.press('End')]).toEqual([true, true, true, true]);
    expect(s.asked).toEqual(['step 2', 'step 0', 'step 0', `step ${count - 1}`]);
    const end = stage(count - 1);
    end.press(' ');
    expect(end.asked).toEqual(['say This is the last step']);
  });

  it('jump to a typed step number on Enter, and name a step the lesson lacks', () => {
    const s = stage(0);
    expect(s.press('3')).toBe(true);
    expect(s.keys.digits).toBe('3');
    s.press('Enter');
    expect(s.keys.digits).toBe('');
    s.press('9');
    s.press('Enter');
    expect(s.asked).toEqual(['step 2', `say There is no step 9: this lesson has ${count}`]);
  });

  it('leave keys with Ctrl, Cmd or Alt, and keys already handled, to the browser', () => {
    const s = stage(0);
    expect(s.press('ArrowRight', { ctrlKey: true })).toBe(false);
    expect(s.press('4', { metaKey: true })).toBe(false);
    expect(s.press('ArrowRight', { defaultPrevented: true })).toBe(false);
    expect(s.asked).toEqual([]);
    expect(s.keys.digits).toBe('');
  });

  it('do nothing but their own with the key sheet open; Escape closes it, then un-blanks, then leaves', () => {
    const s = stage(1);
    s.press('?');
    expect(s.keys.help).toBe(true);
    expect(s.press('ArrowRight')).toBe(false);
    expect(s.press('b')).toBe(false);
    expect(s.session.blank).toBe(false);
    s.press('Escape');
    expect(s.keys.help).toBe(false);
    s.press('b');
    expect(s.session.blank).toBe(true);
    s.press('Escape');
    expect(s.session.blank).toBe(false);
    expect(s.asked).toEqual([]);
    s.press('Escape');
    expect(s.asked).toEqual(['leave']);
  });

  it('play and change speed on the session, and hand edit and theme to the page', () => {
    // Playing asks for animation frames; none need to come for this test.
    vi.stubGlobal('requestAnimationFrame', () => 1);
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const s = stage(0);
    s.press('k');
    expect(s.session.playhead.playing).toBe(true);
    s.press('k');
    expect(s.session.playhead.playing).toBe(false);
    s.press('+');
    s.press('e');
    s.press('t');
    s.press('i');
    expect(s.session.instant).toBe(false);
    expect(s.asked).toEqual([expect.stringMatching(/^say Speed: /), 'edit', 'theme', 'say Edits are typed out']);
  });
});
