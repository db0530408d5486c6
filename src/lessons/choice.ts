/**
 * Two shapes of the lesson schema built from zod's basic types: "one of these" and "a set of
 * key: value lines". zod's own union and record types would sit, with the scenario schema's
 * types, in the code every page loads first, although only lessons use them; these run the
 * same checks with the same messages and are loaded with the lessons.
 */
import * as z from 'zod/mini';

type Schema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

/**
 * Issues raised by a check (a bound, a refinement) or an unknown key let the other checks
 * run; any other issue (a wrong type or value) means the input is not of this shape at all.
 * zod tells them apart the same way.
 */
const GO_ON_CODES: ReadonlySet<Issue['code']> = new Set(['too_small', 'too_big', 'custom', 'invalid_format', 'not_multiple_of', 'unrecognized_keys']);
const wrongShape = (issues: readonly Issue[]) => issues.some((i) => !GO_ON_CODES.has(i.code));

/**
 * The first of `options` the input fits. When none fits: the problems of the one option the
 * input has the shape of (a hint that is text, but empty), or else `message`. zod's union
 * reports the same.
 */
export function anyOf<const T extends readonly Schema[]>(options: T, message: string) {
  return z.custom<z.infer<T[number]>>().check(
    z.superRefine((value, ctx) => {
      const shaped: Issue[][] = [];
      for (const option of options) {
        const result = z.safeParse(option, value);
        if (result.success) return;
        if (!wrongShape(result.error.issues)) shaped.push(result.error.issues);
      }
      const [only, ...more] = shaped;
      if (only && more.length === 0) for (const issue of only) ctx.addIssue({ ...issue });
      // Like zod's union failure: fatal, so checks that read the value as one of the options skip it.
      else ctx.addIssue({ code: 'invalid_union', errors: [], message, fatal: true });
    }),
  );
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/** An object of any keys whose values each fit `value`; problems are reported at their key. */
export function keyValues<S extends Schema>(value: S) {
  return z.custom<Record<string, z.infer<S>>>().check(
    z.superRefine((input, ctx) => {
      if (!isPlainObject(input)) {
        // Fatal: the checks after this one read the keys of an object.
        ctx.addIssue({ code: 'invalid_type', expected: 'record', input, fatal: true });
        return;
      }
      for (const [key, v] of Object.entries(input)) {
        const result = z.safeParse(value, v);
        if (result.success) continue;
        // A value of the wrong shape stops the checks after this one, as in zod's record.
        const fatal = wrongShape(result.error.issues);
        for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [key, ...issue.path], fatal });
      }
    }),
  );
}
