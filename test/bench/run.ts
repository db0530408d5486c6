/**
 * `npm run bench`: every speed, size and memory figure with its target, measured in one run.
 * The detail tables come first; the run ends with one summary table (figure, measured,
 * target, met) and the machine's load average at start and end, so a reader can judge the
 * noise. The summary goes to .bench/results.json and, as markdown, .bench/results.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { launch } from '../e2e/browser.ts';
import { benchSim } from './sim.ts';
import { benchSweep } from './sweep.ts';
import { benchBrowser, serveBuild } from './browser.ts';
import { benchEmbed } from './embed.ts';
import { benchSoak, SOAK } from './soak.ts';
import { SOAK_BROWSER_ARGS } from '../soak/soak.ts';
import { summaryRows } from './summary.ts';
import { markdownTable, printTable } from './stats.ts';

const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');
const startedAt = new Date();
const loadAtStart = load();
const machine = `Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`;
console.log(`Bootline benchmarks · ${machine} · load average (1/5/15 min) ${loadAtStart}`);

const sim = benchSim();
printTable('Simulation (Node, median of 150 interleaved rounds after 30 warm-up rounds)', sim.rows);
const sweep = benchSweep();
printTable('Sweeps (Node, one thread, scenarios per second: validation and run of every point, median of repeated sweeps)', sweep.rows);

const app = await serveBuild();
let browserBench: Awaited<ReturnType<typeof benchBrowser>>;
let soak: Awaited<ReturnType<typeof benchSoak>>;
try {
  const browser = await launch();
  try {
    browserBench = await benchBrowser(browser, app);
  } finally {
    await browser.close();
  }
  printTable('Browser (headless Chromium, built app)', browserBench.rows);
  // The soak's own browser: V8 without its JIT (SOAK_BROWSER_ARGS), so only the page's data counts.
  const soakBrowser = await launch(SOAK_BROWSER_ARGS);
  try {
    console.log(`\nSoak: ${SOAK.warmup} + ${SOAK.iterations} iterations of a lesson step and a playground scenario, each played…`);
    soak = await benchSoak(soakBrowser, app.base);
  } finally {
    await soakBrowser.close();
  }
  printTable('Soak (headless Chromium, one page)', soak.rows);
} finally {
  app.stop();
}
const embed = await benchEmbed();
printTable('Embed (headless Chromium, built embed.html)', embed.rows);

const loadAtEnd = load();
const summary = summaryRows({ sim: sim.figures, sweep: sweep.figures, browser: browserBench.figures, embed: embed.figures }, soak.rows);
const misses = summary.filter((r) => r.met === false);
const verdict = misses.length === 0 ? 'Every target met.' : `${misses.length} target(s) missed.`;
printTable('Summary', summary);
console.log(`\nLoad average (1/5/15 min): ${loadAtStart} at start, ${loadAtEnd} at end (${cpus().length} cores).`);
console.log(verdict);

mkdirSync('.bench', { recursive: true });
const results = {
  startedAt: startedAt.toISOString(), machine, cores: cpus().length, loadAverage: { start: loadAtStart, end: loadAtEnd },
  summary, figures: { sim: sim.figures, sweep: sweep.figures, browser: browserBench.figures, embed: embed.figures, soak: soak.figures },
};
writeFileSync('.bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
writeFileSync('.bench/results.md', [
  `Measured by \`npm run bench\` on ${startedAt.toISOString().slice(0, 10)} (${machine}; load average ${loadAtStart} at start, ${loadAtEnd} at end).`,
  '',
  markdownTable(summary),
  '',
  verdict,
  '',
].join('\n'));
