import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { embedLessonIndex } from './scripts/embed-lesson-index.ts';
import { startChunk } from './scripts/start-chunk.ts';

export default defineConfig({
  // startChunk: the code every page needs at start goes into one chunk (see the plugin).
  plugins: [svelte(), embedLessonIndex(), startChunk()],
  // Relative asset paths: the built folder works under any sub-path of any static server.
  base: './',
  publicDir: 'static',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    // Every browser that runs es2022 follows <link rel="modulepreload">, so the polyfill for
    // those that do not would only add weight to each page's first load. Preloading stays on.
    modulePreload: { polyfill: false },
    // Two pages: the playground, and the one-column embed for other sites' docs (its own
    // small entry; the custom element in static/embed/ frames it).
    rolldownOptions: {
      input: { index: 'index.html', embed: 'embed.html' },
    },
  },
  resolve: {
    // parse.ts imports jsonc-parser's parser and scanner files, in their CommonJS build so Node
    // can load them; the app takes the ES module build of the same files, which tree-shakes and
    // is what the package's main module (used by the editor) imports too.
    alias: [{ find: /^jsonc-parser\/lib\/umd\/impl\/(\w+)\.js$/, replacement: 'jsonc-parser/lib/esm/impl/$1.js' }],
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
