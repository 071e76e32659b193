/**
 * The graph document: one pipeline as the editor saves it, the CLI runs it and the runner plans
 * it. Every object is strict, so there is no place for a key or any other stray field.
 */
import { z } from 'zod';
import { modelIdSchema } from '../models/registry';
import { anySettingsSchema } from '../models/settings';
import { OUTPUT_HANDLES, PIPELINE_INPUT_PATTERN, PIPELINE_OUTPUT_PATTERN, TARGET_HANDLE_PATTERN, type PipelineOutputHandle } from './handles';

export const GRAPH_FORMAT = 'seedance-flow.graph';
export const GRAPH_VERSION = 2;

/** The most rows a batch runs at once (a CSV, or the items of an asset node). */
export const MAX_BATCH_ROWS = 10_000;

const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'must be 1-64 letters, digits, dots, dashes or underscores' });

/** A name a batch column or a `{{variable}}` can refer to. */
export const nameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, {
    error: 'must start with a letter or underscore and hold only letters, digits and underscores (at most 64)',
  });

const finite = z.number().refine(Number.isFinite, { error: 'must be a finite number' });
const positionSchema = z.strictObject({ x: finite, y: finite });

/** An http(s) URL with no user name or password in it: a graph never holds a credential. */
export const mediaUrlSchema = z.string().superRefine((value, ctx) => {
  if (!URL.canParse(value) || !/^https?:\/\//i.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL' });
    return;
  }
  const url = new URL(value);
  if (url.username || url.password) {
    ctx.addIssue({
      code: 'custom',
      message: 'must not carry a user name or password: a graph file is shared, so host the file without credentials',
    });
  }
});

export const mediaKindSchema = z.enum(['video', 'image', 'audio']);

export const assetSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), path: z.string().min(1, { error: 'must not be empty' }) }),
  z.strictObject({ kind: z.literal('url'), url: mediaUrlSchema }),
]);
export type AssetSource = z.infer<typeof assetSourceSchema>;

const assetNodeSchema = z.strictObject({
  id: idSchema,
  type: z.literal('asset'),
  position: positionSchema,
  data: z.strictObject({
    media: mediaKindSchema,
    /** Absent in a template: a batch row (or the user) supplies it by `name`. */
    source: assetSourceSchema.optional(),
    /** The name a batch column binds to. */
    name: nameSchema.optional(),
    label: z.string().max(200).optional(),
    /**
     * Several items (files or URLs): each becomes one batch row binding this node, in order. Absent
     * for a node with one item (its `source`); when present, `source` is the first item.
     */
    items: z.array(assetSourceSchema).min(2, { error: 'must hold at least 2 items (one item is the source alone)' }).max(MAX_BATCH_ROWS).optional(),
  }),
});

const seedanceNodeSchema = z.strictObject({
  id: idSchema,
  type: z.literal('seedance'),
  position: positionSchema,
  data: z.strictObject({
    model: modelIdSchema,
    /** The prompt as written, with `[Video 1]` tokens and `{{variables}}`; the plan checks its length. */
    prompt: z.string().max(100_000),
    /** Only the settings the user changed; the rest take the model's defaults. */
    settings: anySettingsSchema.default({}),
    label: z.string().max(200).optional(),
  }),
});

const noteNodeSchema = z.strictObject({
  id: idSchema,
  type: z.literal('note'),
  position: positionSchema,
  data: z.strictObject({
    text: z.string().max(20_000),
    width: z.number().positive().optional(),
    height: z.number().positive().optional(),
  }),
});

