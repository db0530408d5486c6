/**
 * Field builders: one call defines a scenario field's zod type together with the text
 * the editor shows (meaning, unit, default, source) and the bounds problems quote.
 */
import { z } from 'zod';

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

export interface NumberField extends FieldDoc {
  readonly min: number;
  readonly max: number;
  readonly int?: boolean;
  /** Lower bound is exclusive (for example a bandwidth must be above 0). */
  readonly minExclusive?: boolean;
}

export function numberField(spec: NumberField) {
  let schema = spec.int ? z.number().int() : z.number();
  schema = spec.minExclusive ? schema.gt(spec.min) : schema.min(spec.min);
  schema = schema.max(spec.max);
  return schema.optional().meta(meta(spec));
}

export function booleanField(doc: FieldDoc) {
  return z.boolean().optional().meta(meta(doc));
}

export function enumField<const T extends readonly [string, ...string[]]>(values: T, doc: FieldDoc) {
  return z.enum(values).optional().meta(meta(doc));
}

export function group<T extends z.ZodRawShape>(shape: T, doc: FieldDoc) {
  return z.strictObject(shape).optional().meta(meta(doc));
}
