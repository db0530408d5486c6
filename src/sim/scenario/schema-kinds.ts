/**
 * What a scenario schema holds: its kind, an enum's values, a group's children. Its own file:
 * the lesson checks and the sweep's axis pick read it, the code every page loads first does not.
 */
import * as z from 'zod/mini';
import { unwrapOptional } from './schema-walk.ts';

type AnySchema = z.core.$ZodType;

export type FieldKind = 'group' | 'number' | 'boolean' | 'enum' | 'string' | 'list';

/** What kind of value a schema holds (optional wrappers looked through). */
export function schemaKind(schema: AnySchema | undefined): FieldKind | undefined {
  const s = schema && unwrapOptional(schema);
  if (s instanceof z.core.$ZodObject) return 'group';
  if (s instanceof z.core.$ZodNumber) return 'number';
  if (s instanceof z.core.$ZodBoolean) return 'boolean';
  if (s instanceof z.core.$ZodEnum) return 'enum';
  if (s instanceof z.core.$ZodString) return 'string';
  if (s instanceof z.core.$ZodArray) return 'list';
  return undefined;
}

/** The values an enum field allows, or [] for any other field. */
export function enumOptions(schema: AnySchema | undefined): string[] {
  const s = schema && unwrapOptional(schema);
  return s instanceof z.core.$ZodEnum ? Object.values(s._zod.def.entries).map(String) : [];
}

/** Child schemas of a group, in schema order. */
export function groupEntries(schema: AnySchema | undefined): [string, AnySchema][] {
  const s = schema && unwrapOptional(schema);
  return s instanceof z.core.$ZodObject ? Object.entries(s._zod.def.shape) : [];
}
