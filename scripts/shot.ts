/**
 * Development aid: screenshot a page of the built app in Chromium.
 *   npx tsx scripts/shot.ts URL out.png [width] [height] [--dark]
 */
import { launch } from '../test/e2e/browser.ts';

const [url, out, w = '1440', h = '900', ...flags] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: tsx scripts/shot.ts URL out.png [width] [height] [--dark]');
  process.exit(2);
}
const browser = await launch();
const page = await browser.newPage({
  viewport: { width: Number(w), height: Number(h) },
  colorScheme: flags.includes('--dark') ? 'dark' : 'light',
});
const errors: string[] = [];
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
page.on('pageerror', (e) => errors.push(e.message));
await page.goto(url);
await page.waitForTimeout(Number(process.env.SHOT_WAIT_MS ?? 800));
await page.screenshot({ path: out, fullPage: flags.includes('--full') });
await browser.close();
if (errors.length) console.error(`console errors:\n${errors.join('\n')}`);
console.log(out);
