/**
 * The compare page against the command line: for the same pair of scenario files, the
 * figures the page shows (three measures, per-phase wall time, the waterfall's total) are
 * the ones `npm run sim -- --params A --compare B --format json` prints, to the precision
 * on screen. The waterfall's savings add up to its total, and A defaults to the talk's
 * baseline when nothing is pinned.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, watchErrors } from './browser.ts';
import { stateToHash } from '../../src/app/url-state.ts';
import type { CompareReport } from '../../src/sim/analysis/report.ts';
import { MEASURE_NAMES } from '../../src/sim/analysis/measures.ts';
import { PHASES } from '../../src/sim/trace/phases.ts';

const FILE_A = 'examples/talk-baseline.jsonc';
const FILE_B = 'examples/all-optimizations.jsonc';
const MINUS = '−';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(hash: string, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${inject('baseURL')}${hash}`);
  await page.locator('[data-compare-measure="vmCreationMs"]').waitFor();
  return { page, errors, close: () => context.close() };
}

function cli(fileA: string, fileB: string): CompareReport {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--params', fileA, '--compare', fileB, '--format', 'json'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CompareReport;
}

/** A signed figure as the page writes it ("−3.02", "+0.10", "±0.00") as text to compare with. */
function signed(ms: number, decimals: number): string {
  const v = Math.abs(ms / 1_000).toFixed(decimals);
  if (Number(v) === 0) return `±${v}`;
  return `${ms < 0 ? MINUS : '+'}${v}`;
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();
/** "−56.1 s" → -56.1 */
const number = (s: string) => Number(s.replace(MINUS, '-').replace('±', '').replace(/\s*s$/, ''));

describe('compare page', () => {
  it('shows the same figures as the command line for the same pair', async () => {
    const report = cli(FILE_A, FILE_B);
    const hash = stateToHash({ page: 'compare', scenario: readFileSync(FILE_B, 'utf8'), before: readFileSync(FILE_A, 'utf8') });
    const { page, errors, close } = await open(hash);

    expect(await text(page, '[data-run-name="A"]')).toBe(report.a.scenarioName);
    expect(await text(page, '[data-run-name="B"]')).toBe(report.b.scenarioName);

    for (const k of MEASURE_NAMES) {
      const m = report.delta.measures[k];
      const cell = `[data-compare-measure="${k}"]`;
      expect(await text(page, `${cell} [data-value="a"]`), k).toBe((m.a / 1_000).toFixed(1));
      expect(await text(page, `${cell} [data-value="b"]`), k).toBe((m.b / 1_000).toFixed(1));
      // The change is an arrow and a magnitude: "↓ 110.1 s".
      const shown = await text(page, `${cell} [data-value="delta"]`);
      expect(shown, k).toBe(`${m.delta < 0 ? '↓' : '↑'} ${Math.abs(m.delta / 1_000).toFixed(1)} s`);
      expect(await text(page, `${cell} [data-value="percent"]`), k).toBe(`${m.ratio < 0 ? MINUS : '+'}${Math.abs(m.ratio * 100).toFixed(1)}%`);
    }

    let checked = 0;
    for (const p of PHASES) {
      const d = report.delta.phases[p];
      const row = page.locator(`[data-phase-row="${p}"]`);
      if (d.a === 0 && d.b === 0) {
        expect(await row.count(), p).toBe(0);
        continue;
      }
      expect(await text(page, `[data-phase-row="${p}"] [data-col="a"]`), p).toBe((d.a / 1_000).toFixed(2));
      expect(await text(page, `[data-phase-row="${p}"] [data-col="b"]`), p).toBe((d.b / 1_000).toFixed(2));
      expect(await text(page, `[data-phase-row="${p}"] [data-col="delta"]`), p).toBe(signed(d.delta, 2));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
    const creation = report.delta.measures.vmCreationMs;
    expect(await text(page, '[data-phase-row="total"] [data-col="a"]')).toBe((creation.a / 1_000).toFixed(2));
    expect(await text(page, '[data-phase-row="total"] [data-col="b"]')).toBe((creation.b / 1_000).toFixed(2));
    expect(await text(page, '[data-phase-row="total"] [data-col="delta"]')).toBe(signed(creation.delta, 2));
    // Parallel resets overlap dma-map in B: the table says why its rows do not add up.
    expect(await text(page, '[data-overlap-note="pci-reset"]')).toMatch(/pci-reset overlaps dma-map in B/);

    // The waterfall: its ends are A and B, its total is A − B, and its savings add up to it.
    expect(await text(page, '[data-waterfall-before]')).toBe(`${(creation.a / 1_000).toFixed(1)} s`);
    expect(await text(page, '[data-waterfall-after]')).toBe(`${(creation.b / 1_000).toFixed(1)} s`);
    const total = Number(await text(page, '[data-waterfall-total]'));
    expect(total).toBe(Number((-creation.delta / 1_000).toFixed(1)));
    const saved = (await page.locator('[data-waterfall-saved]').allTextContents()).map((s) => -number(s));
    expect(saved.length).toBeGreaterThanOrEqual(6);
    // Each figure is rounded to at most 0.05 s; the exact savings add up exactly.
    expect(Math.abs(saved.reduce((s, x) => s + x, 0) - total)).toBeLessThanOrEqual(0.05 * (saved.length + 1));
    // "Copy as table" copies the same figures as tab-separated text.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.locator('[data-copy-table]').click();
    await expect.poll(() => text(page, '[data-copy-table]')).toBe('Copied');
    const tsv = await page.evaluate(() => navigator.clipboard.readText());
    const dma = report.delta.phases['dma-map'];
    expect(tsv.split('\n')).toContain(['dma-map', (dma.a / 1_000).toFixed(2), (dma.b / 1_000).toFixed(2), (dma.delta / 1_000).toFixed(2)].join('\t'));
    const exact = await page.locator('[data-waterfall-saved]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-saved-ms'))));
    expect(exact.reduce((s, x) => s + x, 0)).toBeCloseTo(-creation.delta, 6);
    expect(errors).toEqual([]);
    await close();
  });

  it('compares with the talk baseline at once when nothing is pinned, and pins through the picker', async () => {
    const { page, errors, close } = await open('#/compare');
    expect(await text(page, '[data-run-name="A"]')).toBe('Baseline (talk)');
    await page.locator('[data-run-picker="A"] button[aria-haspopup]').click();
    expect(await page.locator('[data-picker-item="baseline"]').getAttribute('aria-checked')).toBe('true');
    expect(await page.locator('[data-picker-item="pinned"]').isDisabled()).toBe(true);
    await page.locator('[data-picker-item="pin"]').click();
    // A is now the pinned copy of B: every measure is unchanged.
    for (const k of MEASURE_NAMES) expect(await text(page, `[data-compare-measure="${k}"] [data-value="delta"]`), k).toBe('±0.0 s');
    // B's picker leads to where B is edited.
    await page.locator('[data-run-picker="B"] button[aria-haspopup]').click();
    await page.locator('[data-picker-item="edit"]').click();
    await page.locator('.timeline-panel svg.plot').waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('magnifies the much shorter run, and the shared playhead reaches the longer one', async () => {
    const hash = stateToHash({ page: 'compare', scenario: readFileSync(FILE_B, 'utf8') });
    const { page, errors, close } = await open(hash);
    const magnifier = page.locator('[data-magnifier="cmp-b-mag"]');
    await magnifier.waitFor();
    expect(Number((await text(page, '[data-magnifier="cmp-b-mag"] .factor')).replace('×', ''))).toBeGreaterThan(10);
    // A click late on A's plot moves the one playhead past B's end.
    const plot = page.locator('[data-run="A"] svg.plot').first();
    const box = await plot.boundingBox();
    if (!box) throw new Error('A plot has no box');
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height - 10);
    const seconds = Number((await text(page, '#cmp-a-readout')).match(/at ([\d.]+)/)?.[1]);
    expect(seconds).toBeGreaterThan(30);
    // Back on the playground, the playhead ranges over the edited run (B) again.
    await page.getByRole('tab', { name: 'Playground' }).click();
    const bEnd = (cli(FILE_A, FILE_B).b.measures.vmCreationMs / 1_000).toFixed(2);
    await expect.poll(() => text(page, 'output.readout')).toBe(`${bEnd} / ${bEnd} s`);
    await page.getByRole('tab', { name: 'Compare' }).click();
    await magnifier.waitFor();
    // "Zoom to B" fits the shared axis to B, where no magnifier is needed.
    await page.getByRole('button', { name: 'Zoom to B' }).click();
    expect(await magnifier.count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('fits 800 px without sideways scrolling', async () => {
    const hash = stateToHash({ page: 'compare', scenario: readFileSync(FILE_B, 'utf8') });
    const { page, errors, close } = await open(hash, { width: 800, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await close();
  });
});
