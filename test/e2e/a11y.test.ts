/**
 * Every page and view passes axe-core in real Chromium with no serious or critical
 * violation: the playground with each view tab (the timeline is always on screen above
 * them, and with the timeline and memory tables open), compare with a pinned "before", the
 * lesson list, a lesson page (goals, every hint shown, and a prediction card), the presenter
 * and speaker pages, the handout, the Embed dialog, and the embed page; each in the light
 * and the dark theme,
 * at desktop width and at 360 px. A failure prints every violation with its targets.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';
import { launch, watchErrors } from './browser.ts';
import { stateToHash } from '../../src/app/url-state.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WAIT = { timeout: 15_000 };
const BASELINE = readFileSync('examples/talk-baseline.jsonc', 'utf8');
const AFTER = readFileSync('examples/all-optimizations.jsonc', 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Screen {
  readonly name: string;
  /** Path and hash under the app's base URL. */
  readonly url: string;
  /** Brings the screen to the state under test once it has loaded. */
  readonly ready: (page: Page) => Promise<void>;
}

const PLAYGROUND_VIEWS = ['phases', 'memory', 'iova', 'resets', 'flame', 'charts', 'busy-host', 'statechart'] as const;

/** The playground's own view: the timeline panel with its player, and the tab's panel. */
const playground = (view: string): Screen => ({
  name: `playground, ${view} view`,
  url: stateToHash({ page: 'playground', scenario: BASELINE, view }),
  ready: async (page) => {
    await page.locator(`#view-${view}`).waitFor(WAIT);
    await page.locator('.timeline-panel').waitFor(WAIT);
  },
});

const SCREENS: readonly Screen[] = [
  ...PLAYGROUND_VIEWS.map(playground),
  {
    name: 'playground, the timeline and memory views as tables',
    url: stateToHash({ page: 'playground', scenario: BASELINE, view: 'memory', timeUs: 30_000_000 }),
    ready: async (page) => {
      await page.locator('#view-memory').waitFor(WAIT);
      await page.locator('[aria-controls="timeline-table"]').click();
      await page.locator('[aria-controls="memory-table"]').click();
      await page.locator('[data-timeline-table] tbody tr').first().waitFor(WAIT);
      await page.locator('[data-memory-table] tbody tr').first().waitFor(WAIT);
    },
  },
  {
    name: 'playground with the Embed dialog open',
    url: stateToHash({ page: 'playground', scenario: BASELINE, view: 'memory' }),
    ready: async (page) => {
      await page.locator('#view-memory').waitFor(WAIT);
      await page.locator('.topbar [data-embed]').click();
      await page.getByRole('dialog').waitFor(WAIT);
    },
  },
  {
    name: 'compare with a pinned before',
    url: stateToHash({ page: 'compare', scenario: AFTER, before: BASELINE }),
    ready: async (page) => {
      await page.locator('.compare').first().waitFor(WAIT);
    },
  },
  {
    name: 'the lesson list',
    url: '#/lessons',
    ready: async (page) => {
      await page.locator('[data-lesson-item]').first().waitFor(WAIT);
    },
  },
  {
    name: 'a lesson step with goals and every hint shown',
    url: '#/lesson/03-zeroing?step=4',
    ready: async (page) => {
      await page.locator('[data-goal]').first().waitFor(WAIT);
      const more = page.locator('.hints .more');
      while ((await more.count()) > 0) await more.click();
      await page.locator('[data-hint]').first().waitFor(WAIT);
    },
  },
  {
    name: 'a lesson step with a prediction card',
    url: '#/lesson/03-zeroing?step=2',
    ready: async (page) => {
      await page.locator('[data-veiled="true"]').waitFor(WAIT);
    },
  },
  {
    name: 'the presenter page',
    url: '#/present/03-zeroing?step=1',
    ready: async (page) => {
      await page.locator('[data-present][data-typing="false"]').waitFor(WAIT);
    },
  },
  {
    name: 'the speaker page',
    url: '#/speaker/03-zeroing?step=1',
    ready: async (page) => {
      await page.locator('[data-speaker]').waitFor(WAIT);
    },
  },
  {
    name: 'the printable handout',
    url: '#/handout/03-zeroing',
    ready: async (page) => {
      await page.locator('[data-handout] [data-handout-step]').first().waitFor(WAIT);
    },
  },
  {
    name: 'the embed page with a lesson step and the memory view',
    url: 'embed.html?lesson=04-prezero&step=2&view=memory',
    ready: async (page) => {
      await page.locator('[data-measure]').first().waitFor(WAIT);
    },
  },
  {
    name: 'the read-only embed page',
    url: 'embed.html?lesson=04-prezero&step=2&view=resets&readonly',
    ready: async (page) => {
      await page.locator('[data-measure]').first().waitFor(WAIT);
    },
  },
];

