/**
 * Simulation speed and Trace size, in Node: the largest supported scenario, a 1 TiB one,
 * and 1 GiB ones, in one process so the ratios compare like with like.
 */
import { run } from '../../src/sim/engine/run.ts';
import { validateScenarioValue } from '../../src/sim/scenario/parse.ts';
import { MAX_DEVICES, MAX_RAM_GIB } from '../../src/sim/scenario/schema.ts';
import { quantile, type Row, timeInterleaved } from './stats.ts';

function scenario(value: unknown) {
  const r = validateScenarioValue(value);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.scenario;
}

/** One container per GPU, 6 BARs each, every decode toggle and PAM write the schema allows. */
const MOST_VFIO_WORK = {
  devices: { count: MAX_DEVICES, sharedContainer: false, barMiB: [16, 256, 32, 1, 1, 1] },
  firmware: { pamWrites: 64, barDecodeToggles: 16 },
};
export const VFIO_LABEL = `most VFIO work: ${MAX_DEVICES} containers × ${MAX_DEVICES} GPUs × 6 BARs, 16 decode toggles, 64 PAM writes`;

const CASES = [
  { id: 'max', label: `${MAX_RAM_GIB / 1024} TiB, ${MAX_DEVICES} GPUs, 4 KiB, nothing optimized`, value: { guest: { ramGiB: MAX_RAM_GIB }, devices: { count: MAX_DEVICES } } },
  { id: '1tib', label: '1 TiB, 8 GPUs, 4 KiB, nothing optimized', value: { guest: { ramGiB: 1024 }, devices: { count: 8 } } },
  { id: '1gib-8', label: '1 GiB, 8 GPUs, 4 KiB, nothing optimized', value: { guest: { ramGiB: 1 }, devices: { count: 8 } } },
  { id: '1gib', label: '1 GiB, 4 GPUs (talk defaults otherwise)', value: { guest: { ramGiB: 1 } } },
  { id: 'talk', label: 'talk baseline, 256 GiB, 4 GPUs', value: {} },
  // The hardening issue's "never a run longer than 100 ms": the most VFIO work the schema allows.
  { id: 'vfio', label: VFIO_LABEL, value: MOST_VFIO_WORK, targetMs: 100 },
] as const;

export interface SimBench {
  readonly rows: Row[];
  readonly figures: Record<string, number>;
}

export function benchSim(): SimBench {
  const figures: Record<string, number> = {};
  const rows: Row[] = [];
  const scenarios = CASES.map((c) => scenario(c.value));
  const timings = timeInterleaved(scenarios.map((s) => () => run(s)));
  for (const [i, c] of CASES.entries()) {
    const s = scenarios[i];
    if (!s) continue;
    const median = quantile(timings[i] ?? [], 0.5);
    const bytes = JSON.stringify(run(s)).length;
    figures[`${c.id}.medianMs`] = median;
    figures[`${c.id}.traceKB`] = bytes / 1024;
    const targetMs = 'targetMs' in c ? c.targetMs : 5;
    rows.push({ figure: `run median: ${c.label}`, value: `${median.toFixed(2)} ms`, target: `< ${targetMs} ms`, met: median < targetMs });
    const sizeTarget = c.id !== 'vfio';
    rows.push({ figure: `Trace JSON: ${c.label}`, value: `${(bytes / 1024).toFixed(1)} KB`, target: sizeTarget ? '< 256 KB' : '', met: sizeTarget ? bytes < 256 * 1024 : undefined });
  }
  const ratio = (figures['1tib.medianMs'] ?? NaN) / (figures['1gib-8.medianMs'] ?? NaN);
  const ratioMax = (figures['max.medianMs'] ?? NaN) / (figures['1gib-8.medianMs'] ?? NaN);
  figures.scaling1TiB = ratio;
  rows.push({ figure: 'run time 1 TiB / 1 GiB (8 GPUs both)', value: `${ratio.toFixed(2)}x`, target: '<= 1.5x', met: ratio <= 1.5 });
  rows.push({ figure: `run time ${MAX_RAM_GIB / 1024} TiB / 1 GiB (16 / 8 GPUs)`, value: `${ratioMax.toFixed(2)}x`, target: '', met: undefined });
  return { rows, figures };
}
