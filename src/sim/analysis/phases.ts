/**
 * Phase occurrences: wall-clock intervals of the pipeline. Work of one phase on several
 * threads at once (parallel resets, pin threads) is one occurrence from its first start
 * to its last end; the threads themselves stay in the Trace's lanes.
 */
import { PHASES, type Phase, zeroByPhase } from '../trace/phases.ts';
import type { Span, Trace } from '../trace/types.ts';
import type { Micros } from '../time.ts';

export interface PhaseOccurrence {
  readonly name: Phase;
  readonly lane: string;
  readonly startUs: Micros;
  readonly endUs: Micros;
}

function counts(span: Span): boolean {
  return span.phase !== undefined && span.endUs > span.startUs && (span.kind === 'phase' || span.kind === 'work' || span.kind === 'blocked');
}

export function phaseOccurrences(trace: Pick<Trace, 'spans'>): PhaseOccurrence[] {
  const out: PhaseOccurrence[] = [];
  for (const name of PHASES) {
    const spans = trace.spans.filter((s) => s.phase === name && counts(s)).sort((a, b) => a.startUs - b.startUs || a.id - b.id);
    let cur: { lane: string; owner: boolean; startUs: Micros; endUs: Micros } | undefined;
    for (const s of spans) {
      const owner = s.kind === 'phase';
      if (cur && s.startUs < cur.endUs) {
        cur.endUs = Math.max(cur.endUs, s.endUs);
        // The occurrence belongs to the pipeline thread when one took part.
        if (owner && !cur.owner) {
          cur.lane = s.lane;
          cur.owner = true;
        }
      } else {
        if (cur) out.push({ name, lane: cur.lane, startUs: cur.startUs, endUs: cur.endUs });
        cur = { lane: s.lane, owner, startUs: s.startUs, endUs: s.endUs };
      }
    }
    if (cur) out.push({ name, lane: cur.lane, startUs: cur.startUs, endUs: cur.endUs });
  }
  return out.sort((a, b) => a.startUs - b.startUs || PHASES.indexOf(a.name) - PHASES.indexOf(b.name));
}

/** Wall time per phase: the sum of its occurrences (phases on different threads may overlap). */
export function phaseTotalsUs(trace: Pick<Trace, 'spans'>): Record<Phase, Micros> {
  const totals = zeroByPhase();
  for (const o of phaseOccurrences(trace)) totals[o.name] += o.endUs - o.startUs;
  return totals;
}
