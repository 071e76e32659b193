/**
 * The JSON Schema of the graph file, generated from the zod schema (never written by hand).
 * Editors can validate a pipeline with it; `seedance-flow schema` prints it.
 */
import { z } from 'zod';
import { GRAPH_VERSION, graphSchema } from './schema';

export function graphJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(graphSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema,
    $id: `https://seedance-flow.dev/schema/graph-v${GRAPH_VERSION}.json`,
    title: 'Seedance Flow graph',
    description: `A Seedance Flow pipeline, format version ${GRAPH_VERSION}. Generated from the app's zod schema.`,
    ...schema,
  };
}

export function graphJsonSchemaText(): string {
  return `${JSON.stringify(graphJsonSchema(), null, 2)}\n`;
}
