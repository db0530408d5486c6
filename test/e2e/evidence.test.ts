/**
 * The talk's evidence, in the browser: the flame graph's totals are the Trace's busy time
 * per lane, the function table's savings add up, a 100-point sweep runs in Web Workers
 * without a long task on the page and gives the CLI's numbers, Cancel stops it, and the
 * exports are what they claim. Screenshots of each view go to test-results/screenshots/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, watchErrors } from './browser.ts';
import { traceMainThread } from './main-thread.ts';
import { stateToHash } from '../../src/app/url-state.ts';
import { parseScenarioText } from '../../src/sim/scenario/parse.ts';
import { run } from '../../src/sim/engine/run.ts';
import { flameTree, laneBusyUs } from '../../src/sim/analysis/flame.ts';
import { functionTable } from '../../src/sim/analysis/functions.ts';

const SHOTS = 'test-results/screenshots';
mkdirSync(SHOTS, { recursive: true });

const AFTER = `// Talk baseline + the two memory fixes
{
  "name": "pre-zero + THP",
  "host": { "profile": "didi-2020", "freePool": { "prezeroedShare": 0.97, "fragmentation": 0.3 } },
  "guest": { "ramGiB": 256, "memoryBacking": "thp" },
  "optimizations": { "prezeroFreePages": true }
}
`;
const BEFORE = readFileSync('examples/talk-baseline.jsonc', 'utf8');
/** A 48 GiB VM with one GPU, named so the browser's series and the CLI's have the same name. */
const SWEPT = '{ "name": "one GPU", "devices": { "count": 1 }, "guest": { "ramGiB": 48 } }\n';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

function traceOf(text: string) {
  const p = parseScenarioText(text);
  if (!p.ok) throw new Error('test scenario rejected');
  return run(p.scenario);
}

async function open(view: string, scenario: string, before?: string, dark = false): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1400 }, acceptDownloads: true, colorScheme: dark ? 'dark' : 'light' });
  const errors = watchErrors(page);
  await page.goto(`${inject('baseURL')}${stateToHash({ page: 'playground', scenario, view, ...(before !== undefined ? { before } : {}) })}`);
  await page.locator(`#view-${view}`).waitFor();
  return { page, errors };
}

const attr = async (page: Page, sel: string, name: string) => Number(await page.locator(sel).first().getAttribute(name));

async function downloadText(page: Page, sel: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(sel).click()]);
  return readFileSync(await d.path(), 'utf8');
}

async function shot(page: Page, name: string): Promise<void> {
  await page.locator('.mechanisms').screenshot({ path: join(SHOTS, `${name}.png`) });
}

