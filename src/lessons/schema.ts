/**
 * The zod schemas for what authors write: lesson.md's frontmatter (with its goals and hints)
 * and a step's ```step block. They check shape and meaning (scenario keys exist and are
 * numbers where a number is needed); normalize.ts turns the checked text into typed values.
 * On zod/mini like the scenario schema: the two share zod's core in the bundle, and classic
 * zod here would pull every core schema type into the chunk the embed and playground load first.
 * For the same reason the few shapes only lessons have (text-or-object hints, "*" among keys,
 * key: value sets, the goal id's pattern) are checked in choice.ts, not with zod's union,
 * literal, record and regex types, which would land in that chunk for the lessons alone.
 */
import * as z from 'zod/mini';
import { MEASURE_NAMES } from '../sim/analysis/measures.ts';
import { PHASES } from '../sim/trace/phases.ts';
import { COUNTER_NAMES } from '../sim/trace/types.ts';
import { parsePlayhead } from './playhead.ts';
import { fieldKind, type FieldKind, unknownPathMessage } from './scenario-paths.ts';
import { VIEW_NAMES } from './types.ts';
import { anyOf, keyValues } from './choice.ts';

/** A dotted scenario key; `kinds` limits what it may hold; `all` also takes "*" (every key). */
function scenarioKey(kinds?: readonly FieldKind[], what = '', all = false) {
  return z.string().check(
    z.superRefine((path, ctx) => {
      if (all && path === '*') return;
      const kind = fieldKind(path);
      if (kind === undefined) ctx.addIssue({ code: 'custom', message: unknownPathMessage(path) });
      else if (kinds && !kinds.includes(kind)) ctx.addIssue({ code: 'custom', message: `must name ${what}; "${path}" holds ${kindWords(kind)}` });
    }),
  );
}

function kindWords(kind: FieldKind): string {
  return { group: 'a group of keys', number: 'a number', boolean: 'true or false', enum: 'a choice of names', string: 'text', list: 'a list' }[kind];
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The keys that choose a quantity; exactly one of them per goal or prediction. */
export const QUANTITY_KEYS = ['measure', 'phase', 'critical', 'counter', 'share', 'field'] as const;
const THRESHOLD_KEYS = ['max', 'min', 'reduceBy', 'reduceByPercent'] as const;

const quantityShape = {
  measure: z.optional(z.enum(MEASURE_NAMES)),
  phase: z.optional(z.enum(PHASES)),
  critical: z.optional(z.enum(PHASES)),
  counter: z.optional(z.enum(COUNTER_NAMES)),
  share: z.optional(z.enum(COUNTER_NAMES)),
  of: z.optional(z.array(z.enum(COUNTER_NAMES)).check(z.minLength(1))),
  field: z.optional(scenarioKey(['number'], 'a number field')),
};

type QuantityRaw = { [K in keyof typeof quantityShape]?: z.infer<(typeof quantityShape)[K]> };

function present<T extends object>(obj: T, keys: readonly string[]): string[] {
  return keys.filter((k) => Reflect.get(obj, k) !== undefined);
}

/** What a refinement needs of zod's context: a way to report. */
interface IssueSink {
  addIssue(issue: { code: 'custom'; message: string; path?: (string | number)[] }): void;
}

function checkQuantity(raw: QuantityRaw, ctx: IssueSink): void {
  const chosen = present(raw, QUANTITY_KEYS);
  if (chosen.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: chosen.length === 0
        ? `needs one of ${QUANTITY_KEYS.join(', ')}: what to measure`
        : `has ${chosen.join(' and ')}; give exactly one of ${QUANTITY_KEYS.join(', ')}`,
    });
  }
  if (raw.share !== undefined && raw.of === undefined) {
    ctx.addIssue({ code: 'custom', path: ['of'], message: 'is missing: a share needs "of: [counters…]", the counters it is a share of' });
  }
  if (raw.of !== undefined && raw.share === undefined) {
    ctx.addIssue({ code: 'custom', path: ['of'], message: 'only goes with "share"' });
  }
  if (raw.share !== undefined && raw.of !== undefined && !raw.of.includes(raw.share)) {
    ctx.addIssue({ code: 'custom', path: ['of'], message: `must include ${raw.share} itself, so the share stays between 0 and 100%` });
  }
}

