/**
 * Monaco themes "bootline-light" and "bootline-dark", built from the design tokens in
 * tokens.css (editor syntax colours, surfaces, accent), so the editor cannot drift from the
 * rest of the page. Monaco wants literal #rrggbb colours, so the tokens are read from the
 * computed style of the root element while that theme is applied, and normalised.
 */
import type * as Monaco from 'monaco-editor/editor';

export type ThemeName = 'bootline-light' | 'bootline-dark';

function tokenReader(): (name: string, alpha?: string) => string {
  const style = getComputedStyle(document.documentElement);
  // The build minifies tokens ("#ffffff" becomes "#fff"), so let the canvas normalise them.
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) throw new Error('no 2d canvas context to read the design tokens with');
  return (name, alpha = '') => {
    const value = style.getPropertyValue(`--${name}`).trim();
    ctx.fillStyle = '#000000';
    ctx.fillStyle = value;
    const hex = String(ctx.fillStyle);
    if (!/^#[0-9a-f]{6}$/i.test(hex) || (hex === '#000000' && !/^(#0{3}|#0{6}|black)$/i.test(value))) {
      throw new Error(`design token --${name} is "${value}"; the Monaco theme needs an opaque colour`);
    }
    return hex + alpha;
  };
}

/** The theme for the tokens in effect now (the page's data-theme decides light or dark). */
export function themeFromTokens(dark: boolean): Monaco.editor.IStandaloneThemeData {
  const t = tokenReader();
  const fg = (name: string) => t(name).slice(1);
  return {
    base: dark ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [
      { token: '', foreground: fg('text') },
      { token: 'string.key.json', foreground: fg('syn-key') },
      { token: 'string.value.json', foreground: fg('syn-string') },
      { token: 'number.json', foreground: fg('syn-number') },
      { token: 'keyword.json', foreground: fg('syn-boolean') },
      { token: 'comment', foreground: fg('syn-comment'), fontStyle: 'italic' },
      { token: 'delimiter', foreground: fg('syn-punct') },
    ],
    colors: {
      'editor.background': t('surface'),
      'editor.foreground': t('text'),
      'editorGutter.background': t('surface'),
      'editorLineNumber.foreground': t('syn-gutter'),
      'editorLineNumber.activeForeground': t('text-3'),
      'editorCursor.foreground': t('accent'),
      'editor.selectionBackground': t('accent', '38'),
      'editor.inactiveSelectionBackground': t('accent', '1f'),
      'editor.selectionHighlightBackground': t('accent', '1a'),
      'editor.wordHighlightBackground': '#00000000',
      'editor.lineHighlightBackground': '#00000000',
      'editor.lineHighlightBorder': '#00000000',
      'editorBracketMatch.background': t('sunken'),
      'editorBracketMatch.border': t('border-strong'),
      'editorIndentGuide.background1': t('grid'),
      'editorWhitespace.foreground': t('text-4'),
      'editorError.foreground': t('bad'),
      'editorWarning.foreground': t('warn-line'),
      'editorInfo.foreground': t('accent'),
      'editorOverviewRuler.border': '#00000000',
      'editorWidget.background': t('surface'),
      'editorWidget.foreground': t('text'),
      'editorWidget.border': t('border'),
      'editorHoverWidget.background': t('surface'),
      'editorHoverWidget.foreground': t('text'),
      'editorHoverWidget.border': t('border'),
      'editorHoverWidget.statusBarBackground': t('surface-2'),
      'editorSuggestWidget.background': t('surface'),
      'editorSuggestWidget.foreground': t('text'),
      'editorSuggestWidget.border': t('border'),
      'editorSuggestWidget.selectedBackground': t('accent-soft'),
      'editorSuggestWidget.selectedForeground': t('text'),
      'editorSuggestWidget.highlightForeground': t('accent-strong'),
      'editorSuggestWidget.focusHighlightForeground': t('accent-strong'),
      'list.hoverBackground': t('sunken'),
      'list.activeSelectionBackground': t('accent-soft'),
      'list.activeSelectionForeground': t('text'),
      'list.highlightForeground': t('accent-strong'),
      'textLink.foreground': t('accent-strong'),
      'textLink.activeForeground': t('accent-strong'),
      'textCodeBlock.background': t('sunken'),
      'textPreformat.foreground': t('text'),
      focusBorder: t('accent'),
      'widget.shadow': dark ? '#00000066' : '#161a2029',
      'scrollbar.shadow': '#00000000',
      'scrollbarSlider.background': t('text-4', '59'),
      'scrollbarSlider.hoverBackground': t('text-4', '8c'),
      'scrollbarSlider.activeBackground': t('text-3', '8c'),
    },
  };
}
