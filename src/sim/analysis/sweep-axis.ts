/**
 * One axis of a sweep: a scenario field and the values it takes. Written as
 * `FIELD=FROM..TO[:STEP]` for numbers (STEP defaults to 1) or `FIELD=a,b,c` for any field
 * (numbers, enum names, true/false). Fields are the scenario's leaf keys as dotted paths,
 * the names the editor and lessons use. Whether a value is allowed is left to the
 * scenario's own validation, so a bad point reads exactly as it would in the editor.
 */
import { closest } from '../scenario/messages.ts';
import { scenarioSchema } from '../scenario/schema.ts';
import { enumOptions, groupEntries, schemaKind } from '../scenario/schema-kinds.ts';

export type AxisValue = number | string | boolean;
export type FieldKind = 'number' | 'enum' | 'boolean';

export interface SweepField {
  /** Dotted path, e.g. "guest.ramGiB". */
  readonly field: string;
  readonly path: readonly string[];
  readonly kind: FieldKind;
  /** The allowed names of an enum field. */
  readonly options?: readonly string[];
}

export interface Axis {
  readonly field: string;
  readonly path: readonly string[];
  readonly kind: FieldKind;
  readonly values: readonly AxisValue[];
}

/** A mistake in a sweep, said the way the editor would say it, with where it happened. */
export interface SweepProblem {
  readonly message: string;
  readonly field?: string;
  readonly series?: string;
  readonly x?: AxisValue;
}

export type AxisResult = { readonly ok: true; readonly axis: Axis } | { readonly ok: false; readonly problem: SweepProblem };

/**
 * Most runs a sweep may ask for (points times series). A run costs a few milliseconds, so
 * this bounds a sweep to seconds on one core, and keeps a chart readable.
 */
export const MAX_SWEEP_POINTS = 2_000;

function collect(schema: Parameters<typeof schemaKind>[0], path: readonly string[], out: SweepField[]): void {
  const field = path.join('.');
  switch (schemaKind(schema)) {
    case 'group':
      for (const [key, child] of groupEntries(schema)) collect(child, [...path, key], out);
      break;
    case 'number':
      out.push({ field, path, kind: 'number' });
      break;
    case 'boolean':
      out.push({ field, path, kind: 'boolean' });
      break;
    case 'enum':
      out.push({ field, path, kind: 'enum', options: enumOptions(schema) });
      break;
    default:
    // Text (name, $schema) and lists (devices.barMiB) are not swept.
  }
}

let fieldsCache: readonly SweepField[] | undefined;

/** Every field a sweep can vary, in the schema's order. */
export function sweepableFields(): readonly SweepField[] {
  if (!fieldsCache) {
    const out: SweepField[] = [];
    collect(scenarioSchema, [], out);
    fieldsCache = out;
  }
  return fieldsCache;
}

export function findField(field: string): SweepField | undefined {
  return sweepableFields().find((f) => f.field === field);
}

function unknownField(field: string): SweepProblem {
  const names = sweepableFields().map((f) => f.field);
  // Compare with and without the group, so "ramGiB" finds "guest.ramGiB".
  const guess = closest(field, names) ?? names.find((n) => n.endsWith(`.${field}`));
  const hint = guess ? ` Did you mean "${guess}"?` : '';
  return { field, message: `Unknown sweep field "${field}".${hint} Fields are dotted scenario keys such as guest.ramGiB or devices.count.` };
}

/** Rounds away float noise from FROM + i * STEP (0.1 + 0.2), keeping 12 significant digits. */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/** How many values FROM..TO:STEP holds, without building them (a typo could ask for billions). */
export function rangeCount(from: number, to: number, step: number): number {
  return Math.floor((to - from) / step + 1e-9) + 1;
}

