/// <reference types="vite/client" />
/**
 * The page's loader: Vite bundles every lesson file as text at build time (and reloads it in
 * dev). Vitest runs through Vite too, so tests load lessons exactly as the page does.
 */
import { buildLessons, type LessonCollection } from './collection.ts';

let cached: LessonCollection | undefined;

export function lessonFilesFromBundle(): Record<string, string> {
  return import.meta.glob<string>('/lessons/*/*', { query: '?raw', import: 'default', eager: true });
}

/** Every lesson, validated; lessons with errors are left out and their problems listed. */
export function loadLessons(): LessonCollection {
  cached ??= buildLessons(lessonFilesFromBundle());
  return cached;
}
