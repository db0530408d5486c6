/** Instants a step of the playhead lands on: span boundaries and the three markers. */
import type { Micros } from '../time.ts';
import type { Trace } from '../trace/types.ts';

export function stepStops(trace: Trace): Micros[] {
  const set = new Set<Micros>([trace.markers.qemuStartUs, trace.markers.vcpuStartUs, trace.markers.firstKernelLogUs]);
  for (const s of trace.spans) {
    if (s.kind === 'parked' || s.kind === 'waiting' || s.kind === 'background' || s.kind === 'guest') continue;
    if (s.endUs === s.startUs) continue;
    set.add(s.startUs);
    set.add(s.endUs);
  }
  return [...set].sort((a, b) => a - b);
}
