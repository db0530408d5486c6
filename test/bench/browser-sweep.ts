/**
 * Sweeps in the browser's Web Workers, driven through the Charts tab as a user would: runs
 * per second with one worker and with the pool (the wall time from Run to the last row,
 * which the page records as the 'bootline:sweep' measure), and the longest main-thread
 * task during a 100-point sweep.
 */
import type { Browser, Page } from 'playwright-core';
import { stateToHash } from '../../src/app/url-state.ts';
import { DEFAULT_SCENARIO_TEXT } from '../../src/app/default-scenario.ts';
import { quantile, type Row } from './stats.ts';

const TARGET_PER_S = 1_000;

async function sweep(page: Page, values: string, preset: string, threads: number): Promise<{ runs: number; ms: number; workerMs: number }> {
  await page.locator('[data-sweep-values]').fill(values);
  await page.locator('[data-sweep-preset]').selectOption(preset);
  await page.locator('[data-sweep-threads]').selectOption(String(threads));
  const before = await page.evaluate(() => performance.getEntriesByName('bootline:sweep').length);
  await page.locator('[data-sweep-run]').click();
  await page.waitForFunction((n) => performance.getEntriesByName('bootline:sweep').length > n, before, { timeout: 120_000, polling: 100 });
  return page.evaluate(() => {
    const e = performance.getEntriesByName('bootline:sweep').at(-1);
    const detail: unknown = e instanceof PerformanceMeasure ? e.detail : undefined;
    // No helper functions in here: the page runs this source as is.
    const d = typeof detail === 'object' && detail !== null ? detail : {};
    return { runs: Number(Reflect.get(d, 'runs')), ms: e?.duration ?? NaN, workerMs: Number(Reflect.get(d, 'workerMs')) };
  });
}

/** Main-thread time per frame (rAF to the next task) and long tasks, from now on. */
const PROBES = `
  window.__frames = []; window.__long = [];
  new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  (function loop() {
    requestAnimationFrame(() => {
      const t0 = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { window.__frames.push(performance.now() - t0); };
      ch.port2.postMessage(0);
      if (window.__frames.length < 100000) loop();
    });
  })();
`;

export async function benchBrowserSweep(browser: Browser, base: string): Promise<{ rows: Row[]; figures: Record<string, number> }> {
  const rows: Row[] = [];
  const figures: Record<string, number> = {};
  const page = await browser.newPage({ viewport: { width: 1440, height: 1200 } });
  try {
    const open = async () => {
      await page.goto('about:blank');
      await page.goto(`${base}${stateToHash({ page: 'playground', scenario: DEFAULT_SCENARIO_TEXT, view: 'charts' })}`);
      await page.locator('[data-sweep-run]').waitFor();
      await page.locator('.monaco-editor .view-lines').waitFor();
    };
    await open();
    const pool = await page.evaluate(() => Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)));
    // The Node benchmark's case: RAM 1-256 GiB with 1 and with 4 GPUs, 512 runs.
    const VALUES = '1..256:1';
    for (const threads of [...new Set([1, pool])]) {
      // A fresh page, so fresh workers: the first sweep pays for starting them and compiling the engine.
      await open();
      const cold = await sweep(page, VALUES, 'gpus', threads);
      const coldRate = cold.runs / (cold.ms / 1_000);
      // Two more to let the JIT settle (the third 512-run sweep is about twice the first's speed).
      for (let i = 0; i < 2; i++) await sweep(page, VALUES, 'gpus', threads);
      const rates: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await sweep(page, VALUES, 'gpus', threads);
        rates.push(r.runs / (r.ms / 1_000));
      }
      const median = quantile([...rates].sort((a, b) => a - b), 0.5);
      figures[`sweep.workers${threads}.scenariosPerS`] = median;
      figures[`sweep.workers${threads}.coldScenariosPerS`] = coldRate;
      const who = `${threads} ${threads === 1 ? 'worker' : 'workers'}`;
      rows.push({ figure: `sweep in the browser, ${who}, first sweep (workers starting, engine cold): 512 runs`, value: `${Math.round(coldRate).toLocaleString('en-US')} /s`, target: '', met: undefined });
      rows.push({
        figure: `sweep in the browser, ${who}, warm: RAM 1–256 GiB × 1 and 4 GPUs (512 runs, median of 3)`,
        value: `${Math.round(median).toLocaleString('en-US')} /s`,
        target: threads === pool ? `>= ${TARGET_PER_S.toLocaleString('en-US')} /s` : '',
        met: threads === pool ? median >= TARGET_PER_S : undefined,
      });
    }
    // Responsiveness: a 100-point sweep with the pool, measured on the page.
    await page.waitForTimeout(1_000);
    await page.evaluate(PROBES);
    const r = await sweep(page, '8..800:8', 'current', pool);
    const frames: number[] = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames);
    const long: number[] = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    const worstFrame = Math.max(0, ...frames);
    const worstLong = Math.max(0, ...long);
    figures['sweep100.longestTaskMs'] = worstLong;
    figures['sweep100.worstFrameMs'] = worstFrame;
    figures['sweep100.ms'] = r.ms;
    rows.push({
      figure: `longest main-thread task during a 100-point sweep (${pool} workers, ${(r.ms / 1_000).toFixed(2)} s; long tasks are those over 50 ms)`,
      value: worstLong > 0 ? `${worstLong.toFixed(0)} ms` : 'none over 50 ms',
      target: '<= 50 ms', met: worstLong <= 50,
    });
    rows.push({ figure: 'worst frame\'s main-thread time during that sweep (rAF to next task)', value: `${worstFrame.toFixed(1)} ms`, target: '', met: undefined });
  } finally {
    await page.close();
  }
  return { rows, figures };
}
