/**
 * Batch files: a CSV whose columns are named after the graph's named asset nodes (a file path or
 * a URL per row) and its text variables. Each row becomes one run of the graph.
 */
import { isAbsolute, resolve } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { MAX_BATCH_ROWS, type AssetSource, type GraphDocument } from '../../../shared/graph';

export interface BatchRow {
  /** 1-based number of the data row (the header is not counted). */
  row: number;
  bindings: Record<string, AssetSource>;
  variables: Record<string, string>;
}

export type BatchRead = { ok: true; rows: BatchRow[]; columns: string[] } | { ok: false; errors: string[] };

/** Which columns the graph can take, and which it must have. */
function batchColumnsOf(graph: GraphDocument): { assets: Map<string, boolean>; variables: Set<string> } {
  const assets = new Map<string, boolean>();
  for (const node of graph.nodes) {
    if (node.type === 'asset' && node.data.name) assets.set(node.data.name, node.data.source === undefined);
  }
  return { assets, variables: new Set(graph.variables.map((v) => v.name)) };
}

/**
 * The graph's named inputs that none of `columns` binds, in words: every row keeps the asset's
 * own file or the variable's own value.
 */
export function unboundInputs(graph: GraphDocument, columns: readonly string[]): string[] {
  const { assets, variables } = batchColumnsOf(graph);
  const bound = new Set(columns);
  const notes: string[] = [];
  for (const name of assets.keys()) if (!bound.has(name)) notes.push(`No column binds asset "${name}": every row uses its own file or URL.`);
  for (const name of variables) {
    if (bound.has(name)) continue;
    const value = graph.variables.find((v) => v.name === name)?.value ?? '';
    notes.push(`No column sets variable "${name}": every row uses its value "${value}".`);
  }
  return notes;
}

function sourceOf(value: string, baseDir: string): AssetSource {
  if (/^https?:\/\//i.test(value)) return { kind: 'url', url: value };
  return { kind: 'file', path: isAbsolute(value) ? value : resolve(baseDir, value) };
}

/**
 * Reads a batch CSV for a graph. Relative file paths in cells are relative to `baseDir` (the
 * CSV's folder). Every problem is reported, with its row and column, before anything runs.
 */
export function readBatch(text: string, graph: GraphDocument, baseDir: string, fileName = 'the batch file'): BatchRead {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (error) {
    const detail = error instanceof CsvError ? error.message : String(error);
    return { ok: false, errors: [`${fileName} is not a readable CSV: ${detail}`] };
  }
  const [header, ...data] = records;
  if (!header || header.length === 0) return { ok: false, errors: [`${fileName} is empty: it needs a header row naming the columns.`] };
  if (data.length === 0) return { ok: false, errors: [`${fileName} has a header but no rows.`] };
  if (data.length > MAX_BATCH_ROWS) return { ok: false, errors: [`${fileName} has ${data.length} rows; at most ${MAX_BATCH_ROWS} are run at once. Split it.`] };

  const { assets, variables } = batchColumnsOf(graph);
  const errors: string[] = [];
  const known = [...assets.keys(), ...variables].map((n) => `"${n}"`).join(', ') || 'none: name an asset node or add a variable';
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) errors.push(`${fileName}: column "${column}" appears twice.`);
    seen.add(column);
    if (!assets.has(column) && !variables.has(column)) {
      errors.push(`${fileName}: column "${column}" matches no named asset or variable of the graph (it has ${known}).`);
    }
  }
  for (const [name, required] of assets) {
    if (required && !seen.has(name)) {
      errors.push(`${fileName} has no column "${name}": asset "${name}" has no file or URL of its own, so each row must give one.`);
    }
  }
  const rows: BatchRow[] = [];
  data.forEach((cells, i) => {
    const row: BatchRow = { row: i + 1, bindings: {}, variables: {} };
    header.forEach((column, c) => {
      const value = cells[c] ?? '';
      if (assets.has(column)) {
        if (value === '') {
          if (assets.get(column)) errors.push(`${fileName} row ${i + 1}: "${column}" is empty; give a file path or a URL.`);
        } else {
          row.bindings[column] = sourceOf(value, baseDir);
        }
      } else if (variables.has(column)) {
        row.variables[column] = value;
      }
    });
    rows.push(row);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows, columns: header };
}
