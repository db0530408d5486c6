/**
 * The Monaco chunk's entry: everything here loads only through the dynamic import in
 * monaco-loader.ts, so the page runs (with a plain textarea) before about a megabyte of
 * editor arrives. Entry points per design/toolchain.md: the API-only `monaco-editor/editor`,
 * `features/register.all` (without it completion never shows), the JSON language from
 * `languages/features/json/register`, and Vite `?worker` imports.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { SCENARIO_SCHEMA_URI, scenarioJsonSchema } from '../../sim/scenario/json-schema.ts';
import { hoverMarkdown, hoverTarget } from './scenario-hover.ts';
import { ScenarioEditor, type ScenarioEditorHooks } from './scenario-editor.ts';
import './monaco.css';

// Monaco asks for a worker by label; the JSON label needs the JSON language worker and
// every other label (the editor's own diff and link computations) the base worker.
self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

const schema = scenarioJsonSchema();
/** Model URIs that hold a scenario: the schema's fileMatch and the hover provider use it. */
const scenarioUris = new Set<string>();

function configureJson(): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: true,
    comments: 'ignore',
    trailingCommas: 'ignore',
    enableSchemaRequest: false,
    schemas: [{ uri: SCENARIO_SCHEMA_URI, fileMatch: [...scenarioUris], schema }],
  });
}

// The store's problems are the one source of markers (friendlier wording, the same text the
// timeline ran), so the JSON worker's own diagnostics are off; its hovers give way to the
// card below, which adds the path, the range and the talk. Completion, folding and
// formatting stay with the worker, which reads the schema.
jsonDefaults.setModeConfiguration({
  ...jsonDefaults.modeConfiguration,
  diagnostics: false,
  hovers: false,
});
configureJson();

monaco.languages.registerHoverProvider('json', {
  provideHover(model, position) {
    if (!scenarioUris.has(model.uri.toString())) return null;
    const target = hoverTarget(model.getValue(), model.getOffsetAt(position));
    if (!target) return null;
    return {
      range: monaco.Range.fromPositions(model.getPositionAt(target.start), model.getPositionAt(target.end)),
      contents: [{ value: hoverMarkdown(target.node) }],
    };
  },
});

let modelCount = 0;

/** A model for a scenario, named so the schema and the hover card apply to it. */
function createScenarioModel(text: string): monaco.editor.ITextModel {
  modelCount++;
  const uri = monaco.Uri.parse(`inmemory://bootline/${modelCount === 1 ? 'scenario' : `scenario-${modelCount}`}.jsonc`);
  scenarioUris.add(uri.toString());
  configureJson();
  const model = monaco.editor.createModel(text, 'json', uri);
  model.onWillDispose(() => {
    scenarioUris.delete(uri.toString());
    configureJson();
  });
  return model;
}

/** The scenario editor in `host`; its model goes away with it. */
export function createScenarioEditor(host: HTMLElement, text: string, dark: boolean, hooks: ScenarioEditorHooks): ScenarioEditor {
  return new ScenarioEditor(host, createScenarioModel(text), dark, hooks);
}

export type { ScenarioEditor, Driver, ScenarioEditorHooks } from './scenario-editor.ts';
