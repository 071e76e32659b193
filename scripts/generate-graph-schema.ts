/**
 * Writes docs/graph.schema.json, the JSON Schema of the graph file, from the zod schema.
 * `npm run gen:schema`; a test fails when the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { graphJsonSchemaText } from '../shared/graph/json-schema';

const target = fileURLToPath(new URL('../docs/graph.schema.json', import.meta.url));
writeFileSync(target, graphJsonSchemaText());
console.log(`wrote ${target}`);
