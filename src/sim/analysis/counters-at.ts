/**
 * The counters as they stand at a moment of the run: each span's increments spread evenly
 * over the span (a span's counts happen while it runs), so views can count up with the
 * playhead and end exactly at the Trace's totals.
 */
import type { Micros } from '../time.ts';
import { byCounter, COUNTER_NAMES, type Counters, type Trace } from '../trace/types.ts';

export function countersAt(trace: Trace, t: Micros): Counters {
  const out = byCounter(() => 0);
  for (const span of trace.spans) {
    if (span.startUs > t) continue;
    const len = span.endUs - span.startUs;
    const f = len <= 0 || t >= span.endUs ? 1 : (t - span.startUs) / len;
    for (const k of COUNTER_NAMES) {
      const v = span.counts[k];
      if (v) out[k] += f === 1 ? v : Math.floor(v * f);
    }
  }
  return out;
}
