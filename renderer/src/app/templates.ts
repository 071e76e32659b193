/**
 * Templates: the example pipelines in examples/, bundled at build time and checked with the
 * graph schema like any file. Their media paths are relative to examples/, which the window
 * cannot resolve (it does not know where the examples folder is on disk), so a template opens as
 * a new, unsaved graph: the user re-points its assets, or saves it next to the media first.
 */
import { parseGraph, type GraphDocument } from '../../../shared/graph';

export interface Template {
  /** The file name in examples/, e.g. "extend-a-clip.seedance.json". */
  file: string;
  name: string;
  description: string;
  graph: GraphDocument;
}

const SOURCES = import.meta.glob<string>('../../../examples/*.seedance.json', { eager: true, query: '?raw', import: 'default' });

function load(sources: Record<string, string>): Template[] {
  const templates: Template[] = [];
  for (const [path, text] of Object.entries(sources)) {
    const parsed = parseGraph(text);
    if (!parsed.ok) continue;
    const file = path.split('/').at(-1) ?? path;
    templates.push({
      file,
      name: parsed.graph.name ?? file.replace(/\.seedance\.json$/, ''),
      description: parsed.graph.description ?? '',
      graph: parsed.graph,
    });
  }
  return templates.sort((a, b) => a.name.localeCompare(b.name));
}

export const TEMPLATES: readonly Template[] = load(SOURCES);