describe('flame graph and function table', () => {
  it('show each run\'s busy time per lane, and savings that add up to the measured saving', async () => {
    const { page, errors } = await open('flame', AFTER, BEFORE);
    const a = traceOf(BEFORE);
    const b = traceOf(AFTER);
    await page.locator('[data-flame-run="B"]').waitFor();
    await shot(page, 'flame');
    await page.getByRole('button', { name: 'A and B' }).click();
    for (const [run, trace] of [['A', a], ['B', b]] as const) {
      const lanes = await page.locator(`[data-flame-run="${run}"] .lanes [data-lane-id]`).evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-lane-id') ?? '', Number(e.getAttribute('data-total-us'))] as const));
      const busy = laneBusyUs(trace);
      const expected = Object.entries(busy).filter(([, us]) => us > 0);
      expect(Object.fromEntries(lanes)).toEqual(Object.fromEntries(expected));
      const total = await attr(page, `[data-flame-run="${run}"]`, 'data-total-us');
      expect(total).toBe(Object.values(busy).reduce((s, x) => s + x, 0));
      expect(total).toBe(flameTree(trace).totalUs);
    }
    await shot(page, 'flame-a-and-b');
    // The function table: counted savings and other stacks add up to the total row, which is the busy-time saving.
    const counted = await page.locator('[data-function-table] tbody tr[data-counted-us]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-counted-us'))));
    const other = await attr(page, '[data-function-table] [data-unlisted]', 'data-saved-us');
    const total = await attr(page, '[data-function-table] [data-total]', 'data-saved-us');
    expect(counted.length).toBeGreaterThan(3);
    expect(counted.reduce((s, x) => s + x, 0) + other).toBe(total);
    expect(await attr(page, '[data-counted-sum-us]', 'data-counted-sum-us')).toBe(total);
    const busySaved = Object.values(laneBusyUs(a)).reduce((s, x) => s + x, 0) - Object.values(laneBusyUs(b)).reduce((s, x) => s + x, 0);
    expect(total).toBe(busySaved);
    expect(total).toBe(functionTable(a, b).busy.savedUs);
    // Search: the share the page shows is the frames' time over B's.
    await page.getByRole('button', { name: 'This run' }).click();
    await page.getByPlaceholder('Search frames, e.g. clear_page').fill('clear_page_erms');
    await expect.poll(() => page.locator('[data-search-total-us]').count()).toBe(1);
    const found = await attr(page, '[data-search-total-us]', 'data-search-total-us');
    expect(found).toBeGreaterThan(0);
    expect(await page.locator('[data-flame-run="B"] .cell.match').count()).toBeGreaterThan(0);
    await shot(page, 'flame-search');
    // Zoom into the first lane and back out with the breadcrumb.
    await page.locator('[data-flame-run="B"] .cell[data-kind="lane"]').first().click();
    expect(await page.locator('nav.crumbs button').count()).toBe(2);
    await page.locator('nav.crumbs button').first().click();
    await page.getByPlaceholder('Search frames, e.g. clear_page').fill('');
    await page.getByRole('button', { name: 'Difference' }).click();
    expect(await attr(page, '[data-flame-run="diff"]', 'data-delta-us')).toBe(-busySaved);
    await shot(page, 'flame-difference');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('sweeps in Web Workers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bootline-evidence-'));
  const file = join(dir, 'one-gpu.jsonc');
  writeFileSync(file, SWEPT);

  it('run 100 points over RAM size with the page responsive, and give the CLI\'s numbers', async () => {
    const { page, errors } = await open('charts', SWEPT);
    await page.locator('[data-sweep-values]').fill('8..800:8');
    await page.locator('[data-sweep-preset]').selectOption('current');
    // Let the page finish loading (Monaco arrives after the first frame), then count every
    // main-thread task over 50 ms from the click on.
    await page.locator('.monaco-editor .view-lines').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __long: { start: number; ms: number }[] };
      w.__long = [];
      new PerformanceObserver((list) => w.__long.push(...list.getEntries().map((e) => ({ start: e.startTime, ms: e.duration })))).observe({ type: 'longtask' });
    });
    await expect.poll(() => page.evaluate(() => {
      const last = (window as unknown as { __long: { start: number; ms: number }[] }).__long.at(-1);
      return last === undefined || performance.now() - (last.start + last.ms) > 1_000;
    }), { timeout: 20_000 }).toBe(true);
    const clickedAt = await page.evaluate(() => performance.now());
    const stopTrace = await traceMainThread(page);
    await page.locator('[data-sweep-run]').click();
    await page.locator('[data-status="done"]').waitFor({ timeout: 60_000 });
    const tasks = await stopTrace();
    const long = await page.evaluate((t) => (window as unknown as { __long: { start: number; ms: number }[] }).__long.filter((e) => e.start + e.ms >= t).map((e) => Math.round(e.ms)), clickedAt);
    // The page's own work: no main-thread task ran for more than 50 ms of CPU time.
    const cpuMax = Math.max(0, ...tasks.map((t) => t.cpuMs));
    expect(cpuMax).toBeLessThanOrEqual(50);
    // Wall time on two cores shared with the sweep's own two workers (and whatever else runs on
    // the machine) stretches tasks: CI saw 52 and 56 ms for tasks of 12 ms CPU. The 50 ms wall
    // figure is measured by `npm run bench` on a quiet machine; here a task stalling the page
    // for 200 ms still fails, whatever else had the cores.
    expect(long.filter((ms) => ms > 200), `long tasks in ms of wall time; the longest main-thread task used ${cpuMax.toFixed(1)} ms of CPU`).toEqual([]);
    expect(await attr(page, '[data-status]', 'data-done')).toBe(100);
    expect(await page.locator('svg[data-chart="lines"] [data-line-id]').getAttribute('data-points')).toBe('100');
    expect(await page.locator('svg[data-chart="lines"] .now').count()).toBe(1);
    await shot(page, 'charts');

    const csv = await downloadText(page, '[data-export-csv]');
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--params', file, '--sweep', 'guest.ramGiB=8..800:8', '--format', 'csv'], { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    const rows = (text: string) => text.trim().split('\n').map((l) => l.split(','));
    const mine = rows(csv);
    const theirs = rows(cli.stdout);
    expect(mine).toHaveLength(101);
    expect(mine[0]).toEqual(theirs[0]);
    for (let i = 1; i < theirs.length; i++) {
      expect(mine[i]?.slice(1).map(Number)).toEqual(theirs[i]?.slice(1).map(Number));
    }
    expect(csv.trim()).toBe(cli.stdout.trim());

    const svg = await downloadText(page, '[data-export-svg]');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('VM creation time over guest.ramGiB');
    expect(svg).toContain('@font-face');
    expect(svg).not.toMatch(/var\(--/);
    expect(svg).not.toMatch(/ class="/);
    const line = /<path[^>]*data-line-id="0:vmCreationMs"[^>]*>/.exec(svg)?.[0] ?? '';
    expect(line).toMatch(/ d="M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){99}"/);
    expect(line).toMatch(/style="[^"]*stroke:\s*rgb\(/);
    const parses = await page.evaluate((text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror') === null, svg);
    expect(parses).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stops when cancelled, and says where', async () => {
    const { page, errors } = await open('charts', SWEPT);
    await page.locator('[data-sweep-values]').fill('1..2000:1');
    await page.locator('[data-sweep-run]').click();
    await expect.poll(() => attr(page, '[data-status]', 'data-done'), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.locator('[data-sweep-cancel]').click();
    await page.locator('[data-status="cancelled"]').waitFor();
    const done = await attr(page, '[data-status]', 'data-done');
    expect(done).toBeLessThan(2_000);
    await page.waitForTimeout(800);
    expect(await attr(page, '[data-status]', 'data-done')).toBe(done);
    await expect.poll(() => page.locator('[data-status]').textContent()).toMatch(/Cancelled after [\d,]+ of 2,000 runs/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the talk\'s figures: fixes one by one at 48 GB as bars, and says what is wrong with a bad range', async () => {
    const { page, errors } = await open('charts', SWEPT);
    await page.locator('[data-talk-figure="talk-ladder"]').click();
    await page.locator('[data-status="done"]').waitFor({ timeout: 30_000 });
    const bars = await page.locator('svg[data-chart="bars"] rect.bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-ms'))));
    expect(bars).toHaveLength(8);
    for (let i = 1; i < bars.length; i++) expect(bars[i]).toBeLessThan(bars[i - 1] ?? 0);
    await shot(page, 'charts-ladder');
    await page.locator('[data-talk-figure="talk-ram-4"]').click();
    await page.locator('[data-status="done"]').waitFor({ timeout: 30_000 });
    await shot(page, 'charts-talk-4-gpus');
    await page.locator('[data-sweep-values]').fill('8..40000:8');
    await expect.poll(() => page.locator('#sweep-values-hint').textContent()).toMatch(/more than a sweep runs/);
    await page.locator('[data-sweep-values]').fill('-8..16:8');
    await page.locator('[data-sweep-run]').click();
    await page.locator('[data-sweep-problems]').waitFor();
    expect(await page.locator('[data-sweep-problems]').textContent()).toMatch(/guest\.ramGiB/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('busy host', () => {
  it('shows the talk\'s limitation with its defaults, in words and pictures', async () => {
    const { page, errors } = await open('busy-host', SWEPT);
    await page.locator('#view-busy-host [data-status="done"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-kept-up]').getAttribute('data-kept-up')).toBe('false');
    expect(await page.locator('[data-kept-up]').textContent()).toMatch(/Fell behind from VM 2 on/);
    expect(await page.locator('[data-vm-bars] rect.bar').count()).toBe(12);
    await shot(page, 'busy-host');
    // A worker clearing 1 GiB every 100 ms keeps up.
    await page.getByLabel('Batch').fill('1024');
    await page.getByLabel('Sleep between').fill('100');
    await page.locator('[data-busy-run]').click();
    await expect.poll(() => page.locator('[data-kept-up]').getAttribute('data-kept-up'), { timeout: 30_000 }).toBe('true');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('looks right in the dark theme too', async () => {
    for (const view of ['flame', 'charts', 'busy-host']) {
      const { page, errors } = await open(view, AFTER, BEFORE, true);
      if (view === 'charts') {
        await page.locator('[data-talk-figure="talk-ram-1"]').click();
        await page.locator('[data-status="done"]').waitFor({ timeout: 30_000 });
      }
      if (view === 'busy-host') await page.locator('#view-busy-host [data-status="done"]').waitFor({ timeout: 30_000 });
      if (view === 'flame') await page.getByRole('button', { name: 'Difference' }).click();
      await shot(page, `${view}-dark`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