/**
 * Each screen is loaded once and checked in every variant: the theme follows the system
 * setting (emulated), and the layout follows the viewport, so both change in place.
 */
const VARIANTS = [
  { theme: 'light', width: 1440, height: 900 },
  { theme: 'dark', width: 1440, height: 900 },
  { theme: 'dark', width: 360, height: 800 },
  { theme: 'light', width: 360, height: 800 },
] as const;

/** One block per violation: impact, rule, what is wrong, and each target with its failure. */
function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => `${v.impact ?? '?'} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`).join('\n')}`)
    .join('\n');
}

async function runAxe(page: Page): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
}

/** Two frames: enough for a theme or layout change to reach the styles axe reads. */
const settle = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

describe('axe-core in the light and dark themes, at 1440 and 360 px', () => {
  it.each(SCREENS.map((s) => [s.name, s] as const))('%s: no serious or critical violation', { timeout: 240_000 }, async (_name, screen) => {
    const first = VARIANTS[0];
    const context = await browser.newContext({ viewport: { width: first.width, height: first.height }, colorScheme: first.theme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const found: string[] = [];
    try {
      await page.goto(`${inject('baseURL')}${screen.url}`);
      await screen.ready(page);
      for (const v of VARIANTS) {
        await page.emulateMedia({ colorScheme: v.theme });
        await page.setViewportSize({ width: v.width, height: v.height });
        await settle(page);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(v.theme);
        const results = await runAxe(page);
        const serious = results.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical');
        if (serious.length > 0) found.push(`${v.theme}, ${v.width} px:\n${describeViolations(serious)}`);
      }
      expect(found.join('\n'), `${screen.name}`).toBe('');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/**
 * Replaces the editor's whole text the way a paste does. One line after a comment: typed
 * line breaks get Monaco's auto-indent, and a leading "{" an auto-closed "}".
 */
async function replaceText(page: Page, text: string) {
  await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

describe('text alternatives', () => {
  it('announces the three measures politely once a new run is on screen, and not while the playhead moves', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${inject('baseURL')}${stateToHash({ page: 'playground', scenario: BASELINE })}`);
    const live = page.locator('.strip [data-measures-announcer]');
    await live.waitFor({ state: 'attached', ...WAIT });
    expect(await live.getAttribute('aria-live')).toBe('polite');
    // Nothing is said on load, nor while playing.
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    for (let i = 0; i < 10; i++) {
      expect(await live.textContent()).toBe('');
      await page.waitForTimeout(50);
    }
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const smaller = BASELINE.replace('"ramGiB": 256', '"ramGiB": 64').replace(/\/\/.*\n/g, '').replace(/\s*\n\s*/g, ' ').trim();
    await replaceText(page, `/* 64 GiB */ ${smaller}`);
    await expect.poll(() => live.textContent(), WAIT).toMatch(/^Run updated\. VM creation time \d+\.\d s, was 112\.6 s; VM initialization time \d+\.\d s, was 103\.0 s; BIOS execution time 9\.6 s, unchanged\.$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives the memory view as tables whose pages add up to the guest and the detail window', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${inject('baseURL')}${stateToHash({ page: 'playground', scenario: BASELINE, view: 'memory', timeUs: 30_000_000 })}`);
    await page.locator('#view-memory').waitFor(WAIT);
    const toggle = page.locator('[aria-controls="memory-table"]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const sum = (sel: string, col: number) => page.locator(`${sel} tbody tr[data-state]`).evaluateAll((rows, c) =>
      rows.reduce((n, r) => n + Number((r.children[c]?.textContent ?? '').replace(/,/g, '')), 0), col);
    const pages = (state: string) => page.locator(`[data-pool-table] tr[data-state="${state}"] td`).first().textContent();
    // 256 GiB of 4 KiB pages; the window is 1,536 of them.
    expect(await sum('[data-pool-table]', 1)).toBe(67_108_864);
    expect(await sum('[data-window-table]', 2)).toBe(1_536);
    expect(await page.locator('[data-memory-table] .where').textContent()).toMatch(/At 30\.00 s: the pin front is at page [\d,]+ of 67,108,864/);
    const pinnedAt30 = Number((await pages('pinned'))?.replace(/,/g, ''));
    expect(pinnedAt30).toBeGreaterThan(0);
    // Later in the sweep, more of the guest is pinned.
    await page.locator('.player [role="slider"]').focus();
    await page.keyboard.press('PageUp');
    await expect.poll(async () => Number((await pages('pinned'))?.replace(/,/g, ''))).toBeGreaterThan(pinnedAt30);
    expect(await sum('[data-pool-table]', 1)).toBe(67_108_864);
    expect(errors).toEqual([]);
    await context.close();
  });
});
