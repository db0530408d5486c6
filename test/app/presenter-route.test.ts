/** Presenter and speaker links: every step has a URL, and a bad lesson or step is named, not guessed. */
import { describe, expect, it } from 'vitest';
import { hashToRoute, hashToState, routeToHash, stateToHash } from '../../src/app/url-state.ts';
import { slideTarget } from '../../src/app/pages/slide-route.ts';
import { loadLessons } from '../../src/lessons/load-vite.ts';

const { lessons } = loadLessons();

describe('presenter links', () => {
  it('name the lesson and the step, and read back the same', () => {
    for (const page of ['present', 'speaker'] as const) {
      const route = { page, lesson: '03-zeroing', step: 3 };
      expect(routeToHash(route)).toBe(`#/${page}/03-zeroing?step=3`);
      expect(hashToRoute(routeToHash(route))).toEqual(route);
    }
    expect(hashToRoute('#/present/03-zeroing')).toEqual({ page: 'present', lesson: '03-zeroing' });
  });

  it('keep a step that is not a number as written, for the page to report', () => {
    expect(hashToRoute('#/present/03-zeroing?step=two')).toEqual({ page: 'present', lesson: '03-zeroing', stepText: 'two' });
    expect(hashToRoute('#/present/03-zeroing?step=0')).toEqual({ page: 'present', lesson: '03-zeroing', stepText: '0' });
    expect(hashToRoute('#/present/03-zeroing?step=')).toEqual({ page: 'present', lesson: '03-zeroing', stepText: '' });
    expect(hashToRoute(routeToHash({ page: 'present', lesson: '03-zeroing', stepText: 'two' }))).toEqual({ page: 'present', lesson: '03-zeroing', stepText: 'two' });
  });

  it('keep an unknown lesson id as written (bounded), and send a bare "#/present" to the lesson list', () => {
    expect(hashToRoute('#/present/no%20such')).toEqual({ page: 'present', lesson: 'no such' });
    expect(hashToRoute('#/present/%E0%A4%A')).toEqual({ page: 'present', lesson: '%E0%A4%A' });
    expect(hashToRoute(`#/present/${'x'.repeat(500)}`).lesson?.length).toBe(80);
    expect(hashToRoute('#/present')).toEqual({ page: 'lessons' });
    expect(hashToRoute('#/present/')).toEqual({ page: 'lessons' });
  });

  it('win over the page a link\'s state names', () => {
    const hash = `${routeToHash({ page: 'present', lesson: '04-prezero', step: 2 })}&z=${stateToHash({ page: 'playground', scenario: '{}' }).split('z=')[1]}`;
    const s = hashToState(hash);
    expect(s?.ok && s.state.page).toBe('present');
    expect(s?.ok && s.state.lesson).toBe('04-prezero');
  });
});

describe('checking a presenter link against the lessons', () => {
  it('finds the lesson, its 0-based step and its place in the course', () => {
    const t = slideTarget(lessons, '03-zeroing', 2, undefined);
    expect(t.ok && { index: t.index, position: t.position, id: t.lesson.id }).toEqual({ index: 1, position: { number: 3, of: lessons.length }, id: '03-zeroing' });
  });

  it('says which lesson does not exist', () => {
    const t = slideTarget(lessons, 'nope', 1, undefined);
    expect(t.ok).toBe(false);
    expect(!t.ok && t.title).toBe('There is no lesson “nope”');
    expect(!t.ok && t.lesson).toBeUndefined();
  });

  it('says which step does not exist and how many there are', () => {
    const n = lessons.find((l) => l.id === '03-zeroing')?.steps.length;
    for (const [step, text, shown] of [[9, undefined, '9'], [1, 'two', '“two”']] as const) {
      const t = slideTarget(lessons, '03-zeroing', step, text);
      expect(t.ok).toBe(false);
      expect(!t.ok && t.title).toMatch(new RegExp(`has no step ${shown}$`));
      expect(!t.ok && t.detail).toBe(`Its steps are 1 to ${n}. Pick one below.`);
      expect(!t.ok && t.lesson?.id).toBe('03-zeroing');
    }
  });
});
