/**
 * Reading a graph file: JSON, then migrations, then the schema. Errors name the node and the
 * field in words, so a hand-edited or damaged file can be fixed.
 */
import type { z } from 'zod';
import { findJsonSyntaxProblem } from './json-syntax';
import { GraphVersionError, migrateGraph } from './migrate';
import { graphSchema, type GraphDocument } from './schema';

/** The largest graph file that is read at all (a real graph is a few kilobytes). */
export const MAX_GRAPH_FILE_BYTES = 16 * 1024 * 1024;

export interface GraphLoadError {
  /** Where, e.g. `node "shot1" › data › model`; empty for the file as a whole. */
  where: string;
  message: string;
}

export type GraphLoadResult =
  | { ok: true; graph: GraphDocument; migratedFrom?: number }
  | { ok: false; errors: GraphLoadError[] };

function describePath(doc: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let value: unknown = doc;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
    const collection = i > 0 ? path[i - 1] : undefined;
    if (typeof key === 'number' && (collection === 'nodes' || collection === 'edges' || collection === 'variables')) {
      const record = next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : {};
      const label = typeof record.id === 'string' ? record.id : typeof record.name === 'string' ? record.name : `#${key + 1}`;
      parts.pop();
      parts.push(`${collection === 'nodes' ? 'node' : collection === 'edges' ? 'edge' : 'variable'} "${label}"`);
    } else if (typeof key === 'number') {
      parts.push(`#${key + 1}`);
    } else {
      parts.push(String(key));
    }
    value = next;
  }
  return parts.join(' › ');
}

function graphErrorsFromZod(doc: unknown, error: z.ZodError): GraphLoadError[] {
  return error.issues.map((issue) => ({
    where: describePath(doc, issue.path),
    message:
      issue.code === 'unrecognized_keys'
        ? `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: a graph holds no other data (and never a key)`
        : issue.message,
  }));
}

/** Parses the text of a graph file of any supported version. */
export function parseGraph(text: string): GraphLoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text, and the file may hold anything: say where, not what.
    const at = findJsonSyntaxProblem(text);
    const detail = at ? ` (line ${at.line}, column ${at.column}: ${at.problem})` : '';
    return { ok: false, errors: [{ where: '', message: `The file is not valid JSON${detail}. Was it saved by Seedance Flow?` }] };
  }
  let migrated: { doc: unknown; from: number };
  try {
    migrated = migrateGraph(raw);
  } catch (error) {
    if (error instanceof GraphVersionError) return { ok: false, errors: [{ where: '', message: error.message }] };
    throw error;
  }
  const result = graphSchema.safeParse(migrated.doc);
  if (!result.success) return { ok: false, errors: graphErrorsFromZod(migrated.doc, result.error) };
  return migrated.from === result.data.version
    ? { ok: true, graph: result.data }
    : { ok: true, graph: result.data, migratedFrom: migrated.from };
}

/** One line per error, for the CLI and logs. */
export function formatGraphErrors(errors: readonly GraphLoadError[]): string {
  return errors.map((e) => (e.where ? `${e.where}: ${e.message}` : e.message)).join('\n');
}
