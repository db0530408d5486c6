import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { embedLessonIndex } from './scripts/embed-lesson-index.ts';

export default defineConfig({
  plugins: [svelte(), embedLessonIndex()],
  // Relative asset paths: the built folder works under any sub-path of any static server.
  base: './',
  publicDir: 'static',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    // Two pages: the playground, and the one-column embed for other sites' docs (its own
    // small entry; the custom element in static/embed/ frames it).
    rolldownOptions: {
      input: { index: 'index.html', embed: 'embed.html' },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
