/**
 * A thin typed wrapper around one Monaco editor for the scenario. It never decides what the
 * text is: user edits go out through hooks.onChange, the store's text comes in through
 * applyExternalText, and undo/redo keys go to the store so the code editor and the form
 * share one history.
 */
import * as monaco from 'monaco-editor/editor';
import type { Problem } from '../../sim/scenario/problems.ts';
import { themeFromTokens, type ThemeName } from './monaco-theme.ts';

export interface ScenarioEditorHooks {
  onChange(text: string): void;
  onUndo(): void;
  onRedo(): void;
  /** Tab now moves focus instead of indenting (after Escape, or Ctrl+M). */
  onTabMovesFocus(on: boolean): void;
  onFocus(focused: boolean): void;
}

/** A line that drives the selected span: the first gets the bar and the lens, others a dot. */
export interface Driver {
  readonly line: number;
  readonly primary: boolean;
  /** "drives dma-map", shown after the primary line. */
  readonly lens?: string;
}

const FONT_FAMILY = "'JetBrains Mono', ui-monospace, 'SFMono-Regular', Menlo, monospace";

// Widgets whose own Escape must win over "Escape arms Tab to leave the editor".
let editorCount = 0;

const ESCAPE_FREE = '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !renameInputVisible && !inSnippetMode && !editorHasMultipleSelections && !markersNavigationVisible';

export class ScenarioEditor {
  readonly #editor: monaco.editor.IStandaloneCodeEditor;
  readonly #model: monaco.editor.ITextModel;
  readonly #drivers: monaco.editor.IEditorDecorationsCollection;
  /** Hover cards and completion live here, above every panel, not inside the editor column. */
  readonly #overflow: HTMLDivElement;
  /** This editor's keyboard commands, which Monaco registers page-wide: they go with dispose(). */
  readonly #commands: monaco.IDisposable[] = [];
  /** Set while the store's text is written in, so that write is not echoed back as typing. */
  #applying = false;
  #escaped = false;
  /** Ctrl+M is on: Tab moves focus until it is pressed again. */
  #tabMoves = false;

