/**
 * Loads the Monaco chunk on first use. The dynamic import is what makes Vite put Monaco
 * (about 1 MB gzip) in a chunk of its own, so the page and the default run never wait for it.
 */
export type MonacoModule = typeof import('./monaco-setup.ts');

let loading: Promise<MonacoModule> | undefined;

/** JetBrains Mono must be in before Monaco measures glyph widths, or the cursor drifts. */
async function editorFontReady(): Promise<void> {
  if (!('fonts' in document)) return;
  await document.fonts.load('12.5px "JetBrains Mono"');
}

export function loadMonaco(): Promise<MonacoModule> {
  loading ??= Promise.all([import('./monaco-setup.ts'), editorFontReady()]).then(([m]) => m);
  // A failed load (offline, blocked) may work on a later attempt, so it is not cached.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
