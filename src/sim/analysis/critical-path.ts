/**
 * The critical path: the chain of spans that decided when the first kernel log line came.
 * Walk back from the last span of the pipeline, each time to the dependency that ended
 * last. Each span is credited only with the time it added to the chain, so the credits
 * (plus any idle gaps) add up to the VM creation time.
 */
import { type Phase, zeroByPhase } from '../trace/phases.ts';
import type { Span, Trace } from '../trace/types.ts';
import type { Micros } from '../time.ts';

export interface CriticalStep {
  readonly span: Span;
  /** Time this span added to the chain: from its dependency's end (or its start) to its end. */
  readonly creditUs: Micros;
}

export function criticalPath(trace: Trace): CriticalStep[] {
  const end = trace.markers.firstKernelLogUs;
  const byId = new Map(trace.spans.map((s) => [s.id, s]));
  const candidates = trace.spans.filter((s) => s.kind === 'phase' && s.endUs === end);
  let cur: Span | undefined = candidates[candidates.length - 1];
  const chain: Span[] = [];
  const seen = new Set<number>();
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    chain.push(cur);
    let best: Span | undefined;
    for (const id of cur.deps) {
      const d = byId.get(id);
      if (d && d.endUs <= cur.endUs && (!best || d.endUs > best.endUs)) best = d;
    }
    cur = best;
  }
  chain.reverse();
  return chain.map((span, i) => {
    const prev = chain[i - 1];
    const from = prev ? Math.max(span.startUs, Math.min(prev.endUs, span.endUs)) : span.startUs;
    return { span, creditUs: span.endUs - from };
  });
}

/** Time each phase adds to the critical path; spans without a phase count as "other". */
export function criticalTimeByPhaseUs(trace: Trace): Record<Phase | 'other', Micros> {
  const out: Record<Phase | 'other', Micros> = { ...zeroByPhase(), other: 0 };
  for (const step of criticalPath(trace)) out[step.span.phase ?? 'other'] += step.creditUs;
  return out;
}
