/**
 * zod issues as words that read after a field name: "goals[1].max must be a number, not the
 * text "fast"". The field and its line are attached by the caller.
 */
import type * as z from 'zod/mini';
import type { LessonProblem } from './problems.ts';
import { closest, describeValue } from '../sim/scenario/messages.ts';
import { pathKey, type YamlPath, type YamlPosition } from './yaml-lite.ts';

type Issue = z.core.$ZodIssue;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  string: 'text',
  object: 'a set of "key: value" lines',
  array: 'a list',
  record: 'a set of "key: value" lines',
};

export interface IssueText {
  readonly path: YamlPath;
  readonly message: string;
}

function valueAt(root: unknown, path: YamlPath): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Reflect.get(cur, key);
  }
  return cur;
}

function bound(n: number | bigint): string {
  return typeof n === 'bigint' ? n.toString() : n.toLocaleString('en-US');
}

/**
 * One issue becomes one message per offending key. `knownKeys` says which keys the object at
 * a path allows, for "did you mean".
 */
export function issueTexts(issue: Issue, root: unknown, knownKeys: (path: YamlPath) => readonly string[]): IssueText[] {
  const path: YamlPath = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const value = valueAt(root, path);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return [{ path, message: 'is missing' }];
      const want = TYPE_WORDS[issue.expected] ?? issue.expected;
      return [{ path, message: `must be ${want}, not ${describeValue(value)}` }];
    }
    case 'too_small': {
      if (issue.origin === 'string') return [{ path, message: issue.minimum === 1 ? 'must not be empty' : `must be at least ${bound(issue.minimum)} characters` }];
      if (issue.origin === 'array') return [{ path, message: `must have at least ${bound(issue.minimum)} ${issue.minimum === 1 ? 'entry' : 'entries'}` }];
      return [{ path, message: `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${bound(issue.minimum)}, not ${describeValue(value)}` }];
    }
    case 'too_big': {
      if (issue.origin === 'string') return [{ path, message: `must be at most ${bound(issue.maximum)} characters` }];
      if (issue.origin === 'array') return [{ path, message: `must have at most ${bound(issue.maximum)} entries` }];
      return [{ path, message: `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${bound(issue.maximum)}, not ${describeValue(value)}` }];
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v));
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      const hint = guess ? ` (did you mean "${guess}"?)` : '';
      return [{ path, message: `must be one of ${allowed.join(', ')}, not ${describeValue(value)}${hint}` }];
    }
    case 'unrecognized_keys': {
      const known = knownKeys(path);
      return issue.keys.map((key) => {
        const guess = closest(key, known);
        return {
          path: [...path, key],
          message: `is not a known key${guess ? `; did you mean "${guess}"?` : ''} (known here: ${known.join(', ')})`,
        };
      });
    }
    default:
      return [{ path, message: issue.message }];
  }
}

/** A field's position, or its nearest ancestor's. */
function locate(positions: ReadonlyMap<string, YamlPosition>, path: YamlPath): YamlPosition | undefined {
  for (let n = path.length; n >= 0; n--) {
    const pos = positions.get(pathKey(path.slice(0, n)));
    if (pos) return pos;
  }
  return undefined;
}

/** A failed schema parse as lesson problems, each placed at its field's line (or its nearest parent's). */
export function schemaProblems(
  error: z.core.$ZodError,
  raw: unknown,
  positions: ReadonlyMap<string, YamlPosition>,
  file: string,
  knownKeys: (path: YamlPath) => readonly string[],
  prefix: YamlPath,
  fallbackLine: number,
): LessonProblem[] {
  return error.issues.flatMap((issue) =>
    issueTexts(issue, raw, knownKeys).map((t) => {
      const pos = locate(positions, t.path);
      const field = pathKey([...prefix, ...t.path]);
      return { severity: 'error' as const, file, line: pos?.line ?? fallbackLine, ...(pos ? { column: pos.column } : {}), ...(field ? { field } : {}), message: t.message };
    }),
  );
}
