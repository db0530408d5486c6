/**
 * The scenario editor as a user meets it, in the built app: typing in Monaco re-runs the
 * simulation, broken text keeps the last good run on screen with the problem marked,
 * completion and hover explain the keys, the form edits the same text (comments kept), one
 * undo history serves both, and the page works before and without the Monaco chunk.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, watchErrors } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const MONACO_CHUNK = /\/monaco-setup-[\w-]+\.js$/;
const WAIT = { timeout: 10_000 };

async function open(options: { viewport?: { width: number; height: number }; before?: (page: Page) => Promise<unknown>; monaco?: boolean } = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await options.before?.(page);
  await page.goto(inject('baseURL'));
  await page.locator('.timeline-panel svg.plot').waitFor();
  if (options.monaco !== false) await page.locator('.monaco-editor .view-lines').waitFor();
  return { page, errors, close: () => context.close() };
}

const creationMs = async (page: Page) => Number(await page.locator('[data-measure="vmCreationMs"] .v').getAttribute('data-value-ms'));
const creationShown = (page: Page) => page.locator('[data-measure="vmCreationMs"] .v').textContent();
/** The player's total, "0.00 / 112.61 s": where the timeline ends, in seconds. */
const runEnd = async (page: Page) => parseFloat((await page.locator('.timeline-panel output.readout').first().textContent())!.split('/')[1]!);
/** Text as Monaco renders it, with its non-breaking spaces made plain. */
const plainText = (text: string | null) => (text ?? '').replace(/\s/g, ' ');
/** One rendered line of the code editor, found by its text. */
const line = (page: Page, text: string) => page.locator('.monaco-editor .view-line', { hasText: text });
/** A token (a key, a value) on the line that contains `lineText`. */
const token = (page: Page, lineText: string, exact: string) => line(page, lineText).locator('span > span', { hasText: new RegExp(`^${exact}$`) });
/** The 1-based line the cursor is on, from the gutter's highlighted number. */
const cursorLine = async (page: Page) => Number(await page.locator('.monaco-editor .line-numbers.active-line-number').textContent());

/** Double-click a word (selects it, as a user would) and type its replacement. */
async function retype(page: Page, lineText: string, word: string, replacement: string) {
  await token(page, lineText, word).dblclick();
  await page.keyboard.type(replacement);
}

