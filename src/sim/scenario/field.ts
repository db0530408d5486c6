/**
 * Field builders: one call defines a scenario field's zod type with the bounds problems
 * quote and the unit they print. Built on zod/mini so the embedded playground stays small;
 * the unit lives in zod's registry. What a field means for people (description, default,
 * source) is in field-docs.ts, which only the editor and the JSON Schema load.
 */
import * as z from 'zod/mini';

/** Registers a schema's metadata (what `.meta()` does in classic zod) and returns it. */
export function documented<T extends z.core.$ZodType>(schema: T, m: Record<string, string>): T {
  z.globalRegistry.add(schema, m);
  return schema;
}

export interface NumberField {
  readonly min: number;
  readonly max: number;
  readonly int?: boolean;
  /** Lower bound is exclusive (for example a bandwidth must be above 0). */
  readonly minExclusive?: boolean;
  /** Unit, spelled as the UI prints it, or undefined for plain values and counts. */
  readonly unit?: string;
}

export function numberField(spec: NumberField) {
  const base = spec.int ? z.int() : z.number();
  const checked = base.check(spec.minExclusive ? z.gt(spec.min) : z.gte(spec.min), z.lte(spec.max));
  const field = z.optional(checked);
  return spec.unit ? documented(field, { 'x-unit': spec.unit }) : field;
}

export function booleanField() {
  return z.optional(z.boolean());
}

export function enumField<const T extends readonly [string, ...string[]]>(values: T) {
  return z.optional(z.enum(values));
}

export function group<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.optional(z.strictObject(shape));
}