export const goalSchema = z
  .strictObject({
    id: z.string().check(
      z.superRefine((id, ctx) => {
        if (!KEBAB.test(id)) ctx.addIssue({ code: 'custom', message: 'must be lowercase words joined by dashes, like "skip-half"' });
      }),
    ),
    label: z.string().check(z.minLength(1), z.maxLength(80)),
    ...quantityShape,
    max: z.optional(z.number()),
    min: z.optional(z.number()),
    per: z.optional(scenarioKey(['number'], 'a number field')),
    reduceBy: z.optional(z.number().check(z.gt(0))),
    reduceByPercent: z.optional(z.number().check(z.gt(0), z.lte(100))),
  })
  .check(z.superRefine((goal, ctx) => {
    checkQuantity(goal, ctx);
    const thresholds = present(goal, THRESHOLD_KEYS);
    if (thresholds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: thresholds.length === 0
          ? `needs one of ${THRESHOLD_KEYS.join(', ')}: the target`
          : `has ${thresholds.join(' and ')}; give exactly one of ${THRESHOLD_KEYS.join(', ')} (two goals for a range)`,
      });
    }
    if (goal.per !== undefined && goal.max === undefined && goal.min === undefined) {
      ctx.addIssue({ code: 'custom', path: ['per'], message: 'only goes with max or min' });
    }
    if (goal.share !== undefined) {
      for (const key of ['max', 'min'] as const) {
        const v = goal[key];
        if (v !== undefined && (v < 0 || v > 100)) ctx.addIssue({ code: 'custom', path: [key], message: `is a percentage for a share: 0 to 100, not ${v}` });
      }
    }
  }));

export const hintSchema = anyOf(
  [z.string().check(z.minLength(1)), z.strictObject({ text: z.string().check(z.minLength(1)), path: z.optional(scenarioKey()) })],
  'must be text, or "text:" with an optional "path:" (the scenario key it is about)',
);

export const frontmatterSchema = z.strictObject({
  title: z.string().check(z.minLength(1), z.maxLength(80)),
  summary: z.string().check(z.minLength(1), z.maxLength(400)),
  minutes: z.int().check(z.gte(1), z.lte(120)),
  topic: z.optional(z.string().check(z.minLength(1), z.maxLength(24))),
  views: z.array(z.enum(VIEW_NAMES)).check(z.minLength(1), z.maxLength(VIEW_NAMES.length)),
  editable: z.optional(z.array(scenarioKey())),
  locked: z.optional(z.array(scenarioKey(undefined, '', true))),
  goals: z.optional(z.array(goalSchema).check(z.maxLength(8))),
  hints: z.optional(z.array(hintSchema)),
  sources: z.optional(z.array(z.string().check(z.minLength(1)))),
});

export type FrontmatterRaw = z.infer<typeof frontmatterSchema>;
export type GoalRaw = z.infer<typeof goalSchema>;

const setValue = anyOf(
  [z.number(), z.boolean(), z.string(), z.array(z.number())],
  'must be a number, true or false, a name in quotes, or a [ … ] list of numbers',
);

export const predictSchema = z
  .strictObject({ prompt: z.string().check(z.minLength(1), z.maxLength(200)), ...quantityShape })
  .check(z.superRefine((p, ctx) => checkQuantity(p, ctx)));

export const stepScriptSchema = z.strictObject({
  reset: z.optional(z.boolean()),
  set: z.optional(
    keyValues(setValue).check(
      z.superRefine((sets, ctx) => {
        for (const path of Object.keys(sets)) {
          const kind = fieldKind(path);
          if (kind === undefined) ctx.addIssue({ code: 'custom', path: [path], message: unknownPathMessage(path) });
          else if (kind === 'group') ctx.addIssue({ code: 'custom', path: [path], message: `names a group of keys; set its keys one by one ("${path}.…")` });
        }
      }),
    ),
  ),
  view: z.optional(z.enum(VIEW_NAMES)),
  playhead: z.optional(
    z.string().check(
      z.superRefine((text, ctx) => {
        const p = parsePlayhead(text);
        if (!p.ok) ctx.addIssue({ code: 'custom', message: p.message });
      }),
    ),
  ),
  predict: z.optional(predictSchema),
  /** For the speaker window only: what to say or show beyond the prose. */
  notes: z.optional(z.string().check(z.minLength(1), z.maxLength(1200, { error: 'is too long for speaker notes: keep them under 1,200 characters' }))),
});

export type StepScriptRaw = z.infer<typeof stepScriptSchema>;
export type PredictRaw = z.infer<typeof predictSchema>;

/** Keys each object of the frontmatter or a step block allows, for "did you mean". */
export function knownKeysAt(root: 'frontmatter' | 'step', path: readonly (string | number)[]): readonly string[] {
  const keysOf = (s: { shape: object }) => Object.keys(s.shape);
  if (root === 'step') return path.length === 0 ? keysOf(stepScriptSchema) : keysOf(predictSchema);
  if (path.length === 0) return keysOf(frontmatterSchema);
  if (path[0] === 'goals') return keysOf(goalSchema);
  return ['text', 'path'];
}
