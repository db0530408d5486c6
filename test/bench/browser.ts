/**
 * Browser figures in headless Chromium against the built app: bundle sizes (gzip), time to
 * first frame, the time from a keystroke in the editor to the redrawn run, the main-thread
 * time of each animation frame while the timeline plays with each view open (95th
 * percentile), and sweeps in the page's Web Workers (browser-sweep.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { stateToHash } from '../../src/app/url-state.ts';
import { DEFAULT_SCENARIO_TEXT } from '../../src/app/default-scenario.ts';
import { RUN_DEBOUNCE_MS } from '../../src/app/state/scenario-store.svelte.ts';
import { quantile, type Row } from './stats.ts';
import { benchBrowserSweep } from './browser-sweep.ts';

export interface BrowserBench {
  readonly rows: Row[];
  readonly figures: Record<string, number>;
}

/** A production build served by `vite preview`, as a user gets the app. */
export interface ServedApp {
  readonly outDir: string;
  readonly base: string;
  stop(): void;
}

export async function serveBuild(): Promise<ServedApp> {
  const outDir = mkdtempSync(join(tmpdir(), 'bootline-bench-'));
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--outDir', outDir], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  const port = 4400 + Math.floor(Math.random() * 400);
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--strictPort', '--port', String(port), '--outDir', outDir], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    outDir, base,
    stop: () => {
      server.kill('SIGTERM');
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function gzKB(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length / 1024;
}

const sumKB = (paths: readonly string[]) => paths.reduce((a, f) => a + gzKB(f), 0);

/** Main-thread time per animation frame: from the frame's rAF to the first task after it. */
const FRAME_PROBE = `
  window.__frames = [];
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

/**
 * Keystroke to redraw: from a key's event time to the end of the first frame that shows the
 * new run (the measures' value changed, then that frame's rAF and the task after it).
 */
const KEY_PROBE = `
  window.__keys = [];
  (() => {
    const value = () => document.querySelector('main.playground [data-measure="vmCreationMs"] .v')?.getAttribute('data-value-ms');
    let pending;
    document.addEventListener('keydown', (e) => { pending = { t0: e.timeStamp, before: value() }; }, true);
    new MutationObserver(() => {
      if (!pending || value() === pending.before) return;
      const p = pending;
      pending = undefined;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => window.__keys.push(performance.now() - p.t0);
        ch.port2.postMessage(0);
      });
    }).observe(document.querySelector('main.playground .output-col'), { subtree: true, attributes: true, childList: true, characterData: true });
  })();
