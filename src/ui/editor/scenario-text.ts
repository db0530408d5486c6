/**
 * Reading and editing the scenario text by path, with jsonc-parser, so comments, key order
 * and formatting the user wrote survive every edit the form or a button makes.
 */
import { findNodeAtLocation, getNodeValue, type Node, parseTree, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../../sim/scenario/problems.ts';
import type { FieldPath } from './schema-fields.ts';

export interface ScenarioDoc {
  readonly text: string;
  readonly root: Node | undefined;
  /** The text parses as JSONC; edits by path are only safe then. */
  readonly syntaxOk: boolean;
  readonly lines: LineIndex;
}

export function readDoc(text: string): ScenarioDoc {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return { text, root, syntaxOk: errors.length === 0 && root?.type === 'object', lines: new LineIndex(text) };
}

export type Lookup = { readonly present: true; readonly value: unknown } | { readonly present: false };

export function valueAt(doc: ScenarioDoc, path: FieldPath): Lookup {
  const node = doc.root && findNodeAtLocation(doc.root, [...path]);
  return node ? { present: true, value: getNodeValue(node) } : { present: false };
}

export interface KeySpot {
  readonly offset: number;
  /** 1-based, as editors count. */
  readonly line: number;
  readonly column: number;
}

/** Where the key of the property at `path` is written, or undefined when the text does not set it. */
export function keySpot(doc: ScenarioDoc, path: FieldPath): KeySpot | undefined {
  const value = doc.root && findNodeAtLocation(doc.root, [...path]);
  const key = value?.parent?.type === 'property' ? value.parent.children?.[0] : undefined;
  if (!key) return undefined;
  return { offset: key.offset, ...doc.lines.position(key.offset) };
}

/** Dotted selection paths ("host.freePool.fragmentation") to text positions, split by presence. */
export function locateFields(doc: ScenarioDoc, ids: readonly string[]): { present: { id: string; spot: KeySpot }[]; absent: string[] } {
  const present: { id: string; spot: KeySpot }[] = [];
  const absent: string[] = [];
  for (const id of ids) {
    const spot = keySpot(doc, id.split('.'));
    if (spot) present.push({ id, spot });
    else absent.push(id);
  }
  return { present, absent };
}

/** The resolved value at a path of the last good run's scenario (what an absent key means now). */
export function resolvedAt(resolved: unknown, path: FieldPath): unknown {
  let v: unknown = resolved;
  for (const k of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = Object.entries(v).find(([key]) => key === k)?.[1];
  }
  return v;
}

/** A value as the form and hints print it: numbers with their unit, lists comma-separated. */
export function valueText(v: unknown, unit?: string): string {
  if (Array.isArray(v)) return `${v.map((x) => String(x)).join(', ')}${unit ? ` ${unit}` : ''}`;
  if (typeof v === 'number') return `${v}${unit ? ` ${unit}` : ''}`;
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  return v === undefined ? '' : JSON.stringify(v);
}
