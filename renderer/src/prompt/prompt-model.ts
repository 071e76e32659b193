/**
 * The prompt editor's logic, as pure functions: the inputs a prompt can name, the `[` the cursor
 * is typing after, which suggestions match, whether an edit was a renumbering of tokens, spacing
 * around an inserted token, and what each chip says. Token syntax and lint are shared/prompt's.
 */
import { inputsOf, type GraphDocument } from '../../../shared/graph';
import { NUMBERED_KINDS, parsePrompt, tokenText, type PromptSegment, type WiredCounts } from '../../../shared/prompt';
import { sourceName } from '../nodes/names';

/** An input wired into the node now, as the `[` suggestions and the chips show it. */
export interface WiredInput {
  token: string;
  name: string;
}

/** The inputs wired into a node, in slot order (videos, then images, then audio). */
export function wiredInputs(graph: GraphDocument, nodeId: string): WiredInput[] {
  const inputs = inputsOf(graph, nodeId);
  return NUMBERED_KINDS.flatMap((kind) =>
    inputs[kind].map((edge, i) => ({ token: tokenText(kind, i + 1), name: sourceName(graph, edge) })),
  );
}

export interface Suggest {
  /** Where the `[` that opened the list is. */
  from: number;
  query: string;
  active: number;
}

/** The `[` the cursor is typing after, if any: `[Vid|` gives its position and "Vid". */
export function bracketBefore(text: string, caret: number): { from: number; query: string } | undefined {
  for (let i = caret - 1; i >= 0 && caret - i <= 16; i--) {
    const ch = text[i];
    if (ch === '[') return { from: i, query: text.slice(i + 1, caret) };
    if (ch === ']' || ch === '\n') return undefined;
  }
  return undefined;
}

export function matches(input: WiredInput, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return input.token.slice(1).toLowerCase().startsWith(q) || input.name.toLowerCase().includes(q);
}

export type ChipSegment = Exclude<PromptSegment, { type: 'text' }>;

/** The texts of the tokens in order, to tell a renumbering from other edits. */
function tokenTexts(segments: readonly PromptSegment[]): string[] {
  return segments.filter((s) => s.type === 'token' || s.type === 'orphan').map((s) => s.text);
}

/** The tokens that changed in place (`[Video 2]` to `[Video 1]`), when only tokens changed. */
export function renumbering(before: string, after: string): [string, string][] | undefined {
  const a = tokenTexts(parsePrompt(before));
  const b = tokenTexts(parsePrompt(after));
  if (a.length !== b.length || a.length === 0) return undefined;
  const changes: [string, string][] = [];
  a.forEach((text, i) => {
    const now = b[i];
    if (now !== undefined && text !== now) changes.push([text, now]);
  });
  if (changes.length === 0) return undefined;
  // A token that is its own edit (one of many typed characters) is not a renumbering.
  const stripped = (p: string) => parsePrompt(p).filter((s) => s.type === 'text').map((s) => s.text).join('');
  if (stripped(before) !== stripped(after)) return undefined;
  return changes;
}

/** Whether text just before/after a position needs a space to keep a token a separate word. */
export function spaced(before: string, token: string, after: string): string {
  const pre = before.length > 0 && !/[\s([{"'“]$/.test(before) ? ' ' : '';
  const post = after.length > 0 && !/^[\s.,;:!?)\]}"'”]/.test(after) ? ' ' : '';
  return `${pre}${token}${post}`;
}

export function chipNote(segment: ChipSegment, wired: WiredCounts, names: ReadonlyMap<string, string>, variables: ReadonlyMap<string, string>): string {
  switch (segment.type) {
    case 'token':
      return segment.index <= wired[segment.kind] ? (names.get(segment.text) ?? '') : 'no input';
    case 'orphan':
      return 'input removed';
    case 'malformed':
      return 'not a placeholder';
    case 'variable':
      return variables.has(segment.name) ? `= ${variables.get(segment.name) || '(empty)'}` : 'unknown variable';
  }
}

export function chipIsError(segment: ChipSegment, wired: WiredCounts, variables: ReadonlyMap<string, string>): boolean {
  if (segment.type === 'token') return segment.index > wired[segment.kind];
  if (segment.type === 'variable') return !variables.has(segment.name);
  return true;
}

