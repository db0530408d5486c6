/**
 * Vite plugin: writes embed/lessons.json (every valid lesson's id, number, title and step
 * titles) next to the custom element's script, so its still preview card can name a lesson
 * without loading the playground. Built from lessons/ with the app's own lesson parser.
 */
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { readLessonFiles } from '../src/cli/lessons-fs.ts';
import { buildLessons } from '../src/lessons/collection.ts';

export const LESSON_INDEX_PATH = 'embed/lessons.json';

export interface LessonIndexEntry {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly steps: readonly string[];
}

export function lessonIndex(root: string): string {
  const { lessons } = buildLessons(readLessonFiles(resolve(root, 'lessons'), root));
  const entries: LessonIndexEntry[] = lessons.map((l) => ({ id: l.id, number: l.number, title: l.title, steps: l.steps.map((s) => s.title) }));
  return `${JSON.stringify({ version: 1, lessons: entries })}\n`;
}

export function embedLessonIndex(): Plugin {
  let root = process.cwd();
  return {
    name: 'bootline-embed-lesson-index',
    configResolved(config) {
      root = config.root;
    },
    // The dev server answers the same path, read fresh so lesson edits show.
    configureServer(server) {
      server.middlewares.use(`/${LESSON_INDEX_PATH}`, (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(lessonIndex(root));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: LESSON_INDEX_PATH, source: lessonIndex(root) });
    },
  };
}