/** Which version of a pipeline file a pipeline node embeds (shared/pipeline). */
const pipelineSourceSchema = z.strictObject({
  /** The pipeline file it was placed from (in a pipelines folder). */
  path: z.string().min(1).max(4096),
  /** sha256 of the pipeline's stable serialization when it was placed or last updated. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

const pipelineOutputHandleSchema = z
  .string()
  .regex(PIPELINE_OUTPUT_PATTERN)
  .transform((value) => value as PipelineOutputHandle);

/**
 * A saved graph used as one node (shared/pipeline/expand.ts): its named asset nodes are its
 * inputs, its `outputs` its outputs. The graph is embedded, so the file keeps working (and is
 * shared as one file) when the pipeline file changes or is missing.
 */
const pipelineNodeSchema = z.strictObject({
  id: idSchema,
  type: z.literal('pipeline'),
  position: positionSchema,
  data: z.strictObject({
    label: z.string().max(200).optional(),
    source: pipelineSourceSchema.optional(),
    /** Values for the pipeline's own variables (may use the outer graph's `{{variables}}`). */
    variables: z.record(nameSchema, z.string().max(2000)).optional(),
    get graph(): z.ZodType<GraphDocument, unknown> {
      return graphSchema;
    },
  }),
});

export const graphNodeSchema = z.discriminatedUnion('type', [assetNodeSchema, seedanceNodeSchema, noteNodeSchema, pipelineNodeSchema]);

export const edgeSchema = z.strictObject({
  id: idSchema,
  source: idSchema,
  sourceHandle: z.union([z.enum(OUTPUT_HANDLES), pipelineOutputHandleSchema], {
    error: 'must be media, video, lastFrame or out:<name>',
  }),
  target: idSchema,
  targetHandle: z.string().refine((handle) => TARGET_HANDLE_PATTERN.test(handle) || PIPELINE_INPUT_PATTERN.test(handle), {
    error: 'must name an input slot such as video:1, image:2, audio:1, firstFrame or lastFrame (in:<name> on a pipeline node)',
  }),
});

/** An output a graph exposes when it is used as a pipeline node: an output of one of its nodes. */
export const graphOutputSchema = z.strictObject({
  name: nameSchema,
  node: idSchema,
  output: z.union([z.enum(['video', 'lastFrame']), pipelineOutputHandleSchema], {
    error: 'must be video, lastFrame or out:<name>',
  }),
});
export type GraphOutput = z.infer<typeof graphOutputSchema>;

const variableSchema = z.strictObject({
  name: nameSchema,
  value: z.string().max(2000),
  description: z.string().max(500).optional(),
});

/** One row of an imported batch CSV: what it binds (by asset name) and the variables it sets. */
export const batchRowSchema = z.strictObject({
  bindings: z.record(nameSchema, assetSourceSchema).default({}),
  variables: z.record(nameSchema, z.string().max(2000)).default({}),
});
export type BatchRowData = z.infer<typeof batchRowSchema>;

/**
 * The graph's batch: its identity (runs of its rows are found by it in the ledger), and the rows
 * of an imported CSV. The items of multi-item asset nodes are batch rows too (see shared/batch).
 */
export const batchSchema = z.strictObject({
  id: idSchema,
  /** The CSV the rows were imported from (absolute path), for the user's information. */
  csv: z.string().max(4096).optional(),
  /** The CSV's columns, in order. */
  columns: z.array(nameSchema).optional(),
  rows: z.array(batchRowSchema).max(MAX_BATCH_ROWS).optional(),
});
export type GraphBatch = z.infer<typeof batchSchema>;

const viewportSchema = z.strictObject({ x: finite, y: finite, zoom: z.number().positive().max(10) });

export const graphSchema = z
  .strictObject({
    format: z.literal(GRAPH_FORMAT),
    version: z.literal(GRAPH_VERSION),
    name: z.string().max(200).optional(),
    description: z.string().max(5000).optional(),
    nodes: z.array(graphNodeSchema),
    edges: z.array(edgeSchema),
    variables: z.array(variableSchema).default([]),
    /** What the graph gives when it is used as a pipeline node; absent in most graphs. */
    outputs: z.array(graphOutputSchema).optional(),
    viewport: viewportSchema.default({ x: 0, y: 0, zoom: 1 }),
    /** Optional: a graph without a batch runs once. */
    batch: batchSchema.optional(),
  })
  .superRefine((graph, ctx) => {
    const unique = (values: string[], what: string, path: string) => {
      const seen = new Set<string>();
      values.forEach((value, i) => {
        if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [path, i], message: `${what} "${value}" is used twice` });
        seen.add(value);
      });
    };
    unique(graph.nodes.map((n) => n.id), 'node id', 'nodes');
    unique(graph.edges.map((e) => e.id), 'edge id', 'edges');
    unique(graph.variables.map((v) => v.name), 'variable name', 'variables');
    unique((graph.outputs ?? []).map((o) => o.name), 'output name', 'outputs');
    const assetNames: string[] = [];
    for (const node of graph.nodes) if (node.type === 'asset' && node.data.name) assetNames.push(node.data.name);
    unique(assetNames, 'asset name', 'nodes');
  });

export type GraphDocument = z.infer<typeof graphSchema>;
export type GraphNode = z.infer<typeof graphNodeSchema>;
export type AssetNode = z.infer<typeof assetNodeSchema>;
export type SeedanceNode = z.infer<typeof seedanceNodeSchema>;
export type GraphEdge = z.infer<typeof edgeSchema>;
export type PipelineNode = z.infer<typeof pipelineNodeSchema>;

/** A new, empty graph. */
export function emptyGraph(name?: string): GraphDocument {
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    ...(name ? { name } : {}),
    nodes: [],
    edges: [],
    variables: [],
    viewport: { x: 0, y: 0, zoom: 1 },
  };
}
