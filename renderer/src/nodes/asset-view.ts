/**
 * What the asset node shows, as pure functions: its kind's title and icon, its problems (what a
 * model would refuse its file for, then the plan's issues) and the check of its batch name (the
 * graph schema's rule, and unique among assets).
 */
import type { MediaInfo } from '../../../shared/api';
import { nameSchema, type GraphDocument } from '../../../shared/graph';
import type { MediaKind } from '../../../shared/models';
import type { PlanIssue } from '../../../shared/plan';
import type { Problem } from './Problems';

export const KIND_TITLES: Record<MediaKind, string> = { video: 'Video', image: 'Image', audio: 'Audio' };
export const KIND_ICONS: Record<MediaKind, string> = { video: '▶', image: '◩', audio: '♪' };

/** What a model would refuse the file for, then the plan's issues about the node. */
export function assetProblems(issues: readonly PlanIssue[], info: MediaInfo | undefined): Problem[] {
  const fromMedia: Problem[] = (info?.problems ?? []).map((p) => ({ severity: 'error', message: `${info?.fileName ?? 'The file'} ${p}.` }));
  return [...fromMedia, ...issues.map((i) => ({ severity: i.severity, message: i.message }))];
}

/** Whether another asset already goes by this batch name. */
export function nameTaken(graph: Pick<GraphDocument, 'nodes'>, nodeId: string, name: string): boolean {
  return name !== '' && graph.nodes.some((n) => n.id !== nodeId && n.type === 'asset' && n.data.name === name);
}

/** Why a batch name cannot be used, or undefined when it can (empty means none). */
export function nameProblem(name: string, taken: boolean): string | undefined {
  if (name === '') return undefined;
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success) return `A batch name ${parsed.error.issues[0]?.message ?? 'is not valid'}.`;
  return taken ? `Another asset is already named "${name}".` : undefined;
}
