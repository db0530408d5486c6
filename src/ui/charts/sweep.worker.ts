/**
 * A sweep worker: plans the spec, runs its share of the points a chunk at a time and posts
 * each chunk's rows. Only share 0 reports the plan or its problems (every share plans the
 * same). Cancelling is the page terminating the worker, which stops it mid-run at once.
 */
import { planSweep, sweepChunks } from '../../sim/analysis/sweep.ts';
import { isMine, type SweepJob, type SweepReply } from './sweep-protocol.ts';

function reply(m: SweepReply): void {
  postMessage(m);
}

addEventListener('message', (e: MessageEvent<SweepJob>) => {
  const job = e.data;
  if (job.type !== 'sweep.run') return;
  const t0 = performance.now();
  const planned = planSweep(job.spec);
  if (!planned.ok) {
    if (job.share === 0) reply({ type: 'sweep.problems', id: job.id, problems: planned.problems });
    reply({ type: 'sweep.done', id: job.id, share: job.share, runs: 0, ms: performance.now() - t0 });
    return;
  }
  const plan = planned.plan;
  if (job.share === 0) {
    const { field, xs, series, phases, warnings } = plan;
    reply({ type: 'sweep.plan', id: job.id, meta: { field, xs, series, phases, warnings, total: plan.points.length } });
  }
  const mine = { ...plan, points: plan.points.filter((_, i) => isMine(i, job.share, job.of)) };
  let runs = 0;
  for (const chunk of sweepChunks(mine, job.chunkSize)) {
    runs += chunk.rows.length;
    reply({ type: 'sweep.rows', id: job.id, share: job.share, rows: chunk.rows });
  }
  reply({ type: 'sweep.done', id: job.id, share: job.share, runs, ms: performance.now() - t0 });
});