export function rangeValues(from: number, to: number, step: number): number[] {
  const n = rangeCount(from, to, step);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(tidy(from + i * step));
  return out;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function parseNumber(text: string): number | undefined {
  const t = text.trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

function parseValue(f: SweepField, text: string): AxisValue | SweepProblem {
  const t = text.trim();
  if (t === '') return { field: f.field, message: `${f.field}: an empty value in the list.` };
  switch (f.kind) {
    case 'number': {
      const n = parseNumber(t);
      return n === undefined ? { field: f.field, message: `${f.field} takes numbers; "${t}" is not one.` } : n;
    }
    case 'boolean':
      if (t === 'true' || t === 'false') return t === 'true';
      return { field: f.field, message: `${f.field} takes true or false; "${t}" is neither.` };
    case 'enum':
      return t;
  }
}

function isProblem(v: AxisValue | SweepProblem): v is SweepProblem {
  return typeof v === 'object';
}

/** An axis from a field and its values, checked against the schema's field list. */
export function makeAxis(field: string, values: readonly AxisValue[]): AxisResult {
  const f = findField(field);
  if (!f) return { ok: false, problem: unknownField(field) };
  if (values.length === 0) return { ok: false, problem: { field, message: `${field}: the sweep has no values.` } };
  if (values.length > MAX_SWEEP_POINTS) return { ok: false, problem: tooMany(field, values.length) };
  return { ok: true, axis: { field: f.field, path: f.path, kind: f.kind, values } };
}

function tooMany(field: string, n: number): SweepProblem {
  return { field, message: `${field}: ${n.toLocaleString('en-US')} values, more than a sweep runs (${MAX_SWEEP_POINTS.toLocaleString('en-US')}); use a larger step or a shorter range.` };
}

/** Parses `FIELD=FROM..TO[:STEP]` or `FIELD=a,b,c`. */
export function parseAxis(spec: string): AxisResult {
  const eq = spec.indexOf('=');
  if (eq <= 0) return { ok: false, problem: { message: `A sweep is written FIELD=FROM..TO[:STEP] or FIELD=a,b,c; "${spec}" has no field before "=".` } };
  const field = spec.slice(0, eq).trim();
  const body = spec.slice(eq + 1).trim();
  const f = findField(field);
  if (!f) return { ok: false, problem: unknownField(field) };
  if (body === '') return { ok: false, problem: { field, message: `${field}= needs values: FROM..TO[:STEP] or a,b,c.` } };
  const range = /^([^:]*)\.\.([^:]*)(?::(.*))?$/.exec(body);
  if (!range) {
    const values: AxisValue[] = [];
    for (const part of body.split(',')) {
      const v = parseValue(f, part);
      if (isProblem(v)) return { ok: false, problem: v };
      values.push(v);
    }
    return makeAxis(field, values);
  }
  if (f.kind !== 'number') {
    const example = f.options ? f.options.slice(0, 2).join(',') : 'true,false';
    return { ok: false, problem: { field, message: `${field} is not a number, so it takes a list rather than a range: ${field}=${example}.` } };
  }
  const [from, to, step] = [range[1] ?? '', range[2] ?? '', range[3]].map((x) => (x === undefined ? 1 : parseNumber(x)));
  if (from === undefined || to === undefined || step === undefined) {
    return { ok: false, problem: { field, message: `${field}=${body}: write the range as FROM..TO or FROM..TO:STEP with numbers, e.g. ${field}=16..256:16.` } };
  }
  if (!(step > 0)) return { ok: false, problem: { field, message: `${field}: the step must be above 0; it is ${step}.` } };
  if (to < from) return { ok: false, problem: { field, message: `${field}: the range ends (${to}) before it starts (${from}).` } };
  const n = rangeCount(from, to, step);
  if (n > MAX_SWEEP_POINTS) return { ok: false, problem: tooMany(field, n) };
  return makeAxis(field, rangeValues(from, to, step));
}

/** `value` with `path` set to `v`, copying only the objects along the path. */
export function setPath(value: unknown, path: readonly string[], v: AxisValue): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return v;
  const obj = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  return { ...obj, [head]: setPath(Reflect.get(obj, head), rest, v) };
}

/** The value at `path`, or undefined. */
export function getPath(value: unknown, path: readonly string[]): unknown {
  let cur: unknown = value;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Reflect.get(cur, key);
  }
  return cur;
}
