/**
 * Lanes for the compare view. Two runs stacked on one axis need few, matching rows: lanes
 * that carry no pipeline work (libvirt waiting for QMP, vCPUs parked until the kernel) are
 * left out, the per-device reset lanes fold into one row, and both runs get the union of
 * lanes so the same row sits at the same height in A and in B. Spans keep their ids, times
 * and dependencies; only their lane changes, so the critical path is the same.
 */
import type { Lane, Span, Trace } from '../../sim/trace/types.ts';

export const FOLDED_DEVICES = 'devices';

/** A lane stays when something on it is a pipeline phase, guest activity or background work. */
function carriesWork(spans: readonly Span[]): boolean {
  return spans.some((s) => s.phase !== undefined || s.kind === 'guest' || s.kind === 'background');
}

/** "reset · gpu0" … "reset · gpu3" → "reset · gpu0–3"; anything else → "4 devices". */
export function foldedLabel(lanes: readonly Lane[]): string {
  const parts = lanes.map((l) => /^(.*?)(\d+)$/.exec(l.label));
  const prefix = parts[0]?.[1];
  const first = parts[0]?.[2];
  const last = parts.at(-1)?.[2];
  if (prefix !== undefined && first !== undefined && last !== undefined && parts.every((p) => p?.[1] === prefix)) {
    return `${prefix}${first}–${last}`;
  }
  return `${lanes.length} devices`;
}

/** One run's lanes for compare: idle lanes out, device lanes folded. */
export function compactTrace(trace: Trace): Trace {
  const byLane = new Map<string, Span[]>();
  for (const s of trace.spans) byLane.set(s.lane, [...(byLane.get(s.lane) ?? []), s]);
  const kept = trace.lanes.filter((l) => carriesWork(byLane.get(l.id) ?? []));
  const devices = kept.filter((l) => l.group === 'device');
  if (devices.length < 2) return { ...trace, lanes: kept };
  const folded = new Set(devices.map((l) => l.id));
  const lanes: Lane[] = [];
  for (const l of kept) {
    if (!folded.has(l.id)) lanes.push(l);
    else if (l.id === devices[0]?.id) lanes.push({ id: FOLDED_DEVICES, label: foldedLabel(devices), group: 'device' });
  }
  const spans = trace.spans.map((s) => (folded.has(s.lane) ? { ...s, lane: FOLDED_DEVICES } : s));
  return { ...trace, lanes, spans };
}

/** Gives each run the lanes of the other that it lacks (empty), so rows line up. */
export function alignLanes(a: Trace, b: Trace): readonly [Trace, Trace] {
  const union: Lane[] = [...a.lanes];
  const seen = new Set(a.lanes.map((l) => l.id));
  for (const l of b.lanes) {
    if (seen.has(l.id)) continue;
    // Insert after the last lane of the same group, so a group's lanes stay together in order.
    let at = union.length;
    union.forEach((u, i) => {
      if (u.group === l.group) at = i + 1;
    });
    union.splice(at, 0, l);
    seen.add(l.id);
  }
  return [{ ...a, lanes: union }, { ...b, lanes: union }];
}

/** Both runs as the compare view draws them: compact (unless all lanes are asked for) and aligned. */
export function compareTraces(a: Trace, b: Trace, allLanes: boolean): readonly [Trace, Trace] {
  return allLanes ? alignLanes(a, b) : alignLanes(compactTrace(a), compactTrace(b));
}
