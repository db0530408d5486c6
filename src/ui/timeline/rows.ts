/**
 * Which rows the timeline draws: the Trace's lanes in group order, with long runs of
 * identical helper threads (pin threads, touch_pages threads) folded into one row.
 */
import type { Lane, LaneGroup, Span, Trace } from '../../sim/trace/types.ts';

export interface Row {
  readonly id: string;
  readonly label: string;
  readonly group: LaneGroup;
  /** Lanes whose spans this row draws (one, or the first of a folded run). */
  readonly lanes: readonly string[];
  readonly note?: string;
}

const GROUP_ORDER: readonly LaneGroup[] = ['management', 'qemu', 'kernel', 'device', 'guest'];
/** Helper threads shown one by one before folding the rest. */
export const THREADS_SHOWN = 3;

export function buildRows(lanes: readonly Lane[]): Row[] {
  const rows: Row[] = [];
  const folded = new Map<string, { count: number; row: number }>();
  const sorted = [...lanes].sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));
  for (const lane of sorted) {
    const m = /^(pin|prealloc)(\d+)$/.exec(lane.id);
    if (m && Number(m[2]) >= THREADS_SHOWN) {
      const kind = m[1] ?? '';
      const f = folded.get(kind);
      if (f) {
        f.count++;
        const prev = rows[f.row];
        if (prev) rows[f.row] = { ...prev, label: `+${f.count} more threads`, note: 'the same work as the threads above' };
      } else {
        folded.set(kind, { count: 1, row: rows.length });
        rows.push({ id: `${kind}-more`, label: '+1 more thread', group: lane.group, lanes: [lane.id], note: 'the same work as the threads above' });
      }
      continue;
    }
    rows.push({ id: lane.id, label: lane.label, group: lane.group, lanes: [lane.id] });
  }
  return rows;
}

export function spansByLane(trace: Trace): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const s of trace.spans) {
    const list = out.get(s.lane) ?? [];
    list.push(s);
    out.set(s.lane, list);
  }
  return out;
}

/** The span on a lane under time t (the latest that started), if any. */
export function spanAt(spans: readonly Span[] | undefined, t: number): Span | undefined {
  let hit: Span | undefined;
  for (const s of spans ?? []) {
    if (s.startUs <= t && t < s.endUs && s.kind !== 'parked' && s.kind !== 'waiting') hit = s;
  }
  return hit;
}
