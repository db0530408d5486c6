/**
 * The playground as a user meets it: the timeline and player move one shared frame, a
 * share link reproduces the same run and frame in a fresh browser, and the page works from
 * a phone to a projector without console errors.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, watchErrors } from './browser.ts';
import { stateToHash } from '../../src/app/url-state.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(hash = '', viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${inject('baseURL')}${hash}`);
  await page.locator('.timeline-panel svg.plot').waitFor();
  return { page, errors, close: () => context.close() };
}

const readout = (page: Page) => page.locator('output.readout').first().textContent();
/** The drawn frame: the timeline's SVG as the browser holds it (playhead, spans, markers). */
const frameOf = (page: Page) => page.locator('.timeline-panel svg.plot').evaluate((el) => el.outerHTML);
const creation = async (page: Page) => Number(await page.locator('[data-measure="vmCreationMs"] .v').first().getAttribute('data-value-ms'));

describe('playground timeline and player', () => {
  it('steps forward to the next event and back to exactly the same frame', async () => {
    const { page, errors, close } = await open();
    await page.getByRole('button', { name: 'Step forward to the next event' }).click();
    await page.getByRole('button', { name: 'Step forward to the next event' }).click();
    const before = await readout(page);
    const picture = await frameOf(page);
    await page.getByRole('button', { name: 'Step forward to the next event' }).click();
    expect(await readout(page)).not.toBe(before);
    await page.getByRole('button', { name: 'Step back to the previous event' }).click();
    expect(await readout(page)).toBe(before);
    expect(await frameOf(page)).toBe(picture);
    expect(errors).toEqual([]);
    await close();
  });

  it('plays and pauses, and the keyboard drives the same playhead', async () => {
    const { page, errors, close } = await open();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => !document.querySelector('output.readout')?.textContent?.startsWith('0.00 '));
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const paused = await readout(page);
    await page.waitForTimeout(300);
    expect(await readout(page)).toBe(paused);
    const plot = page.locator('.timeline-panel svg.plot');
    await plot.focus();
    await page.keyboard.press('Home');
    expect(await readout(page)).toMatch(/^0\.00 \//);
    await page.keyboard.press('ArrowRight');
    expect(await readout(page)).toMatch(/^0\.45 \//); // QEMU's fixed start-up ends at 0.45 s
    await page.keyboard.press('End');
    const [now, total] = (await readout(page))!.split('/').map((x) => parseFloat(x));
    expect(now).toBe(total);
    expect(errors).toEqual([]);
    await close();
  });

  it('selects a span by clicking it and shows which scenario fields drive it', async () => {
    const { page, errors, close } = await open();
    await page.locator('.timeline-panel [data-phase="dma-map"]').first().click();
    const chip = page.locator('[data-selected-span]');
    await expect.poll(() => chip.textContent()).toMatch(/VFIO_IOMMU_MAP_DMA/);
    expect(await chip.textContent()).toMatch(/driven by/);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('share links', () => {
  it('reproduce the same run and frame in a fresh page', async () => {
    const scenario = '// shared\n{ "guest": { "ramGiB": 96, "memoryBacking": "thp" }, "optimizations": { "prezeroFreePages": true } }';
    const first = await open(stateToHash({ page: 'playground', scenario, timeUs: 3_210_000, view: 'statechart' }));
    const measures = await first.page.locator('[data-measure] .v').allTextContents();
    const frame = await readout(first.page);
    expect(frame).toMatch(/^3\.21 \//);
    // The URL keeps the whole state as the user goes on: copy it as the Share button would.
    await first.page.getByRole('button', { name: 'Step forward to the next event' }).click();
    const url = first.page.url();
    const frame2 = await readout(first.page);
    const picture = await frameOf(first.page);
    await first.close();

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(url);
    await page.locator('.timeline-panel svg.plot').waitFor();
    expect(await page.locator('[data-measure] .v').allTextContents()).toEqual(measures);
    expect(await readout(page)).toBe(frame2);
    expect(await page.getByRole('tab', { name: 'Statechart' }).getAttribute('aria-selected')).toBe('true');
    expect(await frameOf(page)).toBe(picture);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fall back to the default with a notice when damaged', async () => {
    const { page, errors, close } = await open('#/playground?z=eJyrVkrLz1eyUlAqS8wpTtUBAEeoBuM');
    await expect.poll(() => page.locator('.notice').textContent()).toMatch(/damaged|newer|no scenario|does not hold/);
    expect(await creation(page)).toBeGreaterThan(60_000);
    expect(errors).toEqual([]);
    await close();
  });

  it('say that nothing has run yet when the shared scenario has problems, and run once fixed', async () => {
    const broken = '{ "guest": { "ramGiB": -4 } }';
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${inject('baseURL')}${stateToHash({ page: 'playground', scenario: broken })}`);
    await expect.poll(() => page.locator('.timeline-panel .no-run').textContent()).toMatch(/Nothing has run yet/);
    expect(await page.locator('.timeline-panel .stale-badge').count()).toBe(0);
    // Fixing the value (here through the form) runs it.
    await page.getByRole('button', { name: 'Form' }).click();
    const ram = page.getByLabel('ramGiB', { exact: true });
    await ram.fill('64');
    await ram.press('Tab');
    await page.locator('.timeline-panel svg.plot').waitFor();
    expect(await creation(page)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('look and feel', () => {
  it('switches between light and dark themes', async () => {
    const { page, close } = await open();
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const start = await theme();
    await page.getByRole('button', { name: /Switch to the (dark|light) theme/ }).click();
    expect(await theme()).not.toBe(start);
    await close();
  });

  it('fits a 360 px phone without sideways scrolling, and a 4K projector', async () => {
    for (const viewport of [{ width: 360, height: 780 }, { width: 3840, height: 2160 }]) {
      const { page, errors, close } = await open('', viewport);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${viewport.width} px`).toBeLessThanOrEqual(0);
      expect(await creation(page)).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await close();
    }
  });
});
