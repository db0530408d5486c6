/**
 * The hover card's text for a scenario key: path, meaning, type with range and default,
 * the talk's words and the source (design-language.md, Lesson: "path, description, range
 * and default, and source"). Pure, so it needs no Monaco and no DOM.
 */
import { getLocation, parseTree, findNodeAtOffset, type Node } from 'jsonc-parser';
import { rangeText, schemaNodeAt, type SchemaNode } from './schema-fields.ts';

function typeLine(n: SchemaNode): string {
  switch (n.kind) {
    case 'group':
      return 'object';
    case 'boolean':
      return 'boolean';
    case 'string':
      return n.maxLength !== undefined ? `text, up to ${n.maxLength} characters` : 'text';
    case 'enum':
      return `one of ${n.options.map((o) => `\`${o}\``).join(', ')}`;
    case 'number':
      return `number, ${rangeText(n, n.unit)}`.replace('number, integer', 'integer');
    case 'numberList': {
      const count = n.maxItems !== undefined ? ` (${n.minItems ?? 0} to ${n.maxItems})` : '';
      return `list of numbers${count}, each ${rangeText(n.item, n.unit)}`;
    }
  }
}

/** Escapes text that is not meant as markdown (descriptions carry "_" and "*" in identifiers). */
function plain(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#+!|])/g, '\\$1');
}

export function hoverMarkdown(n: SchemaNode): string {
  const parts = [`**\`${n.id}\`**`, plain(n.description)];
  const facts = [typeLine(n)];
  if (n.defaultText !== undefined) facts.push(`default ${plain(n.defaultText)}`);
  parts.push(facts.join(' · '));
  if (n.talk) parts.push(`**In the talk:** ${plain(n.talk)}`);
  if (n.source) parts.push(`**Source:** ${plain(n.source)}`);
  return parts.join('\n\n');
}

export interface HoverTarget {
  /** Dotted path of the property under the pointer. */
  readonly id: string;
  readonly node: SchemaNode;
  /** Offsets of the key or value under the pointer, for the hover's anchor. */
  readonly start: number;
  readonly end: number;
}

/** The schema field whose key or value sits at `offset`, if the schema knows it. */
export function hoverTarget(text: string, offset: number): HoverTarget | undefined {
  const location = getLocation(text, offset);
  const path = location.path.filter((p): p is string => typeof p === 'string');
  if (path.length === 0 || path.length !== location.path.length) return undefined;
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const under: Node | undefined = root && findNodeAtOffset(root, offset, true);
  if (!under || (under.type === 'object' && !location.isAtPropertyKey)) return undefined;
  const id = path.join('.');
  const node = schemaNodeAt(id);
  if (!node) return undefined;
  return { id, node, start: under.offset, end: under.offset + under.length };
}
