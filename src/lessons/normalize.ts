/** Checked frontmatter and step blocks to typed values (the schema already ruled out bad input). */
import type { Quantity } from './quantity.ts';
import { parsePlayhead } from './playhead.ts';
import type { GoalRaw, PredictRaw, StepScriptRaw } from './schema.ts';
import type { FieldSet, Goal, Hint, StepScript, Threshold } from './types.ts';

type QuantityRaw = Pick<PredictRaw, 'measure' | 'phase' | 'critical' | 'counter' | 'share' | 'of' | 'field'>;

/** Loud: reaching this means the schema let through what it should have refused. */
function bug(what: string): never {
  throw new Error(`lesson schema let through ${what}; schema.ts and normalize.ts disagree`);
}

export function toQuantity(raw: QuantityRaw): Quantity {
  if (raw.measure !== undefined) return { kind: 'measure', measure: raw.measure };
  if (raw.phase !== undefined) return { kind: 'phase', phase: raw.phase };
  if (raw.critical !== undefined) return { kind: 'critical', phase: raw.critical };
  if (raw.counter !== undefined) return { kind: 'counter', counter: raw.counter };
  if (raw.share !== undefined) return { kind: 'share', counter: raw.share, of: raw.of ?? bug('a share without "of"') };
  if (raw.field !== undefined) return { kind: 'field', path: raw.field };
  return bug('a goal or prediction without a quantity');
}

function toThreshold(raw: GoalRaw): Threshold {
  const per = raw.per === undefined ? {} : { per: raw.per };
  if (raw.max !== undefined) return { kind: 'max', value: raw.max, ...per };
  if (raw.min !== undefined) return { kind: 'min', value: raw.min, ...per };
  if (raw.reduceBy !== undefined) return { kind: 'reduceBy', value: raw.reduceBy };
  if (raw.reduceByPercent !== undefined) return { kind: 'reduceByPercent', value: raw.reduceByPercent };
  return bug('a goal without a threshold');
}

export function toGoal(raw: GoalRaw): Goal {
  return { id: raw.id, label: raw.label, quantity: toQuantity(raw), threshold: toThreshold(raw) };
}

export function toHint(raw: string | { text: string; path?: string | undefined }): Hint {
  if (typeof raw === 'string') return { text: raw };
  return raw.path === undefined ? { text: raw.text } : { text: raw.text, path: raw.path };
}

export function toStepScript(raw: StepScriptRaw | undefined): StepScript {
  const set: FieldSet[] = Object.entries(raw?.set ?? {}).map(([path, value]) => ({ path, value }));
  const playhead = raw?.playhead === undefined ? undefined : parsePlayhead(raw.playhead);
  if (playhead && !playhead.ok) bug(`the playhead "${raw?.playhead ?? ''}"`);
  return {
    reset: raw?.reset ?? false,
    set,
    ...(raw?.view !== undefined ? { view: raw.view } : {}),
    ...(playhead?.ok ? { playhead: playhead.target } : {}),
    ...(raw?.predict !== undefined ? { predict: { prompt: raw.predict.prompt, quantity: toQuantity(raw.predict) } } : {}),
    ...(raw?.notes !== undefined ? { notes: raw.notes } : {}),
  };
}
