/** Turns zod issues into sentences a learner understands, naming the field and the bounds. */
import type * as z from 'zod/mini';
import { pathToString, type ScenarioPath } from './problems.ts';

type Issue = z.core.$ZodIssue;

/** User text quoted in a message, cut at 40 characters so a runaway key or word stays readable. */
export function shortText(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${shortText(value)}"`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  string: 'text in quotes',
  object: 'an object ({ … })',
  array: 'a list ([ … ])',
};

function formatNumber(n: number | bigint): string {
  return typeof n === 'bigint' ? n.toString() : Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

/** Edit distance, for "did you mean". Small inputs only (keys and enum values). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export interface IssueContext {
  /** The value found at the issue's path. */
  readonly value: unknown;
  /** Unit from the field's metadata, if any. */
  readonly unit?: string;
  /** Keys the object at the path allows (for unknown keys). */
  readonly allowedKeys?: readonly string[];
}

export function issueMessage(issue: Issue, path: ScenarioPath, ctx: IssueContext): string {
  const field = pathToString(path);
  const unit = ctx.unit ? ` ${ctx.unit}` : '';
  switch (issue.code) {
    case 'invalid_type': {
      const want = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (issue.expected === 'int' && typeof ctx.value === 'number') {
        return `${field} must be a whole number; ${ctx.value} has a fraction.`;
      }
      if (typeof ctx.value === 'number' && !Number.isFinite(ctx.value)) {
        return `${field} must be a finite number, not ${describeValue(ctx.value)}.`;
      }
      return `${field} must be ${want}, not ${describeValue(ctx.value)}.`;
    }
    case 'too_big': {
      const limit = formatNumber(issue.maximum);
      return `${field} is ${describeValue(ctx.value)}${unit}, above the largest the model supports (${limit}${unit}).`;
    }
    case 'too_small': {
      if (issue.origin === 'array') return `${field} needs at least ${formatNumber(issue.minimum)} entries.`;
      const limit = formatNumber(issue.minimum);
      const bound = issue.inclusive ? `at least ${limit}` : `above ${limit}`;
      return `${field} must be ${bound}${unit}; it is ${describeValue(ctx.value)}.`;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      const guess = typeof ctx.value === 'string' ? closest(ctx.value, issue.values.map(String)) : undefined;
      const hint = guess ? ` Did you mean "${guess}"?` : '';
      return `${field} must be one of ${options}; ${describeValue(ctx.value)} is not.${hint}`;
    }
    case 'unrecognized_keys': {
      // One problem per key is made by the caller; this wording covers a single key.
      const key = issue.keys[0] ?? '';
      const guess = ctx.allowedKeys ? closest(key, ctx.allowedKeys) : undefined;
      const hint = guess ? ` Did you mean "${guess}"?` : '';
      const where = path.length === 0 ? 'at the top level' : `in ${field}`;
      return `Unknown key "${shortText(key)}" ${where}.${hint}`;
    }
    default:
      return `${field}: ${issue.message}`;
  }
}
