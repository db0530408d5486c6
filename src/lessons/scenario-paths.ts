/**
 * Scenario keys as lessons name them: dotted paths ("guest.ramGiB", "optimizations").
 * Checked against the scenario schema itself, so a lesson cannot name a key that does not
 * exist, and so renaming a key breaks `npm run lessons:check` instead of a lesson page.
 */
import { closest } from '../sim/scenario/messages.ts';
import { allowedKeys, fieldSchemaAt } from '../sim/scenario/schema-walk.ts';
import { schemaKind, type FieldKind } from '../sim/scenario/schema-kinds.ts';
import type { Scenario } from '../sim/scenario/resolve.ts';

export type { FieldKind };

export function splitPath(path: string): string[] {
  return path.split('.');
}

/** What kind of value the scenario holds at `path`, or undefined when no such key exists. */
export function fieldKind(path: string): FieldKind | undefined {
  if (!/^[A-Za-z$][\w$]*(\.[A-Za-z$][\w$]*)*$/.test(path)) return undefined;
  return schemaKind(fieldSchemaAt(splitPath(path)));
}

/** Every leaf key of the scenario, as dotted paths, in schema order. */
export function scenarioLeafPaths(prefix: readonly string[] = []): string[] {
  return allowedKeys(prefix).flatMap((key) => {
    const path = [...prefix, key];
    return fieldKind(path.join('.')) === 'group' ? scenarioLeafPaths(path) : [path.join('.')];
  });
}

/** "guest.ramGiB is not a scenario key; did you mean …" style hint: the keys allowed where it broke. */
export function unknownPathMessage(path: string): string {
  const parts = splitPath(path);
  for (let k = parts.length - 1; k >= 0; k--) {
    const parent = parts.slice(0, k);
    if (k === 0 || fieldKind(parent.join('.')) === 'group') {
      const where = k === 0 ? 'at the top' : `in ${parent.join('.')}`;
      const allowed = allowedKeys(parent).filter((x) => x !== '$schema');
      const guess = closest(parts[k] ?? '', allowed);
      const hint = guess ? `; did you mean "${[...parent, guess].join('.')}"?` : ` (allowed: ${allowed.join(', ')})`;
      return `is not a scenario key: "${parts[k] ?? ''}" is not allowed ${where}${hint}`;
    }
  }
  return 'is not a scenario key';
}

/** The value at a dotted path of a resolved scenario (or any plain object). */
export function valueAtPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of splitPath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Reflect.get(cur, key);
  }
  return cur;
}

export function numberAtPath(s: Scenario, path: string): number {
  const v = valueAtPath(s, path);
  if (typeof v !== 'number') throw new Error(`scenario path ${path} holds ${typeof v}, not a number (the lesson schema checks this)`);
  return v;
}

/** Keys that only label a scenario; never locked. */
const COSMETIC = new Set(['name', '$schema']);

export interface LockRules {
  /** Dotted paths; "*" locks everything not made editable by a more specific entry. */
  readonly locked: readonly string[];
  readonly editable: readonly string[];
}

function depthOfMatch(entry: string, path: string): number | undefined {
  if (entry === '*') return 0;
  return path === entry || path.startsWith(`${entry}.`) ? splitPath(entry).length : undefined;
}

/** The most specific entry of `locked` or `editable` that covers the path wins; none: editable. */
export function isLocked(rules: LockRules, path: string): boolean {
  if (COSMETIC.has(splitPath(path)[0] ?? '')) return false;
  let best = -1;
  let locked = false;
  for (const entry of rules.locked) {
    const d = depthOfMatch(entry, path);
    if (d !== undefined && d > best) [best, locked] = [d, true];
  }
  for (const entry of rules.editable) {
    const d = depthOfMatch(entry, path);
    if (d !== undefined && d >= best) [best, locked] = [d, false];
  }
  return locked;
}

/** Locked keys whose resolved value differs between the lesson's start and `current`. */
export function lockedViolations(rules: LockRules, start: Scenario, current: Scenario): string[] {
  return scenarioLeafPaths().filter(
    (path) => isLocked(rules, path) && JSON.stringify(valueAtPath(start, path)) !== JSON.stringify(valueAtPath(current, path)),
  );
}
