/**
 * Sweep throughput in Node, single thread: scenarios per second through the same path a
 * page's Web Worker takes (planSweep validates every point, sweepChunks runs them), and the
 * cost of one point: the lean run a sweep makes against the full run the playground makes.
 */
import { run, runSummary } from '../../src/sim/engine/run.ts';
import { planSweep, type SweepPlan, sweepChunks } from '../../src/sim/analysis/sweep.ts';
import { parseAxis } from '../../src/sim/analysis/sweep-axis.ts';
import { talkLadderSpec, talkRamSpec } from '../../src/sim/analysis/sweep-figures.ts';
import type { SweepSpec } from '../../src/sim/analysis/sweep.ts';
import { quantile, type Row, timeInterleaved } from './stats.ts';

const TARGET_PER_S = 1_000;
const TARGET_POINT_MS = 1;

function axis(spec: string) {
  const a = parseAxis(spec);
  if (!a.ok) throw new Error(a.problem.message);
  return a.axis;
}

const CASES: readonly { id: string; label: string; spec: SweepSpec }[] = [
  { id: 'ram-1gpu', label: 'talk figure: RAM 8–256 GiB, 1 GPU, baseline + all fixes (18 runs)', spec: talkRamSpec(1) },
  { id: 'ram-4gpu', label: 'talk figure: RAM 8–256 GiB, 4 GPUs, baseline + all fixes (18 runs)', spec: talkRamSpec(4) },
  { id: 'ladder', label: 'talk figure: 48 GiB, fixes added one by one (8 runs)', spec: talkLadderSpec(48) },
  {
    id: 'ram-1-256',
    label: 'guest.ramGiB=1..256 × devices.count=1,4 (512 runs)',
    spec: { series: [{ name: 'base', scenario: {} }], x: axis('guest.ramGiB=1..256'), by: [axis('devices.count=1,4')] },
  },
];

function plan(spec: SweepSpec): SweepPlan {
  const p = planSweep(spec);
  if (!p.ok) throw new Error(p.problems.map((x) => x.message).join('; '));
  return p.plan;
}

/** Plans and runs every point once; returns the runs done. */
function drain(spec: SweepSpec): number {
  let done = 0;
  for (const chunk of sweepChunks(plan(spec))) done = chunk.done;
  return done;
}

export interface SweepBench {
  readonly rows: Row[];
  readonly figures: Record<string, number>;
}

export function benchSweep(): SweepBench {
  const rows: Row[] = [];
  const figures: Record<string, number> = {};
  // Warm-up: JIT the engine and the validation path before any timing.
  for (let i = 0; i < 3; i++) for (const c of CASES.slice(0, 3)) drain(c.spec);
  for (const c of CASES) {
    const rates: number[] = [];
    const reps = c.id === 'ram-1-256' ? 3 : 15;
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      const n = drain(c.spec);
      rates.push(n / ((performance.now() - t0) / 1_000));
    }
    const median = quantile(rates.sort((a, b) => a - b), 0.5);
    figures[`${c.id}.scenariosPerS`] = median;
    rows.push({ figure: `sweep: ${c.label}`, value: `${Math.round(median).toLocaleString('en-US')} /s`, target: `>= ${TARGET_PER_S.toLocaleString('en-US')} /s`, met: median >= TARGET_PER_S });
  }
  const big = CASES[3];
  // One point: every 16th point of the 512-run case (1 and 4 GPUs, 1-256 GiB), a lean run
  // against a full run in interleaved rounds.
  if (big) {
    const sample = plan(big.spec).points.filter((_, i) => i % 16 === 0).map((p) => p.scenario);
    const [lean = [], full = []] = timeInterleaved([() => sample.forEach((s) => runSummary(s)), () => sample.forEach((s) => run(s))], { warmup: 5, rounds: 21 });
    const leanMs = quantile(lean, 0.5) / sample.length;
    const fullMs = quantile(full, 0.5) / sample.length;
    figures['point.leanMs'] = leanMs;
    figures['point.fullMs'] = fullMs;
    rows.push({ figure: `sweep point: lean run, median over ${sample.length} points of the 512-run case`, value: `${leanMs.toFixed(3)} ms`, target: `< ${TARGET_POINT_MS} ms`, met: leanMs < TARGET_POINT_MS });
    rows.push({ figure: 'the same points as full runs (what the playground draws)', value: `${fullMs.toFixed(3)} ms`, target: '', met: undefined });
  }
  // Planning alone (validation of every point): the part a sweep pays before its first run.
  if (big) {
    const t0 = performance.now();
    const n = plan(big.spec).points.length;
    const perS = n / ((performance.now() - t0) / 1_000);
    figures['plan.pointsPerS'] = perS;
    rows.push({ figure: 'sweep planning (validation only), 512 points', value: `${Math.round(perS).toLocaleString('en-US')} /s`, target: '', met: undefined });
  }
  return { rows, figures };
}
