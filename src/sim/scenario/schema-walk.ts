/** Finds the zod type and editor metadata of the field at a path of the scenario. */
import { z } from 'zod';
import { scenarioSchema } from './schema.ts';
import type { ScenarioPath } from './problems.ts';

type AnySchema = z.core.$ZodType;

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  while (s instanceof z.ZodOptional) s = s.unwrap();
  return s;
}

/** The schema at `path`, with its optional wrapper (which carries the metadata), or undefined. */
export function fieldSchemaAt(path: ScenarioPath): AnySchema | undefined {
  let current: AnySchema = scenarioSchema;
  for (const key of path) {
    const inner = unwrap(current);
    if (inner instanceof z.ZodObject && typeof key === 'string') {
      const next: AnySchema | undefined = inner.shape[key];
      if (!next) return undefined;
      current = next;
    } else if (inner instanceof z.ZodArray && typeof key === 'number') {
      current = inner.element;
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
  const inner = schema && unwrap(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}
