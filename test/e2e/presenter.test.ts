/**
 * The presenter in the built app: keys walk a lesson as slides, a step's scripted edit is
 * typed into the scenario text before the run changes, a step reached by URL is the same
 * frame as one walked to, the screen blanks, a bad link says what is wrong, nothing on the
 * slide is under 18 px, steps crossfade, and the speaker window follows the slides, moves
 * them and says when they are gone.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { launch, watchErrors } from './browser.ts';
import { stageTexts } from './stage-type.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const WAIT = { timeout: 10_000 };
const LESSON = '03-zeroing';
const TITLES = ['Why the kernel zeroes', 'The cost per GiB', 'RAM size is the first factor', 'Exercise: a faster memory clear'];

async function open(hash: string, motion: 'reduce' | 'no-preference' = 'reduce') {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion: motion });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${inject('baseURL')}${hash}`);
  return { context, page, errors, close: () => context.close() };
}

const stage = (page: Page) => page.locator('[data-present]');
const title = (page: Page) => page.locator('[data-present] [data-step-title]').textContent();
const settled = (page: Page) => page.locator('[data-present][data-typing="false"]').waitFor(WAIT);
const scenarioText = (page: Page) => page.locator('[data-scenario-text]').textContent();
const creationMs = async (page: Page) => Number(await page.locator('.hero [data-measure="vmCreationMs"]').getAttribute('data-value-ms'));

/** Everything a frame shows that a jump and a walk must agree on. */
async function frame(page: Page) {
  await settled(page);
  return {
    step: await stage(page).getAttribute('data-step'),
    title: await title(page),
    text: await scenarioText(page),
    view: await page.locator('[data-present] [data-view]').getAttribute('data-view'),
    playheadUs: await stage(page).getAttribute('data-playhead-us'),
    measures: await page.locator('.hero [data-measure]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-measure')}=${e.getAttribute('data-value-ms')}`)),
    focus: await page.locator('.timeline[data-focus-phase]').count(),
  };
}

describe('presenting a lesson', () => {
  it('walks the steps with the keyboard, and the title, scenario and measures follow', async () => {
    const { page, errors, close } = await open(`#/present/${LESSON}?step=1`);
    await settled(page);
    expect(await title(page)).toBe(TITLES[0]);
    expect(await page.locator('[data-step-counter]').textContent()).toBe('1 / 4');
    const first = await creationMs(page);
    expect(await scenarioText(page)).toMatch(/"ramGiB":\s*256/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => title(page)).toBe(TITLES[1]);
    await settled(page);
    expect(await scenarioText(page)).toMatch(/"ramGiB":\s*64/);
    expect(await creationMs(page)).toBeLessThan(first - 30_000);
    await page.keyboard.press('PageDown');
    await expect.poll(() => title(page)).toBe(TITLES[2]);
    await settled(page);
    expect(await creationMs(page)).toBeGreaterThan(first + 60_000);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => title(page)).toBe(TITLES[1]);
    // Digits then Enter jump; the URL names every step.
    await page.keyboard.press('4');
    await expect.poll(() => page.locator('.digits').textContent()).toMatch(/Go to step 4/);
    await page.keyboard.press('Enter');
    await expect.poll(() => title(page)).toBe(TITLES[3]);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/present/${LESSON}?step=4`);
    // Past the last step nothing moves, and the footer says why.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('footer .status').textContent()).toMatch(/last step/);
    expect(await title(page)).toBe(TITLES[3]);
    // Back returns to the step before the jump.
    await page.goBack();
    await expect.poll(() => title(page)).toBe(TITLES[1]);
    expect(errors).toEqual([]);
    await close();
  });

  it('types a step\'s scripted edit into the scenario text, then the run changes', async () => {
    const { page, errors, close } = await open(`#/present/${LESSON}?step=2`, 'no-preference');
    await settled(page);
    const before = await creationMs(page);
    await page.keyboard.press('ArrowRight');
    // A frame part way: the old value deleted, the new one half typed, the run not yet changed.
    await page.waitForFunction(() => /"ramGiB":\s*51,/.test(document.querySelector('[data-scenario-text]')?.textContent ?? ''), undefined, { timeout: 5_000, polling: 'raf' });
    expect(await stage(page).getAttribute('data-typing')).toBe('true');
    expect(await creationMs(page)).toBe(before);
    await settled(page);
    expect(await scenarioText(page)).toMatch(/"ramGiB":\s*512,/);
    expect(await page.locator('[data-scenario-text] mark').textContent()).toBe('512');
    expect(await creationMs(page)).toBeGreaterThan(before + 150_000);
    // The timeline now ends at the longer run's first kernel log.
    expect(await page.locator('section.timeline').textContent()).toMatch(/VM initialization\s*197\.\d s/);
    // I makes edits appear at once: the next step is complete without a typed frame.
    await page.keyboard.press('ArrowLeft');
    await settled(page);
    await page.keyboard.press('i');
    await expect.poll(() => page.locator('footer .status').textContent()).toMatch(/at once/);
    await page.keyboard.press('ArrowRight');
    expect(await stage(page).getAttribute('data-typing')).toBe('false');
    expect(await scenarioText(page)).toMatch(/"ramGiB":\s*512,/);
    expect(errors).toEqual([]);
    await close();
  });

  it('types nothing under reduced motion: a step\'s edit is complete at once', async () => {
    const { page, errors, close } = await open(`#/present/${LESSON}?step=2`, 'reduce');
    await settled(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => title(page)).toBe(TITLES[2]);
    expect(await stage(page).getAttribute('data-typing')).toBe('false');
    expect(await scenarioText(page)).toMatch(/"ramGiB":\s*512,/);
    expect(errors).toEqual([]);
    await close();
  });

  it('plays and pauses the run, changes speed, goes full screen and switches theme from the keyboard', async () => {
    // With reduced motion playing jumps from event to event; here it glides, so any moment shows progress.
    const { page, errors, close } = await open(`#/present/${LESSON}?step=1`, 'no-preference');
    await settled(page);
    const at = Number(await stage(page).getAttribute('data-playhead-us'));
    await page.keyboard.press('k');
    await expect.poll(() => page.locator('footer .playing').count()).toBe(1);
    await expect.poll(async () => Number(await stage(page).getAttribute('data-playhead-us'))).toBeGreaterThan(at);
    await page.keyboard.press('k');
    await expect.poll(() => page.locator('footer .playing').count()).toBe(0);
    const paused = await stage(page).getAttribute('data-playhead-us');
    await page.waitForTimeout(300);
    expect(await stage(page).getAttribute('data-playhead-us')).toBe(paused);
    await page.keyboard.press('+');
    const faster = await page.locator('footer .status').textContent();
    expect(faster).toMatch(/^Speed: /);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect.poll(() => page.locator('footer .status').textContent()).not.toBe(faster);
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
    const themeBefore = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.keyboard.press('t');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).not.toBe(themeBefore);
    expect(errors).toEqual([]);
    await close();
  });

  it('sets nothing a room reads under 18 px on the 1920 × 1080 stage, in every view of a lesson', async () => {
    // The flame table's ● marks a row by its shape; it carries no word or number to read.
    const shapes = new Set(['●']);
    const { page, errors, close } = await open(`#/present/${LESSON}?step=1`);
    const small: string[] = [];
    let seen = 0;
    for (const hash of [1, 2, 3, 4].map((k) => `#/present/${LESSON}?step=${k}`).concat('#/present/02-where-time-goes?step=2')) {
      await page.goto(`${inject('baseURL')}${hash}`);
      await settled(page);
      // The step's view arrives on its own; measure it, not its "Loading" line.
      await page.waitForFunction(() => !/Loading the/.test(document.querySelector('[data-present] [data-view]')?.textContent ?? 'Loading the'), undefined, WAIT);
      const texts = await stageTexts(page);
      seen += texts.length;
      for (const t of texts) if (t.px < 18 && !shapes.has(t.text)) small.push(`${hash}: ${t.px} px «${t.text}» in ${t.where}`);
    }
    expect(seen).toBeGreaterThan(300);
    expect(small).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('crossfades the title, prose and view into the next step over 320 ms, and cuts under reduced motion', async () => {
    const blocks = ['[data-step-title]', '[data-step-prose]', '[data-view]'].map((b) => `[data-present] ${b}`);
    const opacities = (page: Page) => Promise.all(blocks.map((b) => page.locator(b).evaluate((el) => Number(getComputedStyle(el).opacity))));
    // Every animation the page starts on a block that names the step: which block, how long, of what.
    // Recorded as it starts, so a slow machine that skips frames cannot miss it.
    const watchFades = (page: Page) => page.evaluate(() => {
      const w = window as unknown as { __fades: { block: string; ms: number; opacity: boolean }[] };
      w.__fades = [];
      const animate = Element.prototype.animate;
      Element.prototype.animate = function (this: Element, keyframes: Keyframe[] | PropertyIndexedKeyframes | null, options?: number | KeyframeAnimationOptions) {
        const block = this.hasAttribute('data-step-title') ? 'title' : this.hasAttribute('data-step-prose') ? 'prose' : this.hasAttribute('data-view') ? 'view' : undefined;
        const ms = typeof options === 'number' ? options : Number(options?.duration ?? 0);
        if (block) w.__fades.push({ block, ms, opacity: JSON.stringify(keyframes).includes('opacity') });
        return animate.call(this, keyframes, options);
      };
    });
    const fades = (page: Page) => page.evaluate(() => (window as unknown as { __fades: { block: string; ms: number; opacity: boolean }[] }).__fades);

    // Lesson 2's first two steps change the view too (phase table, then the flame graph).
    const fading = await open('#/present/02-where-time-goes?step=1', 'no-preference');
    await settled(fading.page);
    expect(await fading.page.locator('[data-present] [data-view]').getAttribute('data-view')).toBe('phases');
    await watchFades(fading.page);
    await fading.page.keyboard.press('ArrowRight');
    await expect.poll(() => title(fading.page), WAIT).toBe('Inside dma-map');
    // Only the new blocks carry the names; the old ones fade out beside them, hidden.
    expect(await fading.page.locator('[data-present] [data-step-title]').count()).toBe(1);
    await expect.poll(() => opacities(fading.page), { timeout: 2_000 }).toEqual([1, 1, 1]);
    const fadedIn = await fades(fading.page);
    for (const block of ['title', 'prose', 'view']) expect(fadedIn, block).toContainEqual({ block, ms: 320, opacity: true });
    expect(await fading.page.locator('[data-present] h1').count()).toBe(1);
    expect(await fading.page.locator('[data-present] [data-view]').getAttribute('data-view')).toBe('flame');

    const cutting = await open('#/present/02-where-time-goes?step=1', 'reduce');
    await settled(cutting.page);
    await watchFades(cutting.page);
    await cutting.page.keyboard.press('ArrowRight');
    await expect.poll(() => title(cutting.page), WAIT).toBe('Inside dma-map');
    expect(await opacities(cutting.page)).toEqual([1, 1, 1]);
    expect((await fades(cutting.page)).filter((f) => f.ms > 0)).toEqual([]);
    expect(await cutting.page.locator('[data-present] h1').count()).toBe(1);
    expect([...fading.errors, ...cutting.errors]).toEqual([]);
    await fading.close();
    await cutting.close();
  });

  it('a step left and returned to within the crossfade comes back whole: title, prose and view named, readable, reachable', async () => {
    // Back before the fade ends: the leaving blocks of step 1 are brought back rather than made anew.
    const { page, errors, close } = await open('#/present/02-where-time-goes?step=1', 'no-preference');
    await settled(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => stage(page).getAttribute('data-step')).toBe('1');
    await page.waitForTimeout(800);
    for (const sel of ['[data-step-title]', '[data-step-prose]', '[data-view]']) {
      const el = page.locator(`[data-present] ${sel}`);
      expect(await el.count(), sel).toBe(1);
      expect(await el.isVisible(), sel).toBe(true);
      expect(await el.evaluate((e) => e.closest('[inert], [aria-hidden="true"]') === null), sel).toBe(true);
    }
    expect(await page.locator('[data-present] [data-view]').getAttribute('data-view')).toBe('phases');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the same frame for a step reached by URL as for one walked to, edits typed or not', async () => {
    const walk = await open(`#/present/${LESSON}?step=1`, 'no-preference');
    await settled(walk.page);
    for (const expected of [2, 3]) {
      await walk.page.keyboard.press('ArrowRight');
      await expect.poll(() => stage(walk.page).getAttribute('data-step')).toBe(String(expected));
      await settled(walk.page);
    }
    const walked = await frame(walk.page);
    const jump = await open(`#/present/${LESSON}?step=3`);
    const jumped = await frame(jump.page);
    expect(jumped).toEqual(walked);
    expect(walked.text).toMatch(/"ramGiB":\s*512/);
    // A second walk from elsewhere (back from the exercise) lands on the same frame again.
    await jump.page.keyboard.press('End');
    await expect.poll(() => stage(jump.page).getAttribute('data-step')).toBe('4');
    await jump.page.keyboard.press('ArrowLeft');
    expect(await frame(jump.page)).toEqual(walked);
    expect([...walk.errors, ...jump.errors]).toEqual([]);
    await walk.close();
    await jump.close();
  });

  it('blanks the screen and brings it back; Escape leaves for the lesson page at the same step', async () => {
    const { page, errors, close } = await open(`#/present/${LESSON}?step=2`);
    await settled(page);
    expect(await page.locator('[data-blank-screen]').count()).toBe(0);
    await page.keyboard.press('b');
    await expect.poll(() => page.locator('[data-blank-screen]').isVisible()).toBe(true);
    await page.keyboard.press('b');
    await expect.poll(() => page.locator('[data-blank-screen]').count()).toBe(0);
    // Escape first takes the blank away, then leaves.
    await page.keyboard.press('.');
    await expect.poll(() => page.locator('[data-blank-screen]').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-blank-screen]').count()).toBe(0);
    expect(await stage(page).count()).toBe(1);
    await page.keyboard.press('?');
    await expect.poll(() => page.locator('[data-key-sheet]').isVisible()).toBe(true);
    expect(await page.locator('[data-key-sheet]').textContent()).toMatch(/Blank the screen/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-key-sheet]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('[data-lesson]').waitFor(WAIT);
    expect(await page.evaluate(() => location.hash)).toMatch(new RegExp(`^#/lesson/${LESSON}\\?step=2`));
    expect(errors).toEqual([]);
    await close();
  });

  it('lets the presenter edit the scenario live without the keys moving the slides', async () => {
    const { page, errors, close } = await open(`#/present/${LESSON}?step=1`);
    await settled(page);
    const before = await creationMs(page);
    await page.keyboard.press('e');
    const box = page.getByLabel('Scenario text, editing live');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    const text = await box.inputValue();
    await box.fill(text.replace(/"ramGiB":\s*256/, '"ramGiB": 128'));
    await expect.poll(() => creationMs(page)).toBeLessThan(before - 20_000);
    // Keys that would move or blank the slides are the text box's while it has focus.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('b');
    await page.keyboard.press('n');
    expect(await box.inputValue()).toMatch(/\}\s*bn$/);
    expect(await stage(page).getAttribute('data-step')).toBe('1');
    expect(await page.locator('[data-blank-screen]').count()).toBe(0);
    // The broken text keeps the last good run on screen, dimmed.
    await expect.poll(() => page.locator('.hero.stale').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => box.count()).toBe(0);
    expect(await stage(page).count()).toBe(1);
    // Moving on replays the next step as scripted, from the script, not from the live edit.
    await page.keyboard.press('ArrowRight');
    await settled(page);
    expect(await scenarioText(page)).toMatch(/"ramGiB":\s*64/);
    expect(errors).toEqual([]);
    await close();
  });

  it('opens from the lesson page\'s Present button on the step the learner is on', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}?step=3`);
    await page.locator('[data-present-link]').click();
    await settled(page);
    expect(await title(page)).toBe(TITLES[2]);
    expect(await page.evaluate(() => location.hash)).toBe(`#/present/${LESSON}?step=3`);
    // No top bar: the stage is the whole screen.
    expect(await page.locator('header.topbar, .topbar').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('says what is wrong with a link to a lesson or step that does not exist', async () => {
    const { page, errors, close } = await open('#/present/99-nothing?step=1');
    await page.locator('[data-slide-notice]').waitFor(WAIT);
    expect(await page.locator('[data-slide-notice] h1').textContent()).toBe('There is no lesson “99-nothing”');
    expect(await page.locator(`[data-slide-notice] a[href="#/present/${LESSON}?step=1"]`).count()).toBe(1);
    await page.goto(`${inject('baseURL')}#/present/${LESSON}?step=9`);
    await expect.poll(() => page.locator('[data-slide-notice] h1').textContent()).toBe('Lesson “Zeroing every page” has no step 9');
    await page.goto(`${inject('baseURL')}#/speaker/${LESSON}?step=two`);
    await expect.poll(() => page.locator('[data-slide-notice] h1').textContent()).toBe('Lesson “Zeroing every page” has no step “two”');
    // Its links lead to working steps.
    await page.locator(`[data-slide-notice] a[href="#/speaker/${LESSON}?step=2"]`).click();
    await page.locator('[data-speaker]').waitFor(WAIT);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('the speaker window', () => {
  /** The presenter on step 1 and the speaker window it opens with S: a second page of the same browser. */
  async function pair(): Promise<{ context: BrowserContext; presenter: Page; speaker: Page; errors: () => string[] }> {
    const { context, page: presenter, errors } = await open(`#/present/${LESSON}?step=1`);
    await settled(presenter);
    const [speaker] = await Promise.all([context.waitForEvent('page'), presenter.keyboard.press('s')]);
    const speakerErrors = watchErrors(speaker);
    await speaker.locator('[data-speaker]').waitFor(WAIT);
    return { context, presenter, speaker, errors: () => [...errors, ...speakerErrors] };
  }

  it('opens with S, shows the step, its notes, the next title and a timer, and follows the presenter', async () => {
    const { context, presenter, speaker, errors } = await pair();
    const speakerStep = () => speaker.locator('[data-speaker]').getAttribute('data-step');
    await expect.poll(speakerStep).toBe('1');
    await expect.poll(() => speaker.locator('[data-linked]').getAttribute('data-linked')).toBe('true');
    expect(await speaker.locator('[data-step-title]').textContent()).toBe(TITLES[0]);
    expect(await speaker.locator('[data-notes]').textContent()).toMatch(/Point at the long blue dma-map bar/);
    expect(await speaker.locator('[data-next-title]').textContent()).toBe(`Next: ${TITLES[1]}`);
    expect(await speaker.locator('[data-timer]').textContent()).toMatch(/^0:0\d$/);
    // The presenter moves on: the speaker follows, with the prediction to ask the room.
    await presenter.keyboard.press('ArrowRight');
    await expect.poll(speakerStep).toBe('2');
    expect(await speaker.locator('[data-step-title]').textContent()).toBe(TITLES[1]);
    expect(await speaker.locator('[data-ask]').textContent()).toMatch(/how many seconds does dma-map take/);
    expect(await speaker.locator('[data-notes]').count()).toBe(0);
    // A blanked screen shows in the speaker window.
    await presenter.keyboard.press('b');
    await expect.poll(() => speaker.locator('[data-linked]').textContent()).toMatch(/blanked/);
    await presenter.keyboard.press('b');
    await expect.poll(() => speaker.locator('[data-linked]').textContent()).toMatch(/following/);
    expect(errors()).toEqual([]);
    await context.close();
  });

  it('moves the presenter with its buttons and keys, and resets its timer', async () => {
    const { context, presenter, speaker, errors } = await pair();
    await expect.poll(() => speaker.locator('[data-linked]').getAttribute('data-linked')).toBe('true');
    await speaker.locator('[data-speaker-next]').click();
    await expect.poll(() => stage(presenter).getAttribute('data-step')).toBe('2');
    await expect.poll(() => title(presenter)).toBe(TITLES[1]);
    await speaker.keyboard.press('ArrowRight');
    await expect.poll(() => title(presenter)).toBe(TITLES[2]);
    expect(await speaker.locator('[data-step-title]').textContent()).toBe(TITLES[2]);
    await speaker.locator('[data-speaker-previous]').click();
    await expect.poll(() => title(presenter)).toBe(TITLES[1]);
    await presenter.waitForTimeout(1_100);
    await expect.poll(() => speaker.locator('[data-timer]').textContent()).not.toBe('0:00');
    await speaker.locator('[data-reset-timer]').click();
    expect(await speaker.locator('[data-timer]').textContent()).toBe('0:00');
    expect(errors()).toEqual([]);
    await context.close();
  });

  it('says plainly when the presenter window closes, how to open it again, and follows the new one', async () => {
    const { context, presenter, speaker, errors } = await pair();
    const link = speaker.locator('[data-link]');
    await expect.poll(() => link.getAttribute('data-link')).toBe('following');
    // The closing window says goodbye, so this is sooner than silence alone would tell (3.5 s).
    await presenter.close();
    await expect.poll(() => link.getAttribute('data-link'), { timeout: 2_000 }).toBe('closed');
    expect(await link.textContent()).toMatch(/presenter window is closed/);
    expect(await link.textContent()).not.toMatch(/following/);
    expect(await speaker.locator('[data-linked]').getAttribute('data-linked')).toBe('false');
    // Its link opens the slides again at the speaker's step, and the speaker follows them.
    await speaker.keyboard.press('ArrowRight');
    await expect.poll(() => speaker.locator('[data-speaker]').getAttribute('data-step')).toBe('2');
    const [again] = await Promise.all([context.waitForEvent('page'), speaker.locator('[data-reopen]').click()]);
    await settled(again);
    expect(await title(again)).toBe(TITLES[1]);
    await expect.poll(() => link.getAttribute('data-link')).toBe('following');
    await again.keyboard.press('ArrowRight');
    await expect.poll(() => speaker.locator('[data-speaker]').getAttribute('data-step')).toBe('3');
    expect(errors()).toEqual([]);
    await context.close();
  });

  it('notices a presenter that stops answering without saying goodbye', async () => {
    // A speaker window opened on its own (no opener), so it runs apart from the presenter's page.
    const { context, page: presenter, errors: presenterErrors } = await open(`#/present/${LESSON}?step=1`);
    await settled(presenter);
    const speaker = await context.newPage();
    const speakerErrors = watchErrors(speaker);
    const errors = () => [...presenterErrors, ...speakerErrors];
    await speaker.goto(`${inject('baseURL')}#/speaker/${LESSON}?step=1`);
    const link = speaker.locator('[data-link]');
    await expect.poll(() => link.getAttribute('data-link')).toBe('following');
    // A presenter that is open but still, longer than the silence limit, is still followed.
    await speaker.waitForTimeout(4_500);
    expect(await link.getAttribute('data-link')).toBe('following');
    // A hung presenter: its timers and messages stop, and nothing fires on the way out.
    const cdp = await context.newCDPSession(presenter);
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.pause');
    await expect.poll(() => link.getAttribute('data-link'), { timeout: 8_000 }).toBe('closed');
    await cdp.send('Debugger.resume');
    // Once it answers again, the speaker follows again.
    await expect.poll(() => link.getAttribute('data-link'), { timeout: 4_000 }).toBe('following');
    expect(errors()).toEqual([]);
    await context.close();
  });

  it('opened on its own, finds the presenter, and marks a key clicked in its prose on the audience\'s scenario', async () => {
    const { context, page: presenter, errors } = await open('#/present/05-bulk-pinning?step=4');
    await settled(presenter);
    const speaker = await context.newPage();
    const speakerErrors = watchErrors(speaker);
    await speaker.goto(`${inject('baseURL')}#/speaker/05-bulk-pinning?step=4`);
    await expect.poll(() => speaker.locator('[data-linked]').getAttribute('data-linked')).toBe('true');
    await speaker.locator('.prose button[data-key="host.freePool.fragmentation"]').click();
    await expect.poll(() => presenter.locator('[data-scenario-text] mark').textContent()).toMatch(/"fragmentation": 0\.3/);
    // Another key moves the mark to its line.
    await speaker.locator('.prose button[data-key="optimizations.bulkPinning"]').click();
    await expect.poll(() => presenter.locator('[data-scenario-text] mark').textContent()).toMatch(/"bulkPinning": false/);
    expect([...errors, ...speakerErrors]).toEqual([]);
    await context.close();
  });
});

describe('accessibility of the presenter and speaker windows', () => {
  const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  async function seriousViolations(page: Page): Promise<string[]> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
    const results = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      return axe.run(document, { resultTypes: ['violations'] });
    }) as AxeResults;
    return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  it('has no serious or critical axe violation, light or dark, with the key sheet open or not', async () => {
    const { page, context, errors, close } = await open(`#/present/${LESSON}?step=3`);
    await settled(page);
    const speaker = await context.newPage();
    const speakerErrors = watchErrors(speaker);
    await speaker.goto(`${inject('baseURL')}#/speaker/${LESSON}?step=3`);
    await speaker.locator('[data-speaker]').waitFor(WAIT);
    for (const scheme of ['light', 'dark'] as const) {
      for (const p of [page, speaker]) await p.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(page), `presenter, ${scheme}`).toEqual([]);
      expect(await seriousViolations(speaker), `speaker, ${scheme}`).toEqual([]);
    }
    await page.keyboard.press('?');
    await page.locator('[data-key-sheet]').waitFor(WAIT);
    expect(await seriousViolations(page), 'key sheet').toEqual([]);
    expect([...errors, ...speakerErrors]).toEqual([]);
    await close();
  });
});
