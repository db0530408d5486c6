/**
 * Fuzzing lesson files through the loader the page uses (Vite's bundle of lessons/, then
 * buildLessons / parseLesson): arbitrary frontmatter, real lessons with a field dropped, of
 * the wrong type or unknown, and broken scenario files. Loading never throws; a lesson either
 * loads or gets problems that name its file, and the field when the fault is in one.
 * Run counts and seed: test/fuzz-settings.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applySets, buildLessons, groupLessonFiles, lessonFilesFromBundle, parseLesson, type FieldSet, type LessonProblem } from '../../src/lessons/index.ts';
import { parseScenarioText } from '../../src/sim/scenario/parse.ts';
import { validScenario } from '../sim/scenario-fuzz-arb.ts';
import { fuzz, FUZZ_TIMEOUT_MS } from '../fuzz-settings.ts';

const BUNDLE = lessonFilesFromBundle();
const LESSONS = [...groupLessonFiles(BUNDLE)].map(([dir, files]) => ({ dir, files }));
const FRONTMATTER_KEYS = ['title', 'summary', 'minutes', 'topic', 'views', 'editable', 'locked', 'goals', 'hints', 'sources'];
const REQUIRED = ['title', 'summary', 'minutes', 'views'];

/** lesson.md as frontmatter lines and the rest. */
function splitMd(md: string): { front: string[]; body: string } {
  const end = md.indexOf('\n---\n', 4);
  return { front: md.slice(4, end).split('\n'), body: md.slice(end + 1) };
}
const joinMd = (front: readonly string[], body: string) => `---\n${front.join('\n')}\n${body}`;

/** The lines of one top-level key: its own line and every indented or list line after it. */
function keyBlock(front: readonly string[], key: string): { start: number; end: number } | undefined {
  const start = front.findIndex((l) => l.startsWith(`${key}:`));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < front.length && /^(\s|-\s|$)/.test(front[end] ?? '')) end++;
  return { start, end };
}

function linesOf(text: string | undefined): number {
  return text === undefined ? 0 : text.split('\n').length;
}

/** Loading never throws, and each problem names a file of this lesson with a message; lines fall inside the file. */
function load(dir: string, files: Record<string, string>) {
  const r = parseLesson(dir, files);
  const problems: readonly LessonProblem[] = r.ok ? r.warnings : r.problems;
  if (!r.ok) expect(problems.some((p) => p.severity === 'error')).toBe(true);
  for (const p of problems) {
    expect(p.file === dir || p.file.startsWith(`${dir}/`), `file ${p.file}`).toBe(true);
    expect(p.message.trim().length).toBeGreaterThan(3);
    expect(p.message.length, p.message.slice(0, 100)).toBeLessThanOrEqual(600);
    if (p.line !== undefined) {
      const name = p.file.slice(dir.length + 1);
      expect(p.line >= 1 && p.line <= Math.max(1, linesOf(files[name])), `line ${p.line} of ${p.file}`).toBe(true);
    }
  }
  return { r, problems };
}

/** A real lesson, shown in a counterexample by its folder alone. */
const lesson = fc.constantFrom(...LESSONS.map((l) => l.dir)).map((dir) => ({ dir, files: LESSONS.find((l) => l.dir === dir)?.files ?? {} }), (v) => (v as { dir: string }).dir);

/** Text made of YAML's own characters, so the parser sees keys, lists, quotes and indentation, not just noise. */
const yamlish = fc.string({ unit: fc.constantFrom(...'abc: -[]{}"\'#|>&*!%@,\n\t0123456789.eE+'.split(''), ' ', ' ', '\n'), maxLength: 300 });

/** A value of the wrong type for the key (every one valid YAML in the subset). */
const WRONG: Readonly<Record<string, readonly string[]>> = {
  title: ['[1, 2]', '12', 'true'], summary: ['[a, b]', '3.5', 'false'], topic: ['[x]', '7'],
  minutes: ['eight', '[8]', '1.5', '0', '121', 'true', '1e999', '"8"'],
  views: ['memory', '[]', '[nope]', '7', '[memory, memory, memory, memory, memory, memory, memory, memory, memory, memory, memory, memory, memory]'],
  editable: ['yes', '3', '[no.such.key]'], locked: ['everything', '[no.such.key]'], goals: ['none', '[1]'], hints: ['4', '[""]'], sources: ['5', '[""]'],
};

