/**
 * Scenario-shaped values for the fuzz suite, generated from the scenario's own JSON Schema
 * (the one the editor uses), so every field, bound and enum is covered as the schema grows.
 * `validScenario` stays inside every bound; `wildScenario` mixes in the extremes and the
 * wrong types a hand-edited file, a tampered link or a broken lesson can carry.
 */
import fc from 'fast-check';
import { scenarioJsonSchema } from '../../src/sim/scenario/json-schema.ts';

interface SchemaNode {
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly maxLength?: number;
}

const SCHEMA = scenarioJsonSchema() as SchemaNode;

/** Numbers JSON can carry that tend to break arithmetic: huge, tiny, negative zero, fractions. */
export const EXTREME_NUMBERS = [
  -0, 0, 1, -1, 0.5, 1.5, 1e308, -1e308, 5e-324, 1e-300, 1e21, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER, 2_147_483_648, 4_294_967_296,
  /** 10 PiB, in GiB. */
  10 * 1024 * 1024,
  1000, 16_385, 4097, 1e9,
];

const extremeNumber = fc.oneof(fc.constantFrom(...EXTREME_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());

/** Wrong types for any field: text (empty, numeric, very long, any unicode), lists, objects, null. */
const wrongType = fc.oneof(
  fc.constantFrom('', '256', 'true', 'NaN', 'Infinity', null, true, false, [], {}, 'x'.repeat(5_000)),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.array(extremeNumber, { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

function numberArb(node: SchemaNode): fc.Arbitrary<number> {
  const min = node.exclusiveMinimum ?? node.minimum ?? -1e308;
  const max = node.maximum ?? 1e308;
  if (node.type === 'integer') {
    return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
  }
  const inRange = node.exclusiveMinimum !== undefined
    ? fc.double({ min, max, minExcluded: true, noNaN: true })
    : fc.double({ min, max, noNaN: true });
  const edges = node.exclusiveMinimum !== undefined ? [Number.MIN_VALUE + min, max] : [min, max];
  return fc.oneof(fc.constantFrom(...edges), inRange);
}

function objectArb(node: SchemaNode, leaf: (n: SchemaNode) => fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (key === '$schema') continue;
    shape[key] = child.type === 'object' ? objectArb(child, leaf) : leaf(child);
  }
  return fc.record(shape, { requiredKeys: [] });
}

function validLeaf(node: SchemaNode): fc.Arbitrary<unknown> {
  if (node.enum) return fc.constantFrom(...node.enum);
  switch (node.type) {
    case 'boolean':
      return fc.boolean();
    case 'string':
      return fc.string({ unit: 'grapheme', maxLength: Math.min(node.maxLength ?? 40, 40) });
    case 'array':
      return fc.array(validLeaf(node.items ?? {}), { minLength: node.minItems ?? 0, maxLength: node.maxItems ?? 4 });
    default:
      return numberArb(node);
  }
}

/** Every value the schema allows; each must validate and run. */
export const validScenario = objectArb(SCHEMA, validLeaf);

function wildLeaf(node: SchemaNode): fc.Arbitrary<unknown> {
  const outOfRange = node.type === 'number' || node.type === 'integer'
    ? [extremeNumber, fc.constantFrom((node.maximum ?? 0) + 1, (node.minimum ?? node.exclusiveMinimum ?? 0) - 1, (node.maximum ?? 0) + 0.5)]
    : [];
  const longList = node.type === 'array' ? [fc.array(extremeNumber, { minLength: 0, maxLength: 40 })] : [];
  return fc.oneof({ weight: 3, arbitrary: validLeaf(node) }, ...outOfRange, ...longList, wrongType);
}

/** Unknown keys, unicode and empty ones included, at any level. */
const strayKeys = fc.dictionary(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', 'ramGib', 'guest ', '__proto__', 'constructor', 'k'.repeat(5_000))), wrongType, { maxKeys: 2 });

/** Scenario-shaped values with extreme numbers, wrong types and stray keys mixed in. */
export const wildScenario: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: objectArb(SCHEMA, wildLeaf) },
  fc.tuple(objectArb(SCHEMA, wildLeaf), strayKeys).map(([a, b]) => ({ ...b, ...a })),
  fc.tuple(fc.constantFrom('guest', 'host', 'devices', 'firmware', 'optimizations'), wrongType).map(([k, v]) => ({ [k]: v })),
  fc.jsonValue(),
);
