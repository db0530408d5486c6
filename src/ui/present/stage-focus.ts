/**
 * What the stage's timeline shows for a step: the whole run, or, when the step puts the
 * playhead on a phase, that phase's stretch of time and only the lanes with something in it.
 * A projector has room for a few lanes at a readable size; the phase under discussion is the
 * slide's one idea (design-language.md, presenter layout).
 */
import { phaseOccurrences } from '../../sim/analysis/phases.ts';
import type { Trace } from '../../sim/trace/types.ts';
import type { PlayheadTarget } from '../../lessons/types.ts';
import type { Viewport } from '../timeline/time-scale.ts';

/** Room either side of the phase, as a share of its length, so its edges and labels show. */
const PAD = 0.06;
/** A phase shorter than this share of the run is widened to it, so a blip still reads as a span. */
const MIN_SHARE = 0.03;

export interface StageFocus {
  readonly viewport: Viewport;
  /** The trace to draw: all lanes, or those with work in the viewport. */
  readonly trace: Trace;
  /** The phase the view is narrowed to, for the caption. */
  readonly phase?: string;
}

export function stageFocus(trace: Trace, target: PlayheadTarget | undefined): StageFocus {
  const endUs = trace.markers.firstKernelLogUs;
  const whole: StageFocus = { viewport: { startUs: 0, endUs }, trace };
  if (target?.kind !== 'phase') return whole;
  const occ = phaseOccurrences(trace).filter((o) => o.name === target.phase);
  if (occ.length === 0) return whole;
  const from = Math.min(...occ.map((o) => o.startUs));
  const to = Math.max(...occ.map((o) => o.endUs));
  const width = Math.max(to - from, endUs * MIN_SHARE);
  const mid = (from + to) / 2;
  const startUs = Math.max(0, mid - (width / 2) * (1 + 2 * PAD));
  const stopUs = Math.min(endUs, mid + (width / 2) * (1 + 2 * PAD));
  const viewport = { startUs, endUs: stopUs };
  // A lane stays when a span other than an idle parked vCPU covers part of the window.
  const busy = new Set(trace.spans.filter((s) => s.kind !== 'parked' && s.endUs > startUs && s.startUs < stopUs).map((s) => s.lane));
  const lanes = trace.lanes.filter((l) => busy.has(l.id));
  return { viewport, trace: lanes.length > 0 ? { ...trace, lanes } : trace, phase: target.phase };
}
