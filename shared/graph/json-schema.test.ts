import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { graphJsonSchema, graphJsonSchemaText, parseGraph, serializeGraph } from './index';

const docs = new URL('../../docs/', import.meta.url);

function docExample(): string {
  const markdown = readFileSync(new URL('graph-format.md', docs), 'utf8');
  const match = /```json\n([\s\S]*?)\n```/.exec(markdown);
  if (!match?.[1]) throw new Error('docs/graph-format.md has no json example');
  return `${match[1]}\n`;
}

describe('graph JSON Schema', () => {
  it('is committed as generated (run `npm run gen:schema` after changing the schema)', () => {
    expect(readFileSync(new URL('graph.schema.json', docs), 'utf8')).toBe(graphJsonSchemaText());
  });

  it('accepts the documented example, which the app reads and writes byte for byte', () => {
    const text = docExample();
    const validate = new Ajv2020({ strict: false }).compile(graphJsonSchema());
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    const parsed = parseGraph(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(serializeGraph(parsed.graph)).toBe(text);
  });

  it('refuses what the zod schema refuses', () => {
    const validate = new Ajv2020({ strict: false }).compile(graphJsonSchema());
    const example = JSON.parse(docExample());
    expect(validate({ ...example, apiKey: 'x' })).toBe(false);
    expect(validate({ ...example, version: 1 })).toBe(false);
    const badModel = structuredClone(example);
    badModel.nodes[1].data.model = 'seedance-9';
    expect(validate(badModel)).toBe(false);
  });
});
