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
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.json': 'application/json', '.ttf': 'font/ttf',
};

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  const dist = inject('distDir');
  server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
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
});
