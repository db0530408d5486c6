/**
 * The scenario's JSON Schema read into a typed tree of groups and fields. The form is
 * generated from it and the hover card reads its documentation, so both say exactly what
 * the editor's completion says (all three come from scenarioJsonSchema()).
 */
import { scenarioJsonSchema } from '../../sim/scenario/json-schema.ts';

export type FieldPath = readonly string[];

interface Doc {
  readonly key: string;
  readonly path: FieldPath;
  /** Dotted path, as selections and causes name fields ("optimizations.bulkPinning"). */
  readonly id: string;
  /** The meaning, without the unit/default/source lines. */
  readonly description: string;
  readonly unit?: string;
  /** Where the default comes from, as the schema words it ("from host.profile"). */
  readonly defaultText?: string;
  readonly talk?: string;
  readonly source?: string;
}

export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  /** The lower bound itself is not allowed (a bandwidth must be above 0). */
  readonly minExclusive: boolean;
  readonly integer: boolean;
}

export type SchemaField =
  | (Doc & { readonly kind: 'number' } & NumberBounds)
  | (Doc & { readonly kind: 'boolean' })
  | (Doc & { readonly kind: 'enum'; readonly options: readonly string[] })
  | (Doc & { readonly kind: 'string'; readonly maxLength?: number })
  | (Doc & { readonly kind: 'numberList'; readonly item: NumberBounds; readonly minItems?: number; readonly maxItems?: number });

export interface SchemaGroup extends Doc {
  readonly kind: 'group';
  readonly children: readonly SchemaNode[];
}

export type SchemaNode = SchemaField | SchemaGroup;

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/**
 * json-schema.ts writes markdownDescription as the meaning, then "**Label:** value" paragraphs.
 * The meaning and the default are only available in that text, so read them back from it.
 */
function doc(key: string, path: FieldPath, s: Json): Doc {
  const md = str(s['markdownDescription']) ?? str(s['description']) ?? '';
  const paragraphs = md.split('\n\n');
  const labelled = (label: string) => paragraphs.find((p) => p.startsWith(`**${label}:** `))?.slice(label.length + 6);
  const unit = str(s['x-unit']);
  const defaultText = labelled('Default');
  const talk = str(s['x-talk']);
  const source = str(s['x-source']);
  return {
    key,
    path,
    id: path.join('.'),
    description: paragraphs[0] ?? '',
    ...(unit !== undefined ? { unit } : {}),
    ...(defaultText !== undefined ? { defaultText } : {}),
    ...(talk !== undefined ? { talk } : {}),
    ...(source !== undefined ? { source } : {}),
  };
}

function bounds(s: Json): NumberBounds {
  const exclusive = num(s['exclusiveMinimum']);
  const min = exclusive ?? num(s['minimum']);
  const max = num(s['maximum']);
  return {
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    minExclusive: exclusive !== undefined,
    integer: s['type'] === 'integer',
  };
}

function node(key: string, path: FieldPath, s: Json): SchemaNode | undefined {
  const d = doc(key, path, s);
  const type = s['type'];
  if (type === 'object' && isRecord(s['properties'])) {
    const children = Object.entries(s['properties']).flatMap(([k, v]) => {
      const child = isRecord(v) ? node(k, [...path, k], v) : undefined;
      return child ? [child] : [];
    });
    return { ...d, kind: 'group', children };
  }
  if (Array.isArray(s['enum'])) return { ...d, kind: 'enum', options: s['enum'].filter((o) => typeof o === 'string') };
  if (type === 'boolean') return { ...d, kind: 'boolean' };
  if (type === 'number' || type === 'integer') return { ...d, kind: 'number', ...bounds(s) };
  if (type === 'array' && isRecord(s['items'])) {
    const minItems = num(s['minItems']);
    const maxItems = num(s['maxItems']);
    return {
      ...d,
      kind: 'numberList',
      item: bounds(s['items']),
      ...(minItems !== undefined ? { minItems } : {}),
      ...(maxItems !== undefined ? { maxItems } : {}),
    };
  }
  if (type === 'string') {
    const maxLength = num(s['maxLength']);
    return { ...d, kind: 'string', ...(maxLength !== undefined ? { maxLength } : {}) };
  }
  return undefined;
}

function build(): SchemaGroup {
  const root = node('', [], scenarioJsonSchema());
  if (root?.kind !== 'group') throw new Error('scenarioJsonSchema() is not an object schema with properties');
  return root;
}

let cached: SchemaGroup | undefined;
/** The whole scenario as a group; built once, the schema is static. */
export function scenarioTree(): SchemaGroup {
  cached ??= build();
  return cached;
}

let index: Map<string, SchemaNode> | undefined;
/** The group or field at a dotted path, or undefined for keys the schema does not know. */
export function schemaNodeAt(id: string): SchemaNode | undefined {
  if (!index) {
    const map = new Map<string, SchemaNode>();
    const walk = (n: SchemaNode) => {
      map.set(n.id, n);
      if (n.kind === 'group') n.children.forEach(walk);
    };
    walk(scenarioTree());
    index = map;
  }
  return index.get(id);
}

/** The order of keys inside the object at `path`, so inserted keys land where the schema has them. */
export function keyOrder(path: FieldPath): readonly string[] {
  const n = path.length === 0 ? scenarioTree() : schemaNodeAt(path.join('.'));
  return n?.kind === 'group' ? n.children.map((c) => c.key) : [];
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** "0.015625 to 16,384 GiB", "above 0 up to 1,000 GB/s", "integer, 1 to 1,024". */
export function rangeText(b: NumberBounds, unit: string | undefined): string {
  const u = unit ? ` ${unit}` : '';
  const kind = b.integer ? 'integer, ' : '';
  if (b.min !== undefined && b.max !== undefined) {
    const from = b.minExclusive ? `above ${numberFormat.format(b.min)} up` : numberFormat.format(b.min);
    return `${kind}${from} to ${numberFormat.format(b.max)}${u}`;
  }
  if (b.max !== undefined) return `${kind}up to ${numberFormat.format(b.max)}${u}`;
  if (b.min !== undefined) return `${kind}${b.minExclusive ? 'above' : 'at least'} ${numberFormat.format(b.min)}${u}`;
  return `${kind}any number${u}`.replace(/^integer, any number/, 'any integer');
}
