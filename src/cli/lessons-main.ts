/** Entry point of `npm run lessons:check`. */
import { runLessonsCheck } from './lessons-check.ts';

process.exitCode = runLessonsCheck(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
