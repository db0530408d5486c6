/**
 * From the IOVA view to the timeline and back: the span that caused a region's latest
 * change (to select it), and the regions a selected span touched (to highlight them).
 */
import type { Span, Trace } from '../../sim/trace/types.ts';
import type { IovaIndex, RegionInfo } from './iova-index.ts';
import { coveringSpan } from './iova-index.ts';

function laneSpans(trace: Trace, lane: string): Span[] {
  return trace.spans.filter((s) => s.lane === lane).sort((a, b) => a.startUs - b.startUs);
}

/** The DMA-map span (QEMU main or vCPU 0) whose time covers the region's latest change at or before t. */
export function spanForRegion(trace: Trace, info: RegionInfo, t: number): Span | undefined {
  const past = info.events.filter((e) => e.t <= t);
  const e = past[past.length - 1] ?? info.events[0];
  if (!e) return undefined;
  return coveringSpan(laneSpans(trace, e.lane), e.t) ?? coveringSpan(laneSpans(trace, e.lane), e.t, ['kvm-memslots', 'firmware']);
}

/** Regions whose VFIO events a span holds; a PAM or BAR memslot span stands for its whole firmware write. */
export function regionIdsForSpan(ix: IovaIndex, trace: Trace, span: Span | undefined): ReadonlySet<number> {
  const out = new Set<number>();
  if (!span) return out;
  let from = span.startUs;
  let to = span.endUs;
  let lane = span.lane;
  if (/^pin\d+$/.test(lane)) lane = 'qemu-main';
  if (span.phase === 'kvm-memslots' && span.lane === 'vcpu0') {
    // The memslot rebuild follows the VFIO work of the same PAM write or BAR decode.
    const cause = trace.events.filter((e) => (e.type === 'pam.write' || e.type === 'bar.decode') && e.t <= span.startUs).pop();
    if (!cause) return out;
    from = cause.t;
    to = span.startUs;
  } else if (span.phase !== 'dma-map' && span.phase !== 'bar-map') {
    return out;
  }
  for (const r of ix.regions) {
    if (r.events.some((e) => e.lane === lane && e.t >= from && e.t <= to)) out.add(r.region.id);
  }
  return out;
}
