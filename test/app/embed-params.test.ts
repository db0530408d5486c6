import { describe, expect, it } from 'vitest';
import { readEmbedParams } from '../../src/app/embed/params.ts';
import { resolveStart, type LessonLookup } from '../../src/app/embed/start.ts';
import { DEFAULT_SCENARIO_TEXT } from '../../src/app/default-scenario.ts';
import { encodeState } from '../../src/app/url-state.ts';
import { lessonPart } from '../../src/app/embed/lesson-start.ts';
import { playgroundHref } from '../../src/app/embed/edit-link.ts';
import { hashToState } from '../../src/app/url-state.ts';

describe('embed parameters', () => {
  it('reads every parameter', () => {
    const p = readEmbedParams('?lesson=04-prezero&step=2&view=memory&readonly&theme=dark&autoplay=1&parent=https://docs.example.com&id=one');
    expect(p).toEqual({ lesson: '04-prezero', step: 2, view: 'memory', readonly: true, theme: 'dark', autoplay: true, parent: 'https://docs.example.com', id: 'one', notices: [] });
  });

  it('defaults: editable, auto theme, no autoplay, no parent, view left to the state or lesson', () => {
    expect(readEmbedParams('')).toEqual({ readonly: false, theme: 'auto', autoplay: false, id: 'bootline', notices: [] });
  });

  it('turns flags off with 0 or false, and bad values into notices, never failures', () => {
    const p = readEmbedParams('?readonly=false&autoplay=0&step=0&view=flame&lesson=../x&theme=blue&parent=*&id=a%20b');
    expect(p.readonly).toBe(false);
    expect(p.autoplay).toBe(false);
    expect(p.step).toBeUndefined();
    expect(p.view).toBeUndefined();
    expect(p.lesson).toBeUndefined();
    expect(p.theme).toBe('auto');
    expect(p.parent).toBeUndefined();
    expect(p.id).toBe('bootline');
    expect(p.notices).toHaveLength(3);
  });
});

describe('embed start', () => {
  const noLessons = async (): Promise<LessonLookup> => {
    throw new Error('the lessons code must not load without a lesson');
  };

  it('is the default scenario for a plain embed, without loading lessons', async () => {
    const s = await resolveStart(readEmbedParams(''), noLessons);
    expect(s.text).toBe(DEFAULT_SCENARIO_TEXT);
    expect(s.view).toBe('phases');
    expect(s.notices).toEqual([]);
  });

  it('takes a share link state: its text, view and playhead', async () => {
    const z = encodeState({ page: 'playground', scenario: '{ "guest": { "ramGiB": 64 } }', view: 'iova', timeUs: 5 });
    const s = await resolveStart(readEmbedParams(`?z=${z}`), noLessons);
    expect(s.text).toBe('{ "guest": { "ramGiB": 64 } }');
    expect(s.view).toBe('iova');
    expect(s.seek?.({} as never)).toBe(5);
  });

  it('lets the view parameter win, and says when a state is damaged', async () => {
    const z = encodeState({ page: 'playground', scenario: '{}', view: 'iova' });
    expect((await resolveStart(readEmbedParams(`?z=${z}&view=resets`), noLessons)).view).toBe('resets');
    const broken = await resolveStart(readEmbedParams(`?z=${z.slice(0, 10)}`), noLessons);
    expect(broken.text).toBe(DEFAULT_SCENARIO_TEXT);
    expect(broken.notices).toHaveLength(1);
  });

  it('shows a lesson step: its scenario, view and heading', async () => {
    const s = await resolveStart(readEmbedParams('?lesson=04-prezero&step=2'), async (l, n) => lessonPart(l, n));
    expect(s.text).toContain('"prezeroedShare": 0.2');
    expect(s.view).toBe('memory');
    expect(s.heading).toMatchObject({ eyebrow: 'Lesson 4 · Memory', title: 'Pre-zeroing free pages', lessonId: '04-prezero', stepNumber: 2 });
    expect(s.heading?.step).toMatch(/^Step 2 of \d+ · Not zeroed in time$/);
  });

  it('names a lesson by number too, and says when a lesson or step does not exist', () => {
    expect(lessonPart('4', undefined)).toMatchObject({ ok: true, part: { heading: { lessonId: '04-prezero', stepNumber: 1 } } });
    expect(lessonPart('99-nope', 1)).toMatchObject({ ok: false });
    expect(lessonPart('04-prezero', 40)).toMatchObject({ ok: false });
  });
});

describe('embed link to the playground', () => {
  it('opens index.html next to embed.html (any sub-path) with the same text, view and playhead', () => {
    const href = playgroundHref('https://tools.example/team/bootline/embed.html?readonly&z=abc', '{ "seed": 2 }', 'memory', 1_500_000);
    const url = new URL(href);
    expect(url.origin + url.pathname).toBe('https://tools.example/team/bootline/');
    expect(hashToState(url.hash)).toEqual({ ok: true, state: { page: 'playground', scenario: '{ "seed": 2 }', view: 'memory', timeUs: 1_500_000 } });
  });

  it('leaves the view out for "none"', () => {
    const url = new URL(playgroundHref('https://x.example/embed.html', '{}', 'none', undefined));
    expect(hashToState(url.hash)).toEqual({ ok: true, state: { page: 'playground', scenario: '{}' } });
  });
});
