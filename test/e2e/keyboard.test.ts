/**
 * The playground from the keyboard alone: Tab from the top of the page reaches the editor,
 * the editor shows how to leave it and Escape then Tab does, Tab goes on to the timeline,
 * the player and the view tabs, and Enter and Space work them. Every stop on the way shows
 * a focus ring. Reduced motion: nothing on the main views transitions or animates, and
 * playing jumps from event to event instead of gliding.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, watchErrors } from './browser.ts';
import { stateToHash } from '../../src/app/url-state.ts';
import { parseScenarioText } from '../../src/sim/scenario/parse.ts';
import { run } from '../../src/sim/engine/run.ts';
import { stepStops } from '../../src/sim/analysis/stops.ts';

const WAIT = { timeout: 15_000 };
const BASELINE = readFileSync('examples/talk-baseline.jsonc', 'utf8');
/** Tab presses allowed between two stops: a bound, so a lost focus fails instead of looping. */
const MAX_TABS = 60;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(reducedMotion: 'reduce' | 'no-preference' = 'reduce', view = 'phases') {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', reducedMotion });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${inject('baseURL')}${stateToHash({ page: 'playground', scenario: BASELINE, view })}`);
  await page.locator('.timeline-panel svg.plot').waitFor(WAIT);
  await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
  return { page, errors, close: () => context.close() };
}

interface Stop {
  /** A short description of the focused element, for failure messages. */
  readonly what: string;
  readonly inEditor: boolean;
  /** A focus indicator is drawn: the outline that :focus-visible sets (base.css). */
  readonly ring: boolean;
}

