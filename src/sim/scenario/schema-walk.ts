/**
 * Finds the zod type and registry metadata (the unit) of the field at a path of the scenario.
 * Works on zod's core classes, so it does not care whether a schema was built with zod or
 * zod/mini. What a field means for people is in field-docs.ts, not here.
 */
import * as z from 'zod/mini';
import { scenarioSchema } from './schema.ts';
import type { ScenarioPath } from './problems.ts';

type AnySchema = z.core.$ZodType;

export function unwrapOptional(schema: AnySchema): AnySchema {
  let s = schema;
  while (s instanceof z.core.$ZodOptional) s = s._zod.def.innerType;
  return s;
}

/** The schema at `path`, with its optional wrapper (which carries the metadata), or undefined. */
export function fieldSchemaAt(path: ScenarioPath): AnySchema | undefined {
  let current: AnySchema = scenarioSchema;
  for (const key of path) {
    const inner = unwrapOptional(current);
    if (inner instanceof z.core.$ZodObject && typeof key === 'string') {
      const next: AnySchema | undefined = inner._zod.def.shape[key];
      if (!next) return undefined;
      current = next;
    } else if (inner instanceof z.core.$ZodArray && typeof key === 'number') {
      current = inner._zod.def.element;
    } else {
      return undefined;
    }
  }
  return current;
}

export function fieldMeta(path: ScenarioPath): Record<string, unknown> {
  const schema = fieldSchemaAt(path);
  return (schema && z.globalRegistry.get(schema)) ?? {};
}

export function fieldUnit(path: ScenarioPath): string | undefined {
  const unit = fieldMeta(path)['x-unit'];
  return typeof unit === 'string' ? unit : undefined;
}

/** Keys allowed in the object at `path`. */
export function allowedKeys(path: ScenarioPath): readonly string[] {
  const schema = fieldSchemaAt(path);
  const inner = schema && unwrapOptional(schema);
  return inner instanceof z.core.$ZodObject ? Object.keys(inner._zod.def.shape) : [];
}
