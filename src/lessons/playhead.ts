/**
 * Playhead targets a step may name: "vcpu-start", "dma-map" (start of its first occurrence),
 * "dma-map:end" (end of its last), or a time from QEMU start ("12.5 s", "800 ms").
 */
import { phaseOccurrences } from '../sim/analysis/phases.ts';
import { PHASES, type Phase } from '../sim/trace/phases.ts';
import type { Trace } from '../sim/trace/types.ts';
import { msToMicrosRounded, sToMicrosRounded, type Micros } from '../sim/time.ts';
import { MARKER_NAMES, type MarkerName, type PlayheadTarget } from './types.ts';

const isMarker = (s: string): s is MarkerName => MARKER_NAMES.some((m) => m === s);
const isPhase = (s: string): s is Phase => PHASES.some((p) => p === s);

export type PlayheadParse = { readonly ok: true; readonly target: PlayheadTarget } | { readonly ok: false; readonly message: string };

export function parsePlayhead(text: string): PlayheadParse {
  const t = text.trim();
  if (isMarker(t)) return { ok: true, target: { kind: 'marker', marker: t } };
  const phase = /^([a-z-]+?)(:end)?$/.exec(t);
  if (phase?.[1] && isPhase(phase[1])) return { ok: true, target: { kind: 'phase', phase: phase[1], edge: phase[2] ? 'end' : 'start' } };
  const time = /^(\d+(?:\.\d+)?)\s*(s|ms)$/.exec(t);
  if (time?.[1] && time[2]) {
    const n = Number(time[1]);
    return { ok: true, target: { kind: 'time', us: time[2] === 's' ? sToMicrosRounded(n) : msToMicrosRounded(n) } };
  }
  return {
    ok: false,
    message: `must be a marker (${MARKER_NAMES.join(', ')}), a phase name with an optional ":end" (dma-map, dma-map:end), or a time with its unit ("12.5 s", "800 ms"), not "${t}"`,
  };
}

/**
 * The time a target means in one run; undefined when the run has no such phase (a CPU VM has
 * no dma-map), so the page can leave the playhead where it is. Times past the end clamp to it.
 */
export function resolvePlayhead(target: PlayheadTarget, trace: Trace): Micros | undefined {
  const m = trace.markers;
  switch (target.kind) {
    case 'marker':
      return target.marker === 'qemu-start' ? m.qemuStartUs : target.marker === 'vcpu-start' ? m.vcpuStartUs : m.firstKernelLogUs;
    case 'time':
      return Math.min(target.us, m.firstKernelLogUs);
    case 'phase': {
      const occ = phaseOccurrences(trace).filter((o) => o.name === target.phase);
      if (occ.length === 0) return undefined;
      return target.edge === 'start' ? Math.min(...occ.map((o) => o.startUs)) : Math.max(...occ.map((o) => o.endUs));
    }
  }
}