describe('fuzz: lesson files', () => {
  it('arbitrary frontmatter text never throws: the lesson loads or gets problems naming lesson.md', () => {
    fc.assert(fc.property(lesson, fc.oneof(yamlish, fc.string({ unit: 'binary', maxLength: 200 })), ({ dir, files }, front) => {
      const { body } = splitMd(files['lesson.md'] ?? '');
      load(dir, { ...files, 'lesson.md': joinMd([front], body) });
    }), fuzz(120));
  }, FUZZ_TIMEOUT_MS);

  it('a dropped frontmatter field: a required one is reported by name', () => {
    fc.assert(fc.property(lesson, fc.constantFrom(...FRONTMATTER_KEYS), ({ dir, files }, key) => {
      const { front, body } = splitMd(files['lesson.md'] ?? '');
      const block = keyBlock(front, key);
      if (!block) return;
      const { problems } = load(dir, { ...files, 'lesson.md': joinMd([...front.slice(0, block.start), ...front.slice(block.end)], body) });
      if (REQUIRED.includes(key)) {
        expect(problems.some((p) => p.severity === 'error' && p.file === `${dir}/lesson.md` && p.field === key), `dropped ${key}`).toBe(true);
      }
    }), fuzz(50));
  }, FUZZ_TIMEOUT_MS);

  it('a frontmatter field of the wrong type is reported with its name and line', () => {
    fc.assert(fc.property(lesson, fc.constantFrom(...Object.keys(WRONG)), fc.nat(), ({ dir, files }, key, pick) => {
      const { front, body } = splitMd(files['lesson.md'] ?? '');
      const block = keyBlock(front, key);
      const choices = WRONG[key] ?? [];
      const value = choices[pick % choices.length];
      if (!block || value === undefined) return;
      const edited = [...front.slice(0, block.start), `${key}: ${value}`, ...front.slice(block.end)];
      const { r, problems } = load(dir, { ...files, 'lesson.md': joinMd(edited, body) });
      expect(r.ok, `${key}: ${value}`).toBe(false);
      const named = problems.filter((p) => p.file === `${dir}/lesson.md` && (p.field === key || p.field?.startsWith(`${key}[`) === true));
      expect(named.length, `${key}: ${value} gave ${problems.map((p) => `${p.field}: ${p.message}`).join(' | ')}`).toBeGreaterThan(0);
      for (const p of named) expect(p.line).toBe(block.start + 2);
    }), fuzz(80));
  }, FUZZ_TIMEOUT_MS);

  it('an unknown frontmatter key is reported by name', () => {
    const key = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,12}$/).filter((k) => !FRONTMATTER_KEYS.includes(k));
    fc.assert(fc.property(lesson, key, fc.nat(), ({ dir, files }, k, at) => {
      const { front, body } = splitMd(files['lesson.md'] ?? '');
      const starts = front.map((l, i) => (/^[a-z]+:/.test(l) ? i : -1)).filter((i) => i >= 0);
      const i = starts[at % starts.length] ?? 0;
      const { r, problems } = load(dir, { ...files, 'lesson.md': joinMd([...front.slice(0, i), `${k}: 1`, ...front.slice(i)], body) });
      expect(r.ok).toBe(false);
      expect(problems.some((p) => p.field === k && /not a known key/.test(p.message)), k).toBe(true);
    }), fuzz(50));
  }, FUZZ_TIMEOUT_MS);

  it('lesson.md, params.jsonc or solution.jsonc edited anywhere: loads, or problems name the file', () => {
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 30 }), fc.oneof(fc.string({ unit: 'binary', maxLength: 10 }),
      fc.constantFrom('', '\n', '---\n', '## ', '```step\n', '```', '{', '}', '"', ': ', '\t', '  - ', 'NaN', '[')));
    fc.assert(fc.property(lesson, fc.constantFrom('lesson.md', 'params.jsonc', 'solution.jsonc'), edit, ({ dir, files }, name, [at, cut, insert]) => {
      const text = files[name];
      if (text === undefined) return;
      const k = at % (text.length + 1);
      const { r, problems } = load(dir, { ...files, [name]: text.slice(0, k) + insert + text.slice(k + cut) });
      // A broken scenario file is reported as that file, at a line inside it.
      if (!r.ok && name !== 'lesson.md' && problems.every((p) => p.file !== `${dir}/lesson.md`)) {
        expect(problems.some((p) => p.file === `${dir}/${name}` && p.line !== undefined)).toBe(true);
      }
    }), fuzz(100));
  }, FUZZ_TIMEOUT_MS);

  it('a whole lesson folder of arbitrary files and names never throws', () => {
    const path = fc.tuple(fc.oneof(fc.constantFrom('lessons/04-prezero', 'lessons/4', 'lessons/../x', '/lessons/13-new', ''), fc.string({ maxLength: 12 })),
      fc.oneof(fc.constantFrom('lesson.md', 'params.jsonc', 'solution.jsonc', 'notes.txt'), fc.string({ maxLength: 8 })))
      .map(([d, n]) => `${d}/${n}`);
    fc.assert(fc.property(fc.dictionary(path, fc.string({ maxLength: 200 }), { maxKeys: 6 }), (files) => {
      const { problems } = buildLessons(files);
      for (const p of problems) expect(typeof p.file === 'string' && p.message.length > 3).toBe(true);
    }), fuzz(100));
  }, FUZZ_TIMEOUT_MS);
});

describe('fuzz: a step\'s scenario edits round-trip', () => {
  /** Every leaf of a scenario value as a step's `set` writes it. */
  function leaves(value: unknown, prefix = ''): FieldSet[] {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix === '' ? [] : [{ path: prefix, value: value as FieldSet['value'] }];
    return Object.entries(value).flatMap(([k, v]) => (k === '$schema' ? [] : leaves(v, prefix === '' ? k : `${prefix}.${k}`)));
  }
  const valueAt = (root: unknown, path: string) => path.split('.').reduce<unknown>((cur, k) => (cur !== null && typeof cur === 'object' ? Reflect.get(cur, k) : undefined), root);

  it('values set into a lesson\'s scenario text read back the same, comments and the rest kept', () => {
    const params = LESSONS.map((l) => l.files['params.jsonc'] ?? '{}');
    fc.assert(fc.property(fc.constantFrom(...params), validScenario, (text, value) => {
      const sets = leaves(value);
      const edited = applySets(text, sets);
      const r = parseScenarioText(edited);
      if (!r.ok) expect.fail(`${r.problems.map((p) => p.message).join('; ')}\n${edited}`);
      for (const s of sets) expect(valueAt(r.input, s.path), s.path).toEqual(s.value);
      // A comment of the lesson's text survives the edits.
      const comment = /\/\/[^\n]*/.exec(text)?.[0];
      if (comment) expect(edited).toContain(comment);
    }), fuzz(50));
  }, FUZZ_TIMEOUT_MS);
});
