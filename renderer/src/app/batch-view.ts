/**
 * What the rows table says, as pure functions: what a row binds, and its status in words.
 */
import type { BatchRowStatus } from '../../../shared/api';
import type { BatchRowSpec } from '../../../shared/batch/rows';
import { findNode, type AssetSource, type GraphDocument } from '../../../shared/graph';
import { fileNameOf, urlNameOf } from '../nodes/names';

function sourceName(source: AssetSource): string {
  return source.kind === 'file' ? fileNameOf(source.path) : urlNameOf(source.url);
}

/** "clip: a.mp4, mood = noir": each multi-item node's item, then the CSV's bindings and variables. */
export function rowBindsText(graph: Pick<GraphDocument, 'nodes'>, row: BatchRowSpec): string {
  const parts: string[] = [];
  for (const [nodeId, item] of Object.entries(row.items)) {
    const node = findNode(graph as GraphDocument, nodeId);
    const name = node && node.type === 'asset' ? (node.data.label ?? node.data.name ?? `${node.data.media} ${node.id}`) : nodeId;
    parts.push(`${name}: ${sourceName(item)}`);
  }
  for (const [name, source] of Object.entries(row.bindings)) parts.push(`${name}: ${sourceName(source)}`);
  for (const [name, value] of Object.entries(row.variables)) parts.push(`${name} = "${value}"`);
  return parts.join(', ') || 'the graph as it is';
}

const WORDS: Record<BatchRowStatus['status'], string> = {
  'not-run': 'not run',
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  unfinished: 'unfinished',
};

/** "failed: the reason", "not run", ... (a row with no status yet is not run). */
export function rowStatusText(status: BatchRowStatus | undefined): string {
  if (!status) return WORDS['not-run'];
  const word = WORDS[status.status];
  return status.message && (status.status === 'failed' || status.status === 'cancelled' || status.status === 'unfinished') ? `${word}: ${status.message}` : word;
}
