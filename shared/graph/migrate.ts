/**
 * Migrations: each step takes a document of version N and returns one of version N+1. A file of
 * any earlier version is carried forward step by step; a file from a newer app is refused.
 *
 * Version 1 was the prototype's format: flat nodes with `kind`, `x`, `y`, and edges that named
 * a request field (`video_urls[0]`) instead of a slot. Version 2 is the current format.
 */
import { z } from 'zod';
import { modelIdSchema } from '../models/registry';
import { remapPrompt, type NumberedKind, type SlotRemap } from '../prompt/tokens';
import { GRAPH_FORMAT, GRAPH_VERSION } from './schema';

const v1NodeSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(['video', 'image', 'audio', 'seedance', 'note']),
  x: z.number().default(0),
  y: z.number().default(0),
  path: z.string().optional(),
  url: z.string().optional(),
  name: z.string().optional(),
  model: modelIdSchema.optional(),
  prompt: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  text: z.string().optional(),
});

const v1Schema = z.looseObject({
  version: z.literal(1),
  title: z.string().optional(),
  nodes: z.array(v1NodeSchema),
  edges: z.array(z.looseObject({ from: z.string(), to: z.string(), input: z.string() })),
});

const V1_FIELDS: Record<string, NumberedKind | 'firstFrame' | 'lastFrame'> = {
  video_urls: 'video',
  reference_images: 'image',
  audio_urls: 'audio',
  first_frame_image: 'firstFrame',
  last_frame_image: 'lastFrame',
};

function migrateV1(raw: unknown): unknown {
  const v1 = v1Schema.parse(raw);
  const nodes = v1.nodes.map((n) => {
    const position = { x: n.x, y: n.y };
    if (n.kind === 'seedance') {
      return {
        id: n.id,
        type: 'seedance',
        position,
        data: { model: n.model ?? 'seedance-2.0-v2v', prompt: n.prompt ?? '', settings: n.params ?? {} },
      };
    }
    if (n.kind === 'note') return { id: n.id, type: 'note', position, data: { text: n.text ?? '' } };
    const source = n.path ? { kind: 'file', path: n.path } : n.url ? { kind: 'url', url: n.url } : undefined;
    return {
      id: n.id,
      type: 'asset',
      position,
      data: { media: n.kind, ...(source ? { source } : {}), ...(n.name ? { name: n.name } : {}) },
    };
  });
  // v1 edges named array positions, which could leave gaps; v2 slots are dense, so compact them
  // in their original order and carry the prompt's tokens along.
  type Pending = { from: string; to: string; kind: NumberedKind | 'firstFrame' | 'lastFrame'; position: number };
  const pending: Pending[] = [];
  for (const e of v1.edges) {
    const m = /^([a-z_]+)(?:\[(\d+)\])?$/.exec(e.input);
    const kind = m ? V1_FIELDS[m[1] ?? ''] : undefined;
    if (!m || !kind) throw new Error(`edge from ${e.from} to ${e.to}: unknown input "${e.input}"`);
    pending.push({ from: e.from, to: e.to, kind, position: Number(m[2] ?? 0) });
  }
  const edges: unknown[] = [];
  const remaps = new Map<string, SlotRemap>();
  const groups = new Map<string, Pending[]>();
  for (const p of pending) {
    const key = `${p.to}\u0000${p.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => a.position - b.position);
    group.forEach((p, i) => {
      const kind = p.kind;
      const numbered = kind === 'video' || kind === 'image' || kind === 'audio';
      if (numbered) {
        const remap = remaps.get(p.to) ?? {};
        const map = new Map(remap[kind] ?? []);
        map.set(p.position + 1, i + 1);
        remap[kind] = map;
        remaps.set(p.to, remap);
      }
      edges.push({
        id: `e-${p.from}-${p.to}-${numbered ? `${p.kind}${i + 1}` : p.kind}`,
        source: p.from,
        sourceHandle: v1.nodes.find((n) => n.id === p.from)?.kind === 'seedance' ? 'video' : 'media',
        target: p.to,
        targetHandle: numbered ? `${p.kind}:${i + 1}` : p.kind,
      });
    });
  }
  for (const node of nodes) {
    const remap = remaps.get(node.id);
    if (remap && node.type === 'seedance' && typeof node.data.prompt === 'string') {
      node.data.prompt = remapPrompt(node.data.prompt, remap);
    }
  }
  return {
    format: GRAPH_FORMAT,
    version: 2,
    ...(v1.title ? { name: v1.title } : {}),
    nodes,
    edges,
    variables: [],
    viewport: { x: 0, y: 0, zoom: 1 },
  };
}

/** MIGRATIONS[n] turns a version-n document into a version-(n+1) document. */
const MIGRATIONS: Readonly<Record<number, (doc: unknown) => unknown>> = {
  1: migrateV1,
};

export class GraphVersionError extends Error {}

function versionOf(doc: unknown): number | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const version = (doc as Record<string, unknown>).version;
  return typeof version === 'number' && Number.isInteger(version) ? version : undefined;
}

/** Carries a parsed JSON document forward to the current version; reports where it started. */
export function migrateGraph(doc: unknown): { doc: unknown; from: number } {
  const from = versionOf(doc);
  if (from === undefined) {
    throw new GraphVersionError('This is not a Seedance Flow graph: it has no "version". Open a file saved by Seedance Flow.');
  }
  if (from > GRAPH_VERSION) {
    throw new GraphVersionError(
      `This graph was saved by a newer Seedance Flow (format version ${from}; this app reads up to ${GRAPH_VERSION}). Update the app to open it.`,
    );
  }
  if (from < 1) throw new GraphVersionError(`Unknown graph format version ${from}.`);
  let current = doc;
  for (let v = from; v < GRAPH_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new GraphVersionError(`No migration from graph format version ${v}.`);
    try {
      current = step(current);
    } catch (error) {
      const detail = error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error);
      throw new GraphVersionError(`Could not upgrade this version-${v} graph: ${detail}`);
    }
  }
  return { doc: current, from };
}
