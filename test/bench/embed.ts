/**
 * The embed's figures in headless Chromium against the built app: the initial JS of
 * embed.html (its entry and the modules it preloads; lazy chunks excluded), what a lesson
 * embed fetches on top, and the time from navigation to the first frame with a run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from '../e2e/browser.ts';
import { quantile, type Row } from './stats.ts';

export interface EmbedBench {
  readonly rows: Row[];
  readonly figures: Record<string, number>;
}

/** docs: the embed's first load should stay light enough for a docs page with several of them. */
const INITIAL_JS_TARGET_KB = 80;

const gzKB = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length / 1024;

/** The JS files an HTML page loads before anything runs: its module script and modulepreloads. */
function initialScripts(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
}

export async function benchEmbed(): Promise<EmbedBench> {
  const rows: Row[] = [];
  const figures: Record<string, number> = {};
  const outDir = mkdtempSync(join(tmpdir(), 'bootline-bench-embed-'));
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--outDir', outDir], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');

  const initial = initialScripts(readFileSync(join(outDir, 'embed.html'), 'utf8'));
  const initialKB = initial.reduce((a, f) => a + gzKB(join(outDir, f)), 0);
  figures.embedInitialJsKB = initialKB;
  rows.push({
    figure: `embed.html initial JS (gzip, ${initial.length} files, lazy chunks excluded)`,
    value: `${initialKB.toFixed(1)} KB`, target: `< ${INITIAL_JS_TARGET_KB} KB`, met: initialKB < INITIAL_JS_TARGET_KB,
  });

  const port = 4800 + Math.floor(Math.random() * 400);
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
    const cases = [
      { id: 'plain', label: 'default scenario, phases', query: '?view=phases&readonly' },
      { id: 'lesson', label: 'lesson 4 step 2, memory view', query: '?lesson=04-prezero&step=2&view=memory&readonly' },
    ];
    for (const c of cases) {
      // Time to first frame: navigation start to the first frame with a run on screen.
      const firsts: number[] = [];
      const lazy = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
        page.on('request', (r) => {
          const name = new URL(r.url()).pathname.replace(/^\//, '');
          if (name.endsWith('.js') && !initial.includes(name)) lazy.add(name);
        });
        await page.goto(`${base}embed.html${c.query}`);
        await page.waitForFunction(() => performance.getEntriesByName('bootline:first-frame').length > 0);
        firsts.push(await page.evaluate(() => performance.getEntriesByName('bootline:first-frame')[0]?.startTime ?? NaN));
        await page.close();
      }
      const first = quantile([...firsts].sort((a, b) => a - b), 0.5);
      figures[`embed.${c.id}.firstFrameMs`] = first;
      rows.push({ figure: `embed first frame with the run, ${c.label} (median of 5)`, value: `${first.toFixed(0)} ms`, target: '', met: undefined });
      const lazyKB = [...lazy].reduce((a, f) => a + gzKB(join(outDir, f)), 0);
      figures[`embed.${c.id}.lazyJsKB`] = lazyKB;
      rows.push({ figure: `embed ${c.label}: JS fetched after the initial (gzip, ${lazy.size} files)`, value: `${lazyKB.toFixed(1)} KB`, target: '', met: undefined });
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    rmSync(outDir, { recursive: true, force: true });
  }
  return { rows, figures };
}
