/**
 * The function cost table's rows as the view shows them: sorted by a column, indented by
 * how deep they sit under other listed functions, and the sum that makes the savings add
 * up (outermost functions plus the stacks without any listed function give the busy time).
 */
import type { FunctionRow, FunctionTable } from '../../sim/analysis/functions.ts';

export type SortKey = 'order' | 'name' | 'a' | 'b' | 'saved';
export type SortDir = 'asc' | 'desc';

export interface Sort {
  readonly key: SortKey;
  readonly dir: SortDir;
}

/** Clicking a column sorts by it, largest first for numbers; clicking again flips it. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'order' || key === 'name' ? 'asc' : 'desc' };
}

function value(r: FunctionRow, key: SortKey, index: number): number | string {
  switch (key) {
    case 'order':
      return index;
    case 'name':
      return r.frame.toLowerCase();
    case 'a':
      return r.a.totalUs;
    case 'b':
      return r.b.totalUs;
    case 'saved':
      return r.savedUs;
  }
}

export function sortRows(rows: readonly FunctionRow[], s: Sort): FunctionRow[] {
  const keyed = rows.map((r, i) => ({ r, i, v: value(r, s.key, i) }));
  keyed.sort((x, y) => {
    const c = x.v < y.v ? -1 : x.v > y.v ? 1 : x.i - y.i;
    return s.dir === 'asc' ? c : -c;
  });
  return keyed.map((k) => k.r);
}

/** Nesting depth of each listed function: 0 for the outermost, 1 + its deepest listed caller's. */
export function depths(rows: readonly FunctionRow[]): ReadonlyMap<string, number> {
  const byFrame = new Map(rows.map((r) => [r.frame, r]));
  const out = new Map<string, number>();
  const visit = (frame: string, seen: ReadonlySet<string>): number => {
    const known = out.get(frame);
    if (known !== undefined) return known;
    const callers = (byFrame.get(frame)?.callers ?? []).filter((c) => !seen.has(c) && byFrame.has(c));
    const next = new Set([...seen, frame]);
    const d = callers.length === 0 ? 0 : 1 + Math.max(...callers.map((c) => visit(c, next)));
    out.set(frame, d);
    return d;
  };
  for (const r of rows) visit(r.frame, new Set());
  return out;
}

/**
 * The part of a row's saving that adds up: the change in its time where it is the
 * outermost listed function (rootUs). For a function outermost on every stack of both
 * runs this is its whole saving; a callee that becomes outermost in one run (a reset
 * moved to its own thread by parallel resets) counts only there. Undefined for rows that
 * are never outermost.
 */
export function countedUs(r: FunctionRow): number | undefined {
  return r.a.rootUs > 0 || r.b.rootUs > 0 ? r.a.rootUs - r.b.rootUs : undefined;
}

export interface Savings {
  /** The counted savings of the listed functions. */
  readonly countedUs: number;
  /** Saving in stacks holding no listed function. */
  readonly unlistedUs: number;
  /** The sum of the two: equals the busy-time saving. */
  readonly sumUs: number;
  /** The busy-time saving of all threads, as measured. */
  readonly totalUs: number;
}

export function savings(t: FunctionTable): Savings {
  const counted = t.rows.reduce((s, r) => s + (countedUs(r) ?? 0), 0);
  return { countedUs: counted, unlistedUs: t.unlisted.savedUs, sumUs: counted + t.unlisted.savedUs, totalUs: t.busy.savedUs };
}

/** Milliseconds as the talk's table prints them: thousands separators, one decimal. */
export function ms(us: number): string {
  return (us / 1_000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A saving with its direction: "↓ 1,234.5" (B faster), "↑ −12.0" (B slower), "±0.0". */
export function savedText(us: number): string {
  const v = ms(Math.abs(us));
  if (v === '0.0') return '±0.0';
  return us > 0 ? `↓ ${v}` : `↑ −${v}`;
}
