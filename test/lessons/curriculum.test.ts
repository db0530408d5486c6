/**
 * The shipped lessons, loaded exactly as the page loads them (Vite's glob import): every one is
 * valid, every solution meets its goals without touching a locked key, and no starting scenario
 * already meets them.
 */
import { describe, expect, it } from 'vitest';
import { evaluateGoals } from '../../src/lessons/evaluate.ts';
import { loadLessons } from '../../src/lessons/load-vite.ts';
import { formatLessonProblem } from '../../src/lessons/problems.ts';
import { lockedViolations } from '../../src/lessons/scenario-paths.ts';
import { scenarioTextAtStep } from '../../src/lessons/step-scenario.ts';
import { run } from '../../src/sim/engine/run.ts';
import { parseScenarioText } from '../../src/sim/scenario/parse.ts';

const { lessons, problems } = loadLessons();

describe('the curriculum', () => {
  it('loads twelve lessons in the talk\'s order, with no errors and no warnings', () => {
    expect(problems.map(formatLessonProblem)).toEqual([]);
    expect(lessons.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(lessons[0]?.id).toBe('01-why-minutes');
    expect(lessons[11]?.id).toBe('12-since-2020');
  });

  it('keeps every lesson short and hands-on: 3 or 4 steps, an exercise, goals and a solution', () => {
    for (const l of lessons) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(3);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(4);
      expect(l.goals.length, l.id).toBeGreaterThan(0);
      expect(l.solution, l.id).toBeDefined();
      expect(l.steps.some((s) => s.script.predict), `${l.id} asks for a prediction`).toBe(true);
    }
  });

  for (const lesson of lessons) {
    describe(lesson.id, () => {
      const startTrace = run(lesson.params.scenario);

      it('is solved by solution.jsonc', () => {
        const solution = lesson.solution;
        if (!solution) throw new Error(`${lesson.id} has no solution`);
        const results = evaluateGoals(lesson, run(solution.scenario), startTrace);
        expect(results.filter((r) => !r.passing).map((r) => `${r.goal.id}: ${r.valueText}, ${r.distanceText}`)).toEqual([]);
      });

      it('is not already solved by params.jsonc', () => {
        const results = evaluateGoals(lesson, startTrace, startTrace);
        expect(results.some((r) => !r.passing)).toBe(true);
      });

      it('keeps locked keys in the solution as they start', () => {
        const solution = lesson.solution;
        if (!solution) throw new Error(`${lesson.id} has no solution`);
        expect(lockedViolations(lesson, lesson.params.scenario, solution.scenario)).toEqual([]);
      });

      it('gives every step a scenario that runs, and starts the exercise from params.jsonc', () => {
        lesson.steps.forEach((_, k) => {
          const r = parseScenarioText(scenarioTextAtStep(lesson.params.text, lesson.steps, k));
          expect(r.ok, `step ${k + 1}`).toBe(true);
        });
        expect(scenarioTextAtStep(lesson.params.text, lesson.steps, lesson.steps.length - 1)).toBe(lesson.params.text);
      });
    });
  }
});
