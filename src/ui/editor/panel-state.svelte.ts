/**
 * The editor panel's own state: which view shows (code or form), whether the code editor
 * has been asked for yet (it loads on first use), and what the keyboard hint should say.
 */
export type EditorMode = 'jsonc' | 'form';

/** design-language.md: below 1024 px the schema-generated form replaces Monaco. */
const NARROW = '(max-width: 1023.98px)';

export class PanelState {
  mode = $state<EditorMode>('jsonc');
  /** Set the first time the code view shows; Monaco is never fetched before that. */
  codeWanted = $state(false);
  /** Monaco is focused: show how to leave it. */
  codeFocused = $state(false);
  /** Tab moves focus out of Monaco now (after Escape, or tab-focus mode via Ctrl+M). */
  tabMovesFocus = $state(false);

  constructor() {
    const narrow = typeof matchMedia === 'function' && matchMedia(NARROW).matches;
    this.show(narrow ? 'form' : 'jsonc');
  }

  show(mode: EditorMode): void {
    this.mode = mode;
    if (mode === 'jsonc') this.codeWanted = true;
  }
}
