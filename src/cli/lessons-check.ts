/**
 * npm run lessons:check [-- DIR] [--verbose]
 * Validates every lesson folder under DIR (default: lessons), runs each solution and each
 * starting scenario through the model, and prints problems as "file:line:col: field message".
 * Exit 0 when there are no errors (warnings are allowed), 2 otherwise. lessons-main.ts is the
 * entry point; this module only writes through `io`, so tests run it in-process.
 */
import { existsSync, statSync } from 'node:fs';
import { buildLessons, groupLessonFiles } from '../lessons/collection.ts';
import { formatLessonProblem, type LessonProblem } from '../lessons/problems.ts';
import { verifyLesson } from '../lessons/verify.ts';
import { readLessonFiles } from './lessons-fs.ts';

export interface CheckIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export function runLessonsCheck(argv: readonly string[], io: CheckIo): number {
  const verbose = argv.includes('--verbose');
  const unknown = argv.filter((a) => a.startsWith('-') && a !== '--verbose');
  if (unknown.length > 0) {
    io.err(`Unknown option ${unknown.join(' ')}. Usage: npm run lessons:check [-- DIR] [--verbose]\n`);
    return 2;
  }
  const root = argv.find((a) => !a.startsWith('-')) ?? 'lessons';
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    io.err(`${root}: no such folder of lessons\n`);
    return 2;
  }
  const files = readLessonFiles(root);
  const folders = groupLessonFiles(files).size;
  const { lessons, problems } = buildLessons(files);
  const all: LessonProblem[] = [...problems];
  for (const lesson of lessons) {
    const v = verifyLesson(lesson);
    all.push(...v.problems);
    const ok = v.problems.length === 0 ? 'ok' : 'FAILED';
    const goals = v.solution.length === 0 ? 'no goals' : `${v.solution.filter((r) => r.passing).length}/${v.solution.length} goals met by the solution, ${v.start.filter((r) => r.passing).length} at the start`;
    io.out(`${lesson.id.padEnd(24)} ${ok.padEnd(6)} ${lesson.steps.length} steps, ${goals}\n`);
    if (verbose) {
      v.start.forEach((s, k) => {
        const sol = v.solution[k];
        io.out(`    ${s.goal.id}: ${s.targetText}; start ${s.valueText} (${s.distanceText}); solution ${sol?.valueText ?? '-'} (${sol?.distanceText ?? '-'})\n`);
      });
    }
  }
  // By file, then line: the order an author fixes them in.
  all.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  for (const p of all) io.err(`${formatLessonProblem(p)}\n`);
  const errors = all.filter((p) => p.severity === 'error').length;
  const warnings = all.length - errors;
  const invalid = folders - lessons.length;
  io.out(`${folders} lessons checked${invalid > 0 ? ` (${invalid} not loaded)` : ''}: ${errors} errors, ${warnings} warnings\n`);
  return errors === 0 ? 0 : 2;
}

