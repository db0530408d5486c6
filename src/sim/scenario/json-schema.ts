/**
 * The scenario's JSON Schema, generated from the zod schema, for the editor's completion,
 * hover text and validation. Descriptions carry meaning, unit, default and source.
 */
import * as z from 'zod/mini';
import { scenarioSchema } from './schema.ts';

export const SCENARIO_SCHEMA_URI = 'https://bootline.dev/schema/scenario.json';

export function scenarioJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }), $id: SCENARIO_SCHEMA_URI };
}