`;

/** A scenario whose fourth line ends in the RAM size, so End puts the caret after its digits. */
const KEY_SCENARIO = '{\n  "name": "Keystroke",\n  "guest": {\n    "ramGiB": 256\n  }\n}\n';

/**
 * The playground issue asks for a keystroke-to-redraw p95 under 50 ms; design-language.md
 * deliberately waits RUN_DEBOUNCE_MS after the last keystroke before re-simulating, so the
 * target is the work after that wait (run, analysis, redraw) under 50 ms.
 */
export const KEY_TARGET_MS = RUN_DEBOUNCE_MS + 50;

async function keystrokes(page: Page, base: string, count: number): Promise<number[]> {
  await page.goto('about:blank');
  await page.goto(`${base}${stateToHash({ page: 'playground', scenario: KEY_SCENARIO })}`);
  const lines = page.locator('main.playground .monaco-editor .view-lines');
  await lines.waitFor({ timeout: 60_000 });
  await page.evaluate(KEY_PROBE);
  await lines.click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  const warmup = 4;
  for (let i = 0; i < count + warmup; i++) {
    // 256 → 25 → 256 …: every keystroke changes the run.
    await page.keyboard.press(i % 2 === 0 ? 'Backspace' : '6');
    await page.waitForFunction((n) => (window as unknown as { __keys: number[] }).__keys.length > n, i, { timeout: 10_000 });
    // Let the 240 ms transition end, so each keystroke starts from a quiet page.
    await page.waitForTimeout(400);
  }
  const all: number[] = await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
  return all.slice(warmup);
}

export async function benchBrowser(browser: Browser, app: ServedApp): Promise<BrowserBench> {
  const rows: Row[] = [];
  const figures: Record<string, number> = {};
  const { outDir, base } = app;

  const js = files(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const entry = js.filter((f) => html.includes(basename(f)));
  const monaco = js.filter((f) => /^(editor\.api|monaco-setup|jsonMode)-/.test(basename(f)));
  const monacoWorkers = js.filter((f) => /^(editor|json)\.worker-/.test(basename(f)));
  figures.entryKB = sumKB(entry);
  figures.lazyKB = sumKB(js.filter((f) => !entry.includes(f)));
  figures.totalJsKB = sumKB(js);
  figures.monacoKB = sumKB(monaco);
  figures.monacoWorkersKB = sumKB(monacoWorkers);
  const css = sumKB(files(join(outDir, 'assets')).filter((f) => f.endsWith('.css')));
  rows.push({ figure: `playground initial JS (gzip, ${entry.length} files: entry and preloads)`, value: `${figures.entryKB.toFixed(1)} KB`, target: '', met: undefined });
  rows.push({ figure: 'lazy chunks (views, lessons, Monaco, workers; gzip)', value: `${figures.lazyKB.toFixed(1)} KB`, target: '', met: undefined });
  rows.push({ figure: `all JS (gzip, ${js.length} files)`, value: `${figures.totalJsKB.toFixed(1)} KB`, target: '', met: undefined });
  rows.push({ figure: 'Monaco chunk on the page (editor API, setup, JSON mode; gzip)', value: `${figures.monacoKB.toFixed(1)} KB`, target: '', met: undefined });
  rows.push({ figure: 'Monaco workers (editor, JSON; gzip)', value: `${figures.monacoWorkersKB.toFixed(1)} KB`, target: '', met: undefined });
  rows.push({ figure: 'CSS (gzip)', value: `${css.toFixed(1)} KB`, target: '', met: undefined });

  // Time to first frame: navigation start to the first frame with a run on screen.
  const firsts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(base);
    await page.waitForFunction(() => performance.getEntriesByName('bootline:first-frame').length > 0);
    firsts.push(await page.evaluate(() => performance.getEntriesByName('bootline:first-frame')[0]?.startTime ?? NaN));
    await page.close();
  }
  const first = quantile([...firsts].sort((a, b) => a - b), 0.5);
  figures.firstFrameMs = first;
  rows.push({ figure: 'playground: first frame with the run (median of 5)', value: `${first.toFixed(0)} ms`, target: '', met: undefined });

  const page = await browser.newPage({ viewport: { width: 1440, height: 1200 } });
  try {
    const keys = (await keystrokes(page, base, 30)).sort((a, b) => a - b);
    figures.keystrokeP50Ms = quantile(keys, 0.5);
    figures.keystrokeP95Ms = quantile(keys, 0.95);
    rows.push({ figure: `keystroke in the editor to the run redrawn (median of ${keys.length}; ${RUN_DEBOUNCE_MS} ms of it is the typing debounce)`, value: `${figures.keystrokeP50Ms.toFixed(0)} ms`, target: '', met: undefined });
    rows.push({
      figure: `keystroke in the editor to the run redrawn (p95 of ${keys.length})`,
      value: `${figures.keystrokeP95Ms.toFixed(0)} ms`, target: `< ${KEY_TARGET_MS} ms`, met: figures.keystrokeP95Ms < KEY_TARGET_MS,
    });

    await page.goto(base);
    await page.locator('.mechanisms [role="tab"]').first().waitFor();
    const views = await page.locator('.mechanisms [role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.id.replace(/^tab-/, '')));
    for (const view of views) {
      // A full load each time: a change of hash alone neither switches the view nor rewinds the playhead.
      await page.goto('about:blank');
      await page.goto(`${base}${stateToHash({ page: 'playground', scenario: DEFAULT_SCENARIO_TEXT, view })}`);
      await page.locator('.timeline-panel svg.plot').waitFor();
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await page.evaluate(FRAME_PROBE);
      await page.waitForTimeout(4_000);
      const frames: number[] = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.slice(5));
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      const p95 = quantile([...frames].sort((a, b) => a - b), 0.95);
      figures[`frame.${view}.p95Ms`] = p95;
      figures[`frame.${view}.fps`] = frames.length / 4;
      rows.push({
        figure: `frame while playing, ${view} view (p95 of ${frames.length} frames, ${(frames.length / 4).toFixed(0)} per s)`,
        value: `${p95.toFixed(1)} ms`, target: '< 16.7 ms', met: p95 < 16.7,
      });
    }
  } finally {
    await page.close();
  }
  const sweeps = await benchBrowserSweep(browser, base);
  rows.push(...sweeps.rows);
  Object.assign(figures, sweeps.figures);
  return { rows, figures };
}
