/**
 * The built folder works under any sub-path of any static server: no server code, no
 * absolute paths. Served here by a bare static file server under a deep sub-path.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, watchErrors } from './browser.ts';

const PREFIX = '/team/wiki/tools/bootline/';
/** A wiki page outside the app's folder that embeds it with the custom element. */
const WIKI_PAGE = '/team/wiki/gpu-vms.html';
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.json': 'application/json', '.ttf': 'font/ttf',
};

// The script tag is all a wiki author writes: the element finds embed.html from it.
const wikiPage = () => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script src="${PREFIX}embed/gpu-vm-playground.js" defer></script></head>
<body><h1>GPU VMs</h1><gpu-vm-playground lesson="04-prezero" step="2" view="memory" readonly></gpu-vm-playground></body></html>`;

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  const dist = inject('distDir');
  server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === WIKI_PAGE) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(wikiPage());
      return;
    }
    if (!path.startsWith(PREFIX)) {
      res.writeHead(404).end('not under the sub-path');
      return;
    }
    const rel = normalize(path.slice(PREFIX.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(dist, rel.endsWith('/') || rel === '' ? 'index.html' : rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}${PREFIX}`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('deployment under a sub-path', () => {
  it('loads the playground, its fonts and the lazy editor without a request outside the sub-path', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchErrors(page);
    const outside: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol.startsWith('http') && !u.pathname.startsWith(PREFIX)) outside.push(u.pathname);
    });
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(base);
    await page.locator('[data-measure="vmCreationMs"] .v').waitFor();
    expect(Number(await page.locator('[data-measure="vmCreationMs"] .v').textContent())).toBeGreaterThan(60);
    await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.waitForURL(/#\/compare/);
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('serves the embed page and the custom element from the sub-path, lessons and lazy view included', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    const errors = watchErrors(page);
    const outside: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol.startsWith('http') && !u.pathname.startsWith(PREFIX) && u.pathname !== WIKI_PAGE) outside.push(u.pathname);
    });
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(new URL(WIKI_PAGE, base).href);
    // The still card names the lesson from the site's lesson index, found next to the script.
    await expect.poll(() => page.locator('gpu-vm-playground .title').textContent()).toBe('Lesson 4 · Pre-zeroing free pages');
    const frame = page.frameLocator('gpu-vm-playground iframe');
    await frame.locator('[data-view="memory"] .memory').waitFor({ timeout: 30_000 });
    expect(Number(await frame.locator('[data-measure="vmCreationMs"] .v').textContent())).toBeGreaterThan(60);
    await expect.poll(() => frame.locator('a[data-edit-link]').getAttribute('href')).toContain('#/playground?z=');
    const href = await frame.locator('a[data-edit-link]').getAttribute('href');
    expect(new URL(href ?? '', base).pathname).toBe(PREFIX);
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
