/**
 * The scenario's JSON Schema, generated from the zod schema, for the editor's completion,
 * hover text and validation. Types, bounds and units come from schema.ts; descriptions
 * (meaning, unit, default and source) from field-docs.ts, joined here by path so that
 * neither text is written twice.
 */
import * as z from 'zod/mini';
import { scenarioSchema } from './schema.ts';
import { FIELD_DOCS, SCENARIO_TITLE, type DocPath, type FieldDoc } from './field-docs.ts';

export const SCENARIO_SCHEMA_URI = 'https://bootline.dev/schema/scenario.json';

type JsonNode = Record<string, unknown>;

const isNode = (v: unknown): v is JsonNode => typeof v === 'object' && v !== null && !Array.isArray(v);

function markdown(doc: FieldDoc, unit: string | undefined): string {
  const lines = [doc.description];
  if (unit) lines.push(`\n**Unit:** ${unit}`);
  if (doc.defaultText) lines.push(`\n**Default:** ${doc.defaultText}`);
  if (doc.talk) lines.push(`\n**In the talk:** ${doc.talk}`);
  if (doc.source) lines.push(`\n**Source:** ${doc.source}`);
  return lines.join('\n');
}

function plain(doc: FieldDoc, unit: string | undefined): string {
  const u = unit ? ` Unit: ${unit}.` : '';
  const def = doc.defaultText ? ` Default: ${doc.defaultText}.` : '';
  const src = doc.source ? ` Source: ${doc.source}.` : '';
  return `${doc.description}${u}${def}${src}`;
}

const isDocPath = (path: string): path is DocPath => Object.hasOwn(FIELD_DOCS, path);

/** Writes the docs into the node at `path` and its properties; a field without docs is a bug, said loudly. */
function describe(node: JsonNode, path: string): void {
  if (!isDocPath(path)) throw new Error(`field-docs.ts has no entry for scenario field "${path}"`);
  const doc = FIELD_DOCS[path];
  const unit = typeof node['x-unit'] === 'string' ? node['x-unit'] : undefined;
  node['description'] = plain(doc, unit);
  node['markdownDescription'] = markdown(doc, unit);
  if (doc.source) node['x-source'] = doc.source;
  if (doc.talk) node['x-talk'] = doc.talk;
  const properties = node['properties'];
  if (!isNode(properties)) return;
  for (const [key, child] of Object.entries(properties)) {
    if (isNode(child)) describe(child, path === '' ? key : `${path}.${key}`);
  }
}

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
  describe(schema, '');
  return { ...schema, title: SCENARIO_TITLE, $id: SCENARIO_SCHEMA_URI };
}
