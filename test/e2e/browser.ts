/**
 * Debian's Chromium driven by playwright-core. Chromium gets a throwaway home so it never
 * writes into the real one. A missing browser fails the test; it never skips.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

/** `args`: more Chromium switches, e.g. the soak's V8 flags (test/soak/soak.ts). */
export async function launch(args: readonly string[] = []): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const home = mkdtempSync(join(tmpdir(), 'bootline-chromium-'));
  return chromium.launch({
    executablePath,
    args: ['--disable-gpu', '--disable-quic', ...args],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home, TMPDIR: home },
  });
}

/** Collects console errors and uncaught page errors, which every page test asserts are absent. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}
