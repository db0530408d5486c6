/**
 * Field builders: one call defines a scenario field's zod type together with the text
 * the editor shows (meaning, unit, default, source) and the bounds problems quote. Built on
 * zod/mini so the embedded playground stays small; the metadata lives in zod's registry.
 */
import * as z from 'zod/mini';

export interface FieldDoc {
  /** What the knob is, in a learner's words. */
  readonly description: string;
  /** Unit, spelled as the UI prints it ("GiB", "ns", "GB/s"), or undefined for plain values. */
  readonly unit?: string;
  /** Where the default value comes from. */
  readonly source?: string;
  /** Default shown in hover text; profile-dependent defaults say so. */
  readonly defaultText?: string;
  /** What the value means for the talk's fixes ("the talk's fix: ..."). */
  readonly talk?: string;
}

function markdown(doc: FieldDoc): string {
  const lines = [doc.description];
  if (doc.unit) lines.push(`\n**Unit:** ${doc.unit}`);
  if (doc.defaultText) lines.push(`\n**Default:** ${doc.defaultText}`);
  if (doc.talk) lines.push(`\n**In the talk:** ${doc.talk}`);
  if (doc.source) lines.push(`\n**Source:** ${doc.source}`);
  return lines.join('\n');
}

function plain(doc: FieldDoc): string {
  const unit = doc.unit ? ` Unit: ${doc.unit}.` : '';
  const def = doc.defaultText ? ` Default: ${doc.defaultText}.` : '';
  const src = doc.source ? ` Source: ${doc.source}.` : '';
  return `${doc.description}${unit}${def}${src}`;
}

function meta(doc: FieldDoc): Record<string, string> {
  const out: Record<string, string> = { description: plain(doc), markdownDescription: markdown(doc) };
  if (doc.unit) out['x-unit'] = doc.unit;
  if (doc.source) out['x-source'] = doc.source;
  if (doc.talk) out['x-talk'] = doc.talk;
  return out;
}

/** Registers a schema's metadata (what `.meta()` does in classic zod) and returns it. */
export function documented<T extends z.core.$ZodType>(schema: T, m: Record<string, string>): T {
  z.globalRegistry.add(schema, m);
  return schema;
}

export interface NumberField extends FieldDoc {
  readonly min: number;
  readonly max: number;
  readonly int?: boolean;
  /** Lower bound is exclusive (for example a bandwidth must be above 0). */
  readonly minExclusive?: boolean;
}

export function numberField(spec: NumberField) {
  const base = spec.int ? z.int() : z.number();
  const checked = base.check(spec.minExclusive ? z.gt(spec.min) : z.gte(spec.min), z.lte(spec.max));
  return documented(z.optional(checked), meta(spec));
}

export function booleanField(doc: FieldDoc) {
  return documented(z.optional(z.boolean()), meta(doc));
}

export function enumField<const T extends readonly [string, ...string[]]>(values: T, doc: FieldDoc) {
  return documented(z.optional(z.enum(values)), meta(doc));
}

export function group<T extends z.core.$ZodLooseShape>(shape: T, doc: FieldDoc) {
  return documented(z.optional(z.strictObject(shape)), meta(doc));
}
