/**
 * The promise every exercise makes, checked by running the model: the solution meets every
 * goal without touching a locked key, and the starting scenario does not already meet them.
 */
import { run } from '../sim/engine/run.ts';
import type { Trace } from '../sim/trace/types.ts';
import { evaluateGoals, type GoalResult } from './evaluate.ts';
import type { LessonProblem } from './problems.ts';
import { lockedViolations } from './scenario-paths.ts';
import type { Lesson } from './types.ts';

export interface LessonVerification {
  readonly lesson: Lesson;
  /** Goals on the starting run (params.jsonc). */
  readonly start: readonly GoalResult[];
  /** Goals on the solution's run; empty without goals. */
  readonly solution: readonly GoalResult[];
  readonly problems: readonly LessonProblem[];
}

export function verifyLesson(lesson: Lesson): LessonVerification {
  if (lesson.goals.length === 0 || !lesson.solution) return { lesson, start: [], solution: [], problems: [] };
  const startTrace: Trace = run(lesson.params.scenario);
  const solutionTrace: Trace = run(lesson.solution.scenario);
  const start = evaluateGoals(lesson, startTrace, startTrace);
  const solution = evaluateGoals(lesson, solutionTrace, startTrace);
  const problems: LessonProblem[] = [];
  const solutionFile = `${lesson.dir}/solution.jsonc`;
  solution.forEach((r, k) => {
    if (!r.passing) {
      problems.push({
        severity: 'error',
        file: solutionFile,
        field: `goals[${k}]`,
        message: `does not meet goal "${r.goal.id}": ${r.valueText}, needs ${r.targetText} (${r.distanceText})`,
      });
    }
  });
  if (start.every((r) => r.passing)) {
    problems.push({ severity: 'error', file: `${lesson.dir}/params.jsonc`, message: 'already meets every goal: the exercise has nothing left to do' });
  }
  for (const path of lockedViolations(lesson, lesson.params.scenario, lesson.solution.scenario)) {
    problems.push({ severity: 'error', file: solutionFile, field: path, message: 'is locked in this lesson, but the solution changes it' });
  }
  return { lesson, start, solution, problems };
}
