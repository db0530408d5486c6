/** Lessons: loading, validation, goals, step scripting. Pure: no Svelte, no DOM. */
export { loadLessons, lessonFilesFromBundle } from './load-vite.ts';
export { buildLessons, groupLessonFiles, type LessonCollection } from './collection.ts';
export { parseLesson, LESSON_FILES, type LessonParse } from './parse-lesson.ts';
export { evaluateGoals, evaluateGoal, needsStartRun, isRelative, type GoalResult } from './evaluate.ts';
export { checkPrediction, guessUnit, type PredictionCheck } from './predict.ts';
export { resolvePlayhead, parsePlayhead } from './playhead.ts';
export { applySets, scenarioTextAtStep, viewAtStep } from './step-scenario.ts';
export { firstView, playheadAtStep, stepFrame, type StepFrame } from './step-frame.ts';
export { isLocked, lockedViolations } from './scenario-paths.ts';
export { lessonLinks, parseLessonHref } from './markdown.ts';
export { verifyLesson, type LessonVerification } from './verify.ts';
export { formatLessonProblem, hasErrors, type LessonProblem } from './problems.ts';
export { quantityLabel, type Quantity } from './quantity.ts';
export { VIEW_NAMES, MARKER_NAMES } from './types.ts';
export type * from './types.ts';
