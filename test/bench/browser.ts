/**
 * Browser figures in headless Chromium against the built app: time to first frame, bundle
 * sizes (gzip), and the main-thread time of each animation frame while the timeline plays
 * with each view open (95th percentile), and sweeps in the page's Web Workers (browser-sweep.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from '../e2e/browser.ts';
import { stateToHash } from '../../src/app/url-state.ts';
import { DEFAULT_SCENARIO_TEXT } from '../../src/app/default-scenario.ts';
import { quantile, type Row } from './stats.ts';
import { benchBrowserSweep } from './browser-sweep.ts';

export interface BrowserBench {
  readonly rows: Row[];
  readonly figures: Record<string, number>;
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

export async function benchBrowser(): Promise<BrowserBench> {
  const rows: Row[] = [];
  const figures: Record<string, number> = {};
  const outDir = mkdtempSync(join(tmpdir(), 'bootline-bench-'));
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--outDir', outDir], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');

  const js = files(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const entry = js.filter((f) => html.includes(f.split('/').pop() ?? '---'));
  const entryKB = entry.reduce((a, f) => a + gzKB(f), 0);
  const monaco = js.filter((f) => !entry.includes(f)).reduce((a, f) => a + gzKB(f), 0);
  const css = files(join(outDir, 'assets')).filter((f) => f.endsWith('.css')).reduce((a, f) => a + gzKB(f), 0);
  figures.entryKB = entryKB;
  figures.lazyKB = monaco;
  rows.push({ figure: 'playground entry JS (gzip), loaded first', value: `${entryKB.toFixed(1)} KB`, target: '', met: undefined });
  rows.push({ figure: 'lazy chunks (Monaco and workers, gzip)', value: `${monaco.toFixed(1)} KB`, target: '', met: undefined });
  rows.push({ figure: 'CSS (gzip)', value: `${css.toFixed(1)} KB`, target: '', met: undefined });

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
  const browser = await launch();
  try {
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
    await page.goto(base);
    await page.locator('.mechanisms [role="tab"]').first().waitFor();
    const views = await page.locator('.mechanisms [role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.id.replace(/^tab-/, '')));
    for (const view of views) {
      // A full load each time: a change of hash alone neither switches the view nor rewinds the playhead.
      await page.goto('about:blank');
      await page.goto(`${base}${stateToHash({ page: 'playground', scenario: DEFAULT_SCENARIO_TEXT, view })}`);
      await page.locator('.timeline-panel svg.plot').waitFor();
      await page.getByRole('button', { name: 'Play' }).click();
      await page.evaluate(FRAME_PROBE);
      await page.waitForTimeout(4_000);
      const frames: number[] = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.slice(5));
      await page.getByRole('button', { name: 'Pause' }).click();
      const p95 = quantile([...frames].sort((a, b) => a - b), 0.95);
      figures[`frame.${view}.p95Ms`] = p95;
      figures[`frame.${view}.fps`] = frames.length / 4;
      rows.push({
        figure: `frame while playing, ${view} view (p95 of ${frames.length} frames, ${(frames.length / 4).toFixed(0)} per s)`,
        value: `${p95.toFixed(1)} ms`, target: '< 16.7 ms', met: p95 < 16.7,
      });
    }
    const sweeps = await benchBrowserSweep(browser, base);
    rows.push(...sweeps.rows);
    Object.assign(figures, sweeps.figures);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    rmSync(outDir, { recursive: true, force: true });
  }
  return { rows, figures };
}