const focused = (page: Page): Promise<Stop> =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { what: 'body', inEditor: false, ring: false };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
    return { what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''} "${name}"`, inEditor: el.closest('.monaco-editor') !== null, ring: outline };
  });

/** Presses Tab until `done` says the focused element is the one wanted; returns every stop on the way. */
async function tabUntil(page: Page, done: (page: Page) => Promise<boolean>, what: string): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    stops.push(await focused(page));
    if (await done(page)) return stops;
  }
  throw new Error(`${what} not reached in ${MAX_TABS} Tab presses; focus went through:\n${stops.map((s) => s.what).join('\n')}`);
}

const isFocused = (selector: string) => (page: Page) => page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);
const readout = (page: Page) => page.locator('#main-readout').textContent();

describe('the playground from the keyboard', () => {
  it('tabs to the editor, leaves it with Escape then Tab, and works the player and view tabs with keys', async () => {
    const { page, errors, close } = await open();
    const stops: Stop[] = [];

    // Into the editor: the way out is on screen while it has focus.
    stops.push(...(await tabUntil(page, async (p) => (await focused(p)).inEditor, 'the scenario editor')));
    await expect.poll(() => page.locator('.editor .keys').textContent(), WAIT).toMatch(/Esc.*then.*Tab.*leaves/);
    const text = await page.locator('.monaco-editor .view-lines').textContent();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    const out = await focused(page);
    expect(out.inEditor, `focus after Escape, Tab: ${out.what}`).toBe(false);
    expect(out.what).not.toBe('body');
    stops.push(out);
    // Leaving typed nothing into the scenario.
    expect(await page.locator('.monaco-editor .view-lines').textContent()).toBe(text);

    // On to the timeline plot: arrows step the playhead.
    stops.push(...(await tabUntil(page, isFocused('.timeline-panel [role="application"]'), 'the timeline')));
    expect(await readout(page)).toMatch(/^0\.00 \//);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => readout(page)).not.toMatch(/^0\.00 \//);
    await page.keyboard.press('Home');
    await expect.poll(() => readout(page)).toMatch(/^0\.00 \//);

    // The player: Enter on "step forward" steps, Space on play plays and pauses.
    stops.push(...(await tabUntil(page, isFocused('button[aria-label="Step forward to the next event"]'), 'the step-forward button')));
    await page.keyboard.press('Enter');
    await expect.poll(() => readout(page)).not.toMatch(/^0\.00 \//);
    const stepped = await readout(page);
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatchObject({ what: expect.stringMatching(/^button "(Play|Pause)"/) });
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('.player .play').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => readout(page), WAIT).not.toBe(stepped);
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('.player .play').getAttribute('aria-pressed')).toBe('false');
    stops.push(await focused(page));

    // The view tabs: Enter opens one.
    stops.push(...(await tabUntil(page, isFocused('#tab-memory'), 'the Memory tab')));
    await page.keyboard.press('Enter');
    await page.locator('#view-memory').waitFor(WAIT);
    expect(await page.locator('#tab-memory').getAttribute('aria-selected')).toBe('true');

    const ringless = stops.filter((s) => !s.inEditor && !s.ring).map((s) => s.what);
    expect(ringless, 'stops without a visible focus ring').toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps Tab for indenting in the editor until Ctrl+M makes Tab move focus, and says so', async () => {
    const { page, errors, close } = await open();
    const inEditor = async () => (await focused(page)).inEditor;
    await tabUntil(page, inEditor, 'the scenario editor');
    // Tab indents: focus stays.
    await page.keyboard.press('Tab');
    expect(await inEditor()).toBe(true);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+m');
    await expect.poll(() => page.locator('.editor .keys').textContent()).toMatch(/Tab now moves focus/);
    await page.keyboard.press('Tab');
    expect(await inEditor()).toBe(false);
    // Back in, Tab still moves on until Ctrl+M again.
    await page.keyboard.press('Shift+Tab');
    expect(await inEditor()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await inEditor()).toBe(false);
    expect(errors).toEqual([]);
    await close();
  });

  it('opens the timeline table from the keyboard, and a row\'s name selects that span', async () => {
    const { page, errors, close } = await open();
    await page.locator('[aria-controls="timeline-table"]').focus();
    await page.keyboard.press('Enter');
    const rows = page.locator('[data-timeline-table] tbody tr');
    await rows.first().waitFor(WAIT);
    const trace = traceOf(BASELINE);
    expect(await rows.count()).toBe(trace.spans.length);
    const dmaMap = trace.spans.find((s) => s.phase === 'dma-map' && s.kind === 'phase');
    if (!dmaMap) throw new Error('the baseline has no dma-map span');
    await page.locator(`[data-span-row="${dmaMap.id}"] button`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-selected-span]').getAttribute('data-selected-span')).toBe(String(dmaMap.id));
    expect(errors).toEqual([]);
    await close();
  });
});

function traceOf(text: string) {
  const p = parseScenarioText(text);
  if (!p.ok) throw new Error('test scenario rejected');
  return run(p.scenario);
}

/** Elements on the main views whose transition or animation takes time. */
const moving = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('.app *')) {
      const s = getComputedStyle(el);
      const long = (v: string) => v.split(',').some((d) => parseFloat(d) > 0);
      if (long(s.transitionDuration) || (s.animationName !== 'none' && long(s.animationDuration))) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    }
    return out;
  });

describe('reduced motion', () => {
  it('leaves nothing to transition or animate on the main views, and playing jumps from event to event', async () => {
    // The same page without the preference has transitions, so the check below can fail.
    const normal = await open('no-preference');
    expect((await moving(normal.page)).length).toBeGreaterThan(0);
    await normal.close();

    const { page, errors, close } = await open('reduce');
    expect(await moving(page)).toEqual([]);
    // Switching views is a change that transitions without the preference.
    await page.locator('#tab-memory').click();
    await page.locator('#view-memory').waitFor(WAIT);
    expect(await moving(page)).toEqual([]);

    const stops = new Set([0, ...stepStops(traceOf(BASELINE))]);
    await page.locator('#main-speed').selectOption('w10');
    await page.locator('.player .play').click();
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) {
      seen.add(Number(await page.locator('.player [role="slider"]').getAttribute('aria-valuenow')));
      await page.waitForTimeout(50);
    }
    await page.locator('.player .play').click();
    const between = [...seen].filter((t) => !stops.has(t));
    expect(between, 'playhead times that are not events').toEqual([]);
    expect(seen.size).toBeGreaterThan(1);
    expect(await page.evaluate(() => document.getAnimations().filter((a) => {
      const d = a.effect?.getComputedTiming().duration;
      return typeof d === 'number' && d > 0;
    }).length)).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});