  constructor(host: HTMLElement, model: monaco.editor.ITextModel, dark: boolean, hooks: ScenarioEditorHooks) {
    this.#model = model;
    this.setDark(dark);
    // The editor column is a sticky stacking context; widgets inside it would paint under
    // the output column. A body-level node (with Monaco's class, so its styles apply) cannot.
    this.#overflow = document.createElement('div');
    this.#overflow.className = 'monaco-editor bl-overflow-widgets';
    document.body.append(this.#overflow);
    this.#editor = monaco.editor.create(host, {
      model,
      ariaLabel: 'Scenario, JSONC. Press Escape then Tab to leave the editor.',
      fontFamily: FONT_FAMILY,
      fontSize: 12.5,
      lineHeight: 20,
      fontLigatures: false,
      letterSpacing: 0,
      tabSize: 2,
      insertSpaces: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      renderLineHighlight: 'none',
      lineNumbersMinChars: 3,
      // Monaco dims the number of an empty last line below readable contrast; show it as any other.
      renderFinalNewline: 'on',
      lineDecorationsWidth: 10,
      glyphMargin: false,
      folding: true,
      showFoldingControls: 'mouseover',
      guides: { indentation: false },
      bracketPairColorization: { enabled: false },
      matchBrackets: 'near',
      stickyScroll: { enabled: false },
      padding: { top: 8, bottom: 8 },
      // At the top or end of the text the wheel scrolls the page, not nothing: a page (or a
      // docs page embedding the playground) must never trap the scroll inside the editor.
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10, useShadows: false, alwaysConsumeMouseWheel: false },
      automaticLayout: true,
      // The column is 440 px wide: hover cards and completion may overflow it.
      fixedOverflowWidgets: true,
      overflowWidgetsDomNode: this.#overflow,
      quickSuggestions: { other: 'on', comments: 'off', strings: 'on' },
      wordBasedSuggestions: 'off',
      hover: { delay: 300 },
      contextmenu: true,
      unicodeHighlight: { ambiguousCharacters: false },
    });
    this.#drivers = this.#editor.createDecorationsCollection();
    // Brackets keep the punctuation colour (design: one neutral for punctuation). It is a
    // model option that creating the editor resets from its configuration, so it goes after.
    model.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });

    this.#model.onDidChangeContent(() => {
      if (!this.#applying) hooks.onChange(this.#model.getValue());
    });
    const { KeyMod, KeyCode } = monaco;
    // Monaco's commands and keybindings are page-wide; a context key that only this editor sets
    // keeps a second editor on the page from running this one's handlers. They are registered
    // as disposables, not with editor.addCommand, which never unregisters its command and so
    // would keep every closed editor (and the page it sat in) in memory.
    const mine = `bootlineScenarioEditor${++editorCount}`;
    this.#editor.createContextKey(mine, true);
    const command = (keybinding: number, run: () => void, when: string) => {
      const id = `${mine}.${this.#commands.length}`;
      this.#commands.push(monaco.editor.addCommand({ id, run }), monaco.editor.addKeybindingRule({ keybinding, command: id, when }));
    };
    command(KeyMod.CtrlCmd | KeyCode.KeyZ, () => hooks.onUndo(), mine);
    command(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, () => hooks.onRedo(), mine);
    command(KeyMod.CtrlCmd | KeyCode.KeyY, () => hooks.onRedo(), mine);
    // Monaco keeps Tab for indenting. Escape (with no widget open) lets the next Tab leave,
    // like VS Code's tab-focus mode; any other key takes Tab back. Ctrl+M toggles it for good.
    command(KeyCode.Escape, () => this.#setEscaped(true), `${mine} && ${ESCAPE_FREE}`);
    // Monaco's own Ctrl+M flips a page-wide flag the editor never reports, so the hint under
    // the editor could not follow it; this one sets the editor's option, which it reports.
    const ctrl = /Mac|iPhone|iPad/.test(navigator.platform) ? KeyMod.WinCtrl : KeyMod.CtrlCmd;
    command(ctrl | KeyCode.KeyM, () => this.#toggleTabMoves(), mine);
    this.#editor.onKeyDown((e) => {
      const passive = [KeyCode.Escape, KeyCode.Tab, KeyCode.Shift, KeyCode.Ctrl, KeyCode.Alt, KeyCode.Meta];
      if (!passive.includes(e.keyCode)) this.#setEscaped(false);
    });
    this.#editor.onDidChangeConfiguration((e) => {
      if (e.hasChanged(monaco.editor.EditorOption.tabFocusMode)) hooks.onTabMovesFocus(this.#editor.getOption(monaco.editor.EditorOption.tabFocusMode));
    });
    this.#editor.onDidFocusEditorText(() => hooks.onFocus(true));
    this.#editor.onDidBlurEditorText(() => {
      this.#setEscaped(false);
      hooks.onFocus(false);
    });
  }

  #setEscaped(on: boolean): void {
    if (this.#escaped === on) return;
    this.#escaped = on;
    this.#editor.updateOptions({ tabFocusMode: on || this.#tabMoves });
  }

  #toggleTabMoves(): void {
    this.#tabMoves = !this.#tabMoves;
    this.#escaped = false;
    this.#editor.updateOptions({ tabFocusMode: this.#tabMoves });
  }

  /**
   * Writes text that changed elsewhere (form, undo, reset, a link). Only the changed middle is
   * replaced, so the cursor, selection and scroll stay put unless the change swallowed them.
   */
  applyExternalText(text: string): void {
    const old = this.#model.getValue();
    if (old === text) return;
    let start = 0;
    while (start < old.length && start < text.length && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let endOld = old.length;
    let endNew = text.length;
    while (endOld > start && endNew > start && old.charCodeAt(endOld - 1) === text.charCodeAt(endNew - 1)) {
      endOld--;
      endNew--;
    }
    const range = monaco.Range.fromPositions(this.#model.getPositionAt(start), this.#model.getPositionAt(endOld));
    this.#applying = true;
    try {
      this.#editor.executeEdits('bootline.store', [{ range, text: text.slice(start, endNew) }]);
    } finally {
      this.#applying = false;
    }
  }

  /** The store's problems as markers on their exact source ranges. */
  setProblems(problems: readonly Problem[]): void {
    const markers = problems.flatMap((p): monaco.editor.IMarkerData[] => {
      if (!p.range) return [];
      const r = p.range;
      const empty = r.startLine === r.endLine && r.startColumn === r.endColumn;
      return [{
        severity: p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: p.message,
        source: 'scenario',
        startLineNumber: r.startLine,
        startColumn: r.startColumn,
        endLineNumber: r.endLine,
        endColumn: empty ? r.endColumn + 1 : r.endColumn,
      }];
    });
    monaco.editor.setModelMarkers(this.#model, 'bootline', markers);
  }

  setDrivers(drivers: readonly Driver[]): void {
    const lineCount = this.#model.getLineCount();
    this.#drivers.set(
      drivers
        .filter((d) => d.line >= 1 && d.line <= lineCount)
        .flatMap((d): monaco.editor.IModelDeltaDecoration[] => {
          const line: monaco.editor.IModelDeltaDecoration = {
            range: new monaco.Range(d.line, 1, d.line, 1),
            options: {
              isWholeLine: true,
              className: 'bl-drive-line',
              marginClassName: d.primary ? 'bl-drive-margin' : 'bl-drive-margin-dot',
            },
          };
          if (!d.primary || !d.lens) return [line];
          const end = this.#model.getLineMaxColumn(d.line);
          const lens: monaco.editor.IModelDeltaDecoration = {
            range: new monaco.Range(d.line, end, d.line, end),
            options: { showIfCollapsed: true, after: { content: `\u00a0\u00a0◆ ${d.lens}`, inlineClassName: 'bl-drive-lens' } },
          };
          return [line, lens];
        }),
    );
  }

  /** Puts the cursor at a 1-based line and column and scrolls it into view. */
  revealAt(line: number, column: number, focus = true): void {
    this.#editor.setPosition({ lineNumber: line, column });
    this.#editor.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column });
    if (focus) this.#editor.focus();
  }

  setDark(dark: boolean): void {
    const name: ThemeName = dark ? 'bootline-dark' : 'bootline-light';
    monaco.editor.defineTheme(name, themeFromTokens(dark));
    monaco.editor.setTheme(name);
  }

  /** Fonts that arrive after the editor measured its glyphs would misplace the cursor. */
  remeasureFonts(): void {
    monaco.editor.remeasureFonts();
  }

  dispose(): void {
    for (const c of this.#commands.splice(0)) c.dispose();
    this.#editor.dispose();
    // Monaco's marker service keeps markers by model address after the model is gone.
    monaco.editor.setModelMarkers(this.#model, 'bootline', []);
    this.#model.dispose();
    this.#overflow.remove();
  }
}
