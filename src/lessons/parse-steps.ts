/** A lesson's steps: each ```step block checked against the schema, and each step's scenario run through the model's parser. */
import { parseScenarioText } from '../sim/scenario/parse.ts';
import type { RawStep } from './markdown.ts';
import { scenarioKeysInProse } from './markdown.ts';
import { toStepScript } from './normalize.ts';
import type { LessonProblem } from './problems.ts';
import { fieldKind, unknownPathMessage } from './scenario-paths.ts';
import { knownKeysAt, stepScriptSchema } from './schema.ts';
import { scenarioTextAtStep } from './step-scenario.ts';
import type { Step } from './types.ts';
import { parseYamlLite, pathKey, type YamlPath, type YamlPosition } from './yaml-lite.ts';
import { schemaProblems } from './zod-messages.ts';

/** Steps that check out; a step with problems is left out (and reported). */
export function parseSteps(raws: readonly RawStep[], mdFile: string): { steps: Step[]; problems: LessonProblem[] } {
  const steps: Step[] = [];
  const problems: LessonProblem[] = [];
  raws.forEach((raw, index) => {
    const prefix: YamlPath = ['steps', index];
    let scriptRaw: unknown;
    let positions: ReadonlyMap<string, YamlPosition> = new Map();
    if (raw.script) {
      const y = parseYamlLite(raw.script.text, raw.script.lineOffset);
      if (!y.ok) {
        problems.push({ severity: 'error', file: mdFile, line: y.error.line, column: y.error.column, field: pathKey([...prefix, ...y.error.path]), message: y.error.message });
        return;
      }
      scriptRaw = y.value;
      positions = y.positions;
    }
    const script = stepScriptSchema.safeParse(scriptRaw ?? {});
    if (!script.success) {
      problems.push(...schemaProblems(script.error, scriptRaw, positions, mdFile, (p) => knownKeysAt('step', p), prefix, raw.script?.lineOffset ?? raw.line));
      return;
    }
    for (const key of scenarioKeysInProse(raw.markdown)) {
      if (fieldKind(key) === undefined) {
        problems.push({ severity: 'error', file: mdFile, line: raw.line, field: pathKey(prefix), message: `mentions \`${key}\`, which ${unknownPathMessage(key)}` });
      }
    }
    steps.push({ index, line: raw.line, title: raw.title, markdown: raw.markdown, script: toStepScript(script.data) });
  });
  return { steps, problems };
}

/** Every step's scenario must run: a `set` with a bad value is reported at its step. */
export function stepScenarioProblems(paramsText: string, steps: readonly Step[], mdFile: string): LessonProblem[] {
  return steps.flatMap((step, k) => {
    if (step.script.set.length === 0) return [];
    const r = parseScenarioText(scenarioTextAtStep(paramsText, steps, k));
    if (r.ok) return [];
    return r.problems.map((p) => ({
      severity: 'error' as const, file: mdFile, line: step.line, field: pathKey(['steps', k, 'set']), message: `makes an invalid scenario: ${p.message}`,
    }));
  });
}
