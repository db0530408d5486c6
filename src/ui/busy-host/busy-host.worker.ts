/**
 * Runs a busy host off the page: VMs one after another (each a run of the engine, reused
 * when its pre-zeroed share repeats), posting progress every few VMs. Cancelling is the
 * page terminating the worker.
 */
import { busyHostSteps, checkBusyHost } from '../../sim/analysis/busy-host.ts';
import type { BusyHostJob, BusyHostReply } from './busy-host-protocol.ts';

function reply(m: BusyHostReply): void {
  postMessage(m);
}

addEventListener('message', (e: MessageEvent<BusyHostJob>) => {
  const job = e.data;
  if (job.type !== 'busy.run') return;
  const t0 = performance.now();
  const check = checkBusyHost(job.params);
  if (!check.ok) {
    reply({ type: 'busy.problems', id: job.id, problems: check.problems });
    return;
  }
  const steps = busyHostSteps(check, job.params, 5);
  for (;;) {
    const next = steps.next();
    if (next.done) {
      reply({ type: 'busy.result', id: job.id, result: next.value, ms: performance.now() - t0 });
      return;
    }
    reply({ type: 'busy.progress', id: job.id, done: next.value.done, total: next.value.total });
  }
});
