/**
 * `npm run bench`: prints every speed and size figure with its target, measured in one run,
 * and writes them to .bench/results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchSim } from './sim.ts';
import { benchSweep } from './sweep.ts';
import { benchBrowser } from './browser.ts';
import { benchEmbed } from './embed.ts';
import { printTable } from './stats.ts';

const sim = benchSim();
console.log(`Bootline benchmarks · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`);
printTable('Simulation (Node, median of 150 interleaved rounds after 30 warm-up rounds)', sim.rows);
const sweep = benchSweep();
printTable('Sweeps (Node, one thread, scenarios per second: validation and run of every point, median of repeated sweeps)', sweep.rows);
const browser = await benchBrowser();
printTable('Browser (headless Chromium, built app)', browser.rows);
const embed = await benchEmbed();
printTable('Embed (headless Chromium, built embed.html)', embed.rows);
mkdirSync('.bench', { recursive: true });
writeFileSync('.bench/results.json', `${JSON.stringify({ sim: sim.figures, sweep: sweep.figures, browser: browser.figures, embed: embed.figures }, null, 2)}\n`);
const misses = [...sim.rows, ...sweep.rows, ...browser.rows, ...embed.rows].filter((r) => r.met === false);
console.log(misses.length === 0 ? '\nEvery target met.' : `\n${misses.length} target(s) missed.`);
