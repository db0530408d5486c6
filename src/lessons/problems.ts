/**
 * What is wrong with a lesson, said so an author can fix it: the file, the line when
 * known, the field (as "goals[1].max") and a message that reads after the field name.
 */

export interface LessonProblem {
  readonly severity: 'error' | 'warning';
  /** Path as the author sees it: "lessons/03-zeroing/lesson.md". */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** "goals[1].max", "steps[2].set["guest.ramGiB"]"; absent for whole-file problems. */
  readonly field?: string;
  readonly message: string;
}

/**
 * "lessons/03-zeroing/lesson.md:14:5: goals[1].max must be a number",
 * "lessons/03-zeroing/lesson.md:9:10: goals[0].max: Numbers are written in decimal."
 */
export function formatLessonProblem(p: LessonProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  const severity = p.severity === 'warning' ? 'warning: ' : '';
  // A message that is a sentence of its own (the YAML reader's) follows the field after a colon.
  const field = p.field === undefined ? '' : /^[A-Z"]/.test(p.message) ? `${p.field}: ` : `${p.field} `;
  return `${where}: ${severity}${field}${p.message}`;
}

export function hasErrors(problems: readonly LessonProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
