/**
 * One lesson folder's raw file texts to a validated Lesson, or to problems naming the file,
 * the line and the field. The page (through Vite's glob import) and `npm run lessons:check`
 * (through the file system) both come through here, so they accept exactly the same lessons.
 */
import { parseScenarioText } from '../sim/scenario/parse.ts';
import type { Problem } from '../sim/scenario/problems.ts';
import { splitLessonMarkdown } from './markdown.ts';
import { toGoal, toHint } from './normalize.ts';
import { parseSteps, stepScenarioProblems } from './parse-steps.ts';
import type { LessonProblem } from './problems.ts';
import { frontmatterSchema, knownKeysAt } from './schema.ts';
import type { Lesson, LessonScenario } from './types.ts';
import { parseYamlLite, pathKey } from './yaml-lite.ts';
import { schemaProblems } from './zod-messages.ts';

export const LESSON_FILES = ['lesson.md', 'params.jsonc', 'solution.jsonc'] as const;
export const LESSON_ID = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export type LessonParse =
  | { readonly ok: true; readonly lesson: Lesson; readonly warnings: readonly LessonProblem[] }
  | { readonly ok: false; readonly problems: readonly LessonProblem[] };

function scenarioProblem(p: Problem, file: string): LessonProblem {
  return {
    severity: p.severity,
    file,
    ...(p.range ? { line: p.range.startLine, column: p.range.startColumn } : {}),
    message: p.message,
  };
}

function parseScenarioFile(text: string, file: string): { ok: true; value: LessonScenario; warnings: LessonProblem[] } | { ok: false; problems: LessonProblem[] } {
  const r = parseScenarioText(text);
  if (!r.ok) return { ok: false, problems: r.problems.map((p) => scenarioProblem(p, file)) };
  return { ok: true, value: { text, input: r.input, scenario: r.scenario }, warnings: r.warnings.map((p) => scenarioProblem(p, file)) };
}

/**
 * `dir` is the folder as authors see it ("lessons/03-zeroing"); `files` maps each file name in
 * it to its text.
 */
export function parseLesson(dir: string, files: Readonly<Record<string, string>>): LessonParse {
  const id = dir.split('/').pop() ?? dir;
  const problems: LessonProblem[] = [];
  const warnings: LessonProblem[] = [];
  const err = (file: string, message: string, extra: Partial<LessonProblem> = {}) => problems.push({ severity: 'error', file, message, ...extra });

  const idMatch = LESSON_ID.exec(id);
  if (!idMatch) err(dir, 'is not a lesson folder name: use two digits, a dash and a lowercase slug, like "03-zeroing"');
  for (const name of Object.keys(files)) {
    if (!LESSON_FILES.some((f) => f === name)) err(`${dir}/${name}`, `is not a lesson file; a lesson folder holds only ${LESSON_FILES.join(', ')}`);
  }
  const mdFile = `${dir}/lesson.md`;
  const md = files['lesson.md'];
  const paramsText = files['params.jsonc'];
  if (md === undefined) err(mdFile, 'is missing');
  if (paramsText === undefined) err(`${dir}/params.jsonc`, 'is missing: every lesson starts from a scenario');
  if (md === undefined || paramsText === undefined || !idMatch) return { ok: false, problems };

  const split = splitLessonMarkdown(md);
  if (!split.ok) return { ok: false, problems: [...problems, ...split.problems.map((p) => ({ severity: 'error' as const, file: mdFile, line: p.line, message: p.message }))] };
  warnings.push(...split.warnings.map((p) => ({ severity: 'warning' as const, file: mdFile, line: p.line, message: p.message })));

  const yaml = parseYamlLite(split.frontmatter, split.frontmatterLineOffset);
  if (!yaml.ok) {
    const field = yaml.error.path.length > 0 ? { field: pathKey(yaml.error.path) } : {};
    return { ok: false, problems: [...problems, { severity: 'error', file: mdFile, line: yaml.error.line, column: yaml.error.column, ...field, message: yaml.error.message }] };
  }
  const fm = frontmatterSchema.safeParse(yaml.value);
  if (!fm.success) problems.push(...schemaProblems(fm.error, yaml.value, yaml.positions, mdFile, (p) => knownKeysAt('frontmatter', p), [], 1));

  const parsedSteps = parseSteps(split.steps, mdFile);
  problems.push(...parsedSteps.problems);
  const steps = parsedSteps.steps;

  const params = parseScenarioFile(paramsText, `${dir}/params.jsonc`);
  if (!params.ok) problems.push(...params.problems);
  const goalsRaw = fm.success ? (fm.data.goals ?? []) : [];
  const solutionText = files['solution.jsonc'];
  let solution: LessonScenario | undefined;
  if (solutionText !== undefined) {
    const s = parseScenarioFile(solutionText, `${dir}/solution.jsonc`);
    if (s.ok) {
      solution = s.value;
      warnings.push(...s.warnings);
    } else {
      problems.push(...s.problems);
    }
    if (fm.success && goalsRaw.length === 0) err(`${dir}/solution.jsonc`, 'solves nothing: the lesson has no goals (add goals, or remove the file)');
  } else if (goalsRaw.length > 0) {
    err(`${dir}/solution.jsonc`, 'is missing: a lesson with goals ships the scenario that meets them');
  }

  if (fm.success) {
    const { editable = [], locked = [] } = fm.data;
    for (const path of editable.filter((p) => locked.includes(p))) {
      err(mdFile, `lists "${path}" as both editable and locked`, { field: 'editable', line: yaml.positions.get('editable')?.line ?? 1 });
    }
    const ids = goalsRaw.map((g) => g.id);
    ids.forEach((gid, k) => {
      if (ids.indexOf(gid) !== k) err(mdFile, `repeats the goal id "${gid}"; ids must be unique in a lesson`, { field: `goals[${k}].id`, line: yaml.positions.get(`goals[${k}]`)?.line ?? 1 });
    });
  }

  if (params.ok && steps.length === split.steps.length) problems.push(...stepScenarioProblems(paramsText, steps, mdFile));

  if (problems.length > 0 || !fm.success || !params.ok) return { ok: false, problems };
  const f = fm.data;
  const lesson: Lesson = {
    id,
    number: Number(idMatch[1]),
    dir,
    title: f.title,
    summary: f.summary,
    minutes: f.minutes,
    ...(f.topic !== undefined ? { topic: f.topic } : {}),
    views: f.views,
    editable: f.editable ?? [],
    locked: f.locked ?? [],
    goals: goalsRaw.map(toGoal),
    hints: (f.hints ?? []).map(toHint),
    sources: f.sources ?? [],
    steps,
    params: params.value,
    ...(solution ? { solution } : {}),
  };
  return { ok: true, lesson, warnings };
}
