/**
 * The one table `npm run bench` ends with: every figure the project set a target for (and the
 * sizes and load times it only reports), each read from this run's detail figures, with its
 * target and whether it is met. A figure the run did not produce shows as not measured and
 * counts as missed, so a renamed figure cannot pass silently.
 */
import { MAX_DEVICES, MAX_RAM_GIB } from '../../src/sim/scenario/schema.ts';
import { KEY_TARGET_MS } from './browser.ts';
import { VFIO_LABEL } from './sim.ts';
import type { Row } from './stats.ts';

export interface Figures {
  readonly sim: Record<string, number>;
  readonly sweep: Record<string, number>;
  readonly browser: Record<string, number>;
  readonly embed: Record<string, number>;
}

type Check = (v: number) => boolean;

function row(figure: string, v: number | undefined, format: (v: number) => string, target = '', check?: Check): Row {
  if (v === undefined || !Number.isFinite(v)) return { figure, value: 'not measured', target, met: check ? false : undefined };
  return { figure, value: format(v), target, met: check ? check(v) : undefined };
}

const ms = (d: number) => (v: number) => `${v.toFixed(d)} ms`;
const kb = (v: number) => `${v.toFixed(1)} KB`;
const perS = (v: number) => `${Math.round(v).toLocaleString('en-US')} /s`;

/** The extreme of every figure whose key ends in `suffix`, or undefined when there is none. */
function extreme(figs: Record<string, number>, suffix: string, pick: (...v: number[]) => number): number | undefined {
  const values = Object.entries(figs).filter(([k]) => k.endsWith(suffix)).map(([, v]) => v);
  return values.length > 0 ? pick(...values) : undefined;
}

export function summaryRows(f: Figures, soak: readonly Row[]): Row[] {
  const views = Object.keys(f.browser).filter((k) => /^frame\..+\.p95Ms$/.test(k)).map((k) => k.slice('frame.'.length, -'.p95Ms'.length));
  const pool = Object.keys(f.browser).map((k) => /^sweep\.workers(\d+)\.scenariosPerS$/.exec(k)?.[1]).filter((x) => x !== undefined).map(Number);
  const poolSize = pool.length > 0 ? Math.max(...pool) : undefined;
  return [
    row(`simulation: largest scenario (${MAX_RAM_GIB / 1024} TiB, ${MAX_DEVICES} GPUs), median run in Node`, f.sim['max.medianMs'], ms(2), '< 5 ms', (v) => v < 5),
    row('simulation: run time 1 TiB / 1 GiB (8 GPUs both)', f.sim.scaling1TiB, (v) => `${v.toFixed(2)}x`, '< 1.5x', (v) => v < 1.5),
    row(`simulation: ${VFIO_LABEL}, median run in Node`, f.sim['vfio.medianMs'], ms(1), '< 100 ms', (v) => v < 100),
    row('Trace JSON, largest of the benchmark scenarios (RAM and GPUs)', extreme(Object.fromEntries(Object.entries(f.sim).filter(([k]) => !k.startsWith('vfio.'))), '.traceKB', Math.max), kb, '< 256 KB', (v) => v < 256),
    row('Trace JSON, most VFIO work (bounded by the detail window)', f.sim['vfio.traceKB'], kb),
    row('keystroke in the editor to the run redrawn, p95 (the 150 ms typing debounce + 50 ms of work)', f.browser.keystrokeP95Ms, ms(0), `< ${KEY_TARGET_MS} ms`, (v) => v < KEY_TARGET_MS),
    ...views.map((view) => row(`frame while playing, ${view} view, p95`, f.browser[`frame.${view}.p95Ms`], ms(1), '< 16.7 ms', (v) => v < 16.7)),
    row('playground initial JS (gzip)', f.browser.entryKB, kb, '< 120 KB', (v) => v < 120),
    row('all JS (gzip)', f.browser.totalJsKB, kb),
    row('Monaco chunk on the page (gzip)', f.browser.monacoKB, kb),
    row('embed initial JS (gzip)', f.embed.embedInitialJsKB, kb, '< 80 KB', (v) => v < 80),
    row('first frame with the run: playground (median)', f.browser.firstFrameMs, ms(0), '< 1000 ms', (v) => v < 1000),
    row('first frame with the run: embed, default scenario (median)', f.embed['embed.plain.firstFrameMs'], ms(0)),
    row('first frame with the run: embed, lesson step (median)', f.embed['embed.lesson.firstFrameMs'], ms(0)),
    row('sweep in Node, one thread, slowest case', extreme(f.sweep, '.scenariosPerS', Math.min), perS, '>= 1,000 /s', (v) => v >= 1000),
    ...(f.sweep['point.leanMs'] !== undefined ? [row('sweep point: lean run, median', f.sweep['point.leanMs'], ms(3), '< 1 ms', (v) => v < 1)] : []),
    row('sweep in the browser, 1 worker, warm', f.browser['sweep.workers1.scenariosPerS'], perS),
    row(`sweep in the browser, ${poolSize ?? '?'} workers (the pool), warm`, poolSize === undefined ? undefined : f.browser[`sweep.workers${poolSize}.scenariosPerS`], perS, '>= 1,000 /s', (v) => v >= 1000),
    ...soak,
  ];
}
