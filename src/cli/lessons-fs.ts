/** The Node loader: reads lesson folders from disk into the same path -> text map Vite's glob gives. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Every file one level down in `root` ("lessons/03-zeroing/lesson.md"), keyed by its path from
 * `cwd` with forward slashes. Dotfiles are skipped, as Vite's glob skips them.
 */
export function readLessonFiles(root: string, cwd = process.cwd()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dir of readdirSync(root).sort()) {
    const dirPath = join(root, dir);
    if (dir.startsWith('.') || !statSync(dirPath).isDirectory()) continue;
    for (const name of readdirSync(dirPath).sort()) {
      const file = join(dirPath, name);
      if (name.startsWith('.') || !statSync(file).isFile()) continue;
      out[relative(cwd, file).split(sep).join('/')] = readFileSync(file, 'utf8');
    }
  }
  return out;
}