describe('typing in the code editor', () => {
  it('re-simulates: turning on pre-zeroing shortens VM creation in the metrics and the timeline', async () => {
    const { page, errors, close } = await open();
    const before = await creationMs(page);
    const shownBefore = await creationShown(page);
    const runEndBefore = await runEnd(page);
    await retype(page, '"prezeroFreePages"', 'false', 'true');
    // The talk: pre-zeroing free pages saves most of the zeroing inside dma-map (about 54 s).
    await expect.poll(() => creationMs(page), WAIT).toBeLessThan(before - 30_000);
    expect(await creationShown(page)).not.toBe(shownBefore);
    // The timeline now runs to the new first kernel log.
    expect(await runEnd(page)).toBeCloseTo((await creationMs(page)) / 1000, 1);
    expect(await runEnd(page)).toBeLessThan(runEndBefore - 30);
    expect(await page.locator('.problems').textContent()).toMatch(/No problems/);
    expect(await page.locator('.problems').textContent()).toMatch(/re-simulated in/);
    expect(errors).toEqual([]);
    await close();
  });

  it('marks broken text on its range, lists the problem, and keeps the last good run on screen until fixed', async () => {
    const { page, errors, close } = await open();
    const shown = await creationShown(page);
    await retype(page, '"bulkPinning"', 'false', 'flase');

    const row = page.locator('.problems .row', { hasText: 'Unexpected word "flase"' });
    await row.waitFor(WAIT);
    expect(await row.textContent()).toMatch(/Ln 24/);
    expect(await page.locator('.problems .chip').first().textContent()).toMatch(/^[1-9]\d* errors?$/);
    // A marker starts exactly at the misspelt word and covers it, not just anywhere. Monaco
    // renders the space before an invalid word in the word's span (" flase", 6 monospace
    // cells) and draws the adjacent "value expected" marker at the comma as one squiggle.
    await page.locator('.monaco-editor .squiggly-error').first().waitFor(WAIT);
    const span = (await line(page, '"bulkPinning"').locator('span > span', { hasText: 'flase' }).boundingBox())!;
    const wordStart = span.x + span.width / 6;
    const marks = await Promise.all((await page.locator('.monaco-editor .squiggly-error').all()).map((m) => m.boundingBox()));
    const onWord = marks.filter((m) => m && m.y >= span.y - 4 && m.y < span.y + span.height && Math.abs(m.x - wordStart) < 2 && m.x + m.width >= span.x + span.width - 1);
    expect(onWord).toHaveLength(1);

    // The run on screen is the last good one, marked stale, never blanked.
    await page.locator('.timeline-panel.stale').waitFor(WAIT);
    expect(await page.locator('.timeline-panel .stale-badge').textContent()).toMatch(/last good run/i);
    expect(await page.locator('.problems').textContent()).toMatch(/showing the last good run/);
    expect(await creationShown(page)).toBe(shown);

    // The problem's row puts the cursor on its line.
    await line(page, '"seed"').click();
    await row.click();
    await expect.poll(() => cursorLine(page), WAIT).toBe(24);

    await line(page, '"bulkPinning"').locator('span > span', { hasText: 'flase' }).dblclick();
    await page.keyboard.type('false');
    await page.locator('.timeline-panel.stale').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => page.locator('.problems').textContent(), WAIT).toMatch(/No problems/);
    expect(await page.locator('.monaco-editor .squiggly-error').count()).toBe(0);
    expect(await creationShown(page)).toBe(shown);
    expect(errors).toEqual([]);
    await close();
  });

  it('completes scenario keys and enum values from the schema', async () => {
    const { page, errors, close } = await open();
    await line(page, '"ramGiB"').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget.visible');
    await suggest.locator('.monaco-list-row', { hasText: 'vcpus' }).waitFor(WAIT);
    const keys = await suggest.locator('.monaco-list-row .label-name').allTextContents();
    expect(keys.join(' ')).toMatch(/prealloc/);
    expect(keys.join(' ')).toMatch(/numaPolicy/);
    await page.keyboard.press('Escape');

    // A value: replace "anonymous-4k" with an empty string and ask for completion inside it.
    await line(page, '"memoryBacking"').click();
    await page.keyboard.press('End');
    for (let i = 0; i < '"anonymous-4k"'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('"');
    await page.keyboard.press('Control+Space');
    await suggest.locator('.monaco-list-row', { hasText: 'thp' }).waitFor(WAIT);
    const values = (await suggest.locator('.monaco-list-row .label-name').allTextContents()).join(' ');
    expect(values).toMatch(/hugetlb-2m/);
    expect(values).toMatch(/hugetlb-1g/);
    expect(errors).toEqual([]);
    await close();
  });

  it('explains a key on hover: path, meaning, unit, range and default', async () => {
    const { page, errors, close } = await open();
    await token(page, '"ramGiB"', '"ramGiB"').hover();
    const card = page.locator('.monaco-hover-content', { hasText: 'Guest RAM' });
    await card.waitFor(WAIT);
    const text = await card.textContent();
    expect(text).toContain('guest.ramGiB');
    expect(text).toMatch(/16,384 GiB/);
    expect(text).toMatch(/default 256/);
    expect(text).toMatch(/In the talk:/);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('one text, one history', () => {
  it('undo in the code editor restores the previous value and run; redo and reset work from the header', async () => {
    const { page, errors, close } = await open();
    const before = await creationMs(page);
    await retype(page, '"prezeroFreePages"', 'false', 'true');
    await expect.poll(() => creationMs(page), WAIT).toBeLessThan(before - 30_000);
    const after = await creationMs(page);

    await page.keyboard.press('Control+z');
    await token(page, '"prezeroFreePages"', 'false').waitFor(WAIT);
    await expect.poll(() => creationMs(page), WAIT).toBe(before);

    await page.getByRole('button', { name: 'Redo' }).click();
    await token(page, '"prezeroFreePages"', 'true').waitFor(WAIT);
    await expect.poll(() => creationMs(page), WAIT).toBe(after);

    // Reset asks first (the text differs), returns to the start, and is itself undoable.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Reset to the starting scenario' }).click();
    await token(page, '"prezeroFreePages"', 'false').waitFor(WAIT);
    await expect.poll(() => creationMs(page), WAIT).toBe(before);
    expect(await page.getByRole('button', { name: 'Reset to the starting scenario' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Undo' }).click();
    await token(page, '"prezeroFreePages"', 'true').waitFor(WAIT);
    expect(errors).toEqual([]);
    await close();
  });

  it('the form edits the text: values change, new keys land in schema order, comments stay, undo reverts', async () => {
    const { page, errors, close } = await open();
    const before = await creationMs(page);
    await page.getByRole('button', { name: 'Form', exact: true }).click();

    const ram = page.getByLabel('ramGiB', { exact: true });
    expect(await ram.inputValue()).toBe('256');
    await ram.fill('128');
    await ram.press('Enter');
    await expect.poll(() => creationMs(page), WAIT).toBeLessThan(before * 0.7);

    // An absent key shows the resolved default as a placeholder and a "default" marker.
    const threads = page.getByLabel('pinThreads', { exact: true });
    expect(await threads.inputValue()).toBe('');
    expect(await threads.getAttribute('placeholder')).toBe('1');
    await threads.fill('4');
    await threads.press('Enter');
    await expect.poll(() => page.locator('[data-field="optimizations.pinThreads"] .default').count(), WAIT).toBe(0);

    await page.getByRole('button', { name: 'JSONC', exact: true }).click();
    await line(page, '"ramGiB": 128,').waitFor(WAIT);
    expect(await line(page, "// The talk's baseline").count()).toBe(1);
    const bulk = (await line(page, '"bulkPinning"').boundingBox())!;
    const pin = (await line(page, '"pinThreads": 4').boundingBox())!;
    const tracking = (await line(page, '"userspaceDmaMapTracking"').boundingBox())!;
    expect(pin.y).toBeGreaterThan(bulk.y);
    expect(pin.y).toBeLessThan(tracking.y);

    // Remove in the form takes the key out again (back to the default).
    await page.getByRole('button', { name: 'Form', exact: true }).click();
    await page.getByRole('button', { name: 'Remove optimizations.pinThreads (back to the default)' }).click();
    await page.getByRole('button', { name: 'JSONC', exact: true }).click();
    await line(page, '"pinThreads"').waitFor({ state: 'detached', ...WAIT });

    // Undo walks back through the form's edits: pinThreads returns, then RAM.
    await page.getByRole('button', { name: 'Undo' }).click();
    await line(page, '"pinThreads": 4').waitFor(WAIT);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await line(page, '"ramGiB": 256,').waitFor(WAIT);
    await expect.poll(() => creationMs(page), WAIT).toBe(before);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('selection link and keyboard', () => {
  it('highlights the lines that drive the selected span and reveals a field on request', async () => {
    const { page, errors, close } = await open();
    await page.locator('.timeline-panel [data-phase="dma-map"]').first().click();
    const lens = page.locator('.monaco-editor .bl-drive-lens');
    await lens.waitFor(WAIT);
    expect(plainText(await lens.textContent())).toMatch(/◆ drives dma-map/);
    expect(plainText(await line(page, '"ramGiB"').textContent())).toMatch(/drives dma-map/);
    expect(await page.locator('.monaco-editor .bl-drive-line').count()).toBeGreaterThanOrEqual(3);

    await page.locator('.timeline-panel button.field', { hasText: 'prezeroFreePages' }).click();
    await expect.poll(() => cursorLine(page), WAIT).toBe(23);
    expect(errors).toEqual([]);
    await close();
  });

  it('in the form, marks the driving fields and focuses the revealed one', async () => {
    const { page, errors, close } = await open();
    await page.getByRole('button', { name: 'Form', exact: true }).click();
    await page.locator('.timeline-panel [data-phase="dma-map"]').first().click();
    await expect.poll(() => page.locator('[data-field="guest.ramGiB"]').getAttribute('class'), WAIT).toMatch(/driving/);
    expect(await page.locator('[data-field="firmware.grubTimeoutS"]').getAttribute('class')).not.toMatch(/driving/);
    await page.locator('.timeline-panel button.field', { hasText: 'prezeroFreePages' }).click();
    const focused = () => page.evaluate(() => document.activeElement?.closest('[data-field]')?.getAttribute('data-field'));
    await expect.poll(focused, WAIT).toBe('optimizations.prezeroFreePages');
    expect(errors).toEqual([]);
    await close();
  });

  it('follows the theme switch', async () => {
    const { page, errors, close } = await open();
    const background = () => page.locator('.monaco-editor .monaco-editor-background').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    const surface = () => page.evaluate(() => getComputedStyle(document.querySelector('.editor')!).backgroundColor);
    expect(await background()).toBe(await surface());
    const start = await background();
    await page.getByRole('button', { name: /Switch to the (dark|light) theme/ }).click();
    await expect.poll(background, WAIT).not.toBe(start);
    expect(await background()).toBe(await surface());
    expect(errors).toEqual([]);
    await close();
  });

  it('lets keyboard users leave the editor with Escape then Tab', async () => {
    const { page, errors, close } = await open();
    const inEditor = () => page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null);
    await line(page, "// The talk's baseline").click();
    await page.keyboard.press('End');
    await page.keyboard.press('Tab');
    expect(await inEditor()).toBe(true);
    expect(await page.locator('.editor .keys').textContent()).toMatch(/Esc.*then.*Tab/);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await inEditor()).toBe(false);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('before and without Monaco', () => {
  it('shows the default run and an editable plain editor while Monaco loads, then hands the text over', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { page, errors, close } = await open({
      monaco: false,
      before: (p) => p.route(MONACO_CHUNK, async (route) => {
        await gate;
        await route.continue();
      }),
    });
    expect(await creationMs(page)).toBeGreaterThan(60_000);
    const plain = page.getByRole('textbox', { name: 'Scenario, JSONC', exact: true });
    const text = await plain.inputValue();
    expect(text).toContain('"prezeroFreePages": false');
    const before = await creationMs(page);
    await plain.fill(text.replace('"prezeroFreePages": false', '"prezeroFreePages": true'));
    await expect.poll(() => creationMs(page), WAIT).toBeLessThan(before - 30_000);

    release();
    await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
    await token(page, '"prezeroFreePages"', 'true').waitFor(WAIT);
    expect(await plain.count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps working with the plain editor when Monaco cannot load', async () => {
    const { page, errors, close } = await open({ monaco: false, before: (p) => p.route(MONACO_CHUNK, (route) => route.abort()) });
    await page.locator('.editor .failed', { hasText: 'could not load' }).waitFor(WAIT);
    const plain = page.getByRole('textbox', { name: 'Scenario, JSONC', exact: true });
    const before = await creationMs(page);
    await plain.fill((await plain.inputValue()).replace('"ramGiB": 256', '"ramGiB": 64'));
    await expect.poll(() => creationMs(page), WAIT).toBeLessThan(before * 0.5);
    // The blocked request is the only console error: the browser reports the aborted load.
    expect(errors.filter((e) => !/ERR_FAILED|monaco-setup|dynamically imported module/.test(e))).toEqual([]);
    await close();
  });

  it('starts in the form below 1024 px without fetching Monaco, and the switch still loads it', async () => {
    const requested: string[] = [];
    const { page, errors, close } = await open({
      monaco: false,
      viewport: { width: 800, height: 900 },
      before: async (p) => {
        p.on('request', (r) => requested.push(r.url()));
      },
    });
    expect(await page.getByRole('button', { name: 'Form', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('ramGiB', { exact: true }).waitFor();
    expect(requested.some((u) => MONACO_CHUNK.test(u))).toBe(false);
    await page.getByRole('button', { name: 'JSONC', exact: true }).click();
    await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
    expect(errors).toEqual([]);
    await close();
  });
});
