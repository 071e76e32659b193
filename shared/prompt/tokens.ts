/**
 * Placeholders in a prompt: `[Video 1]`, `[Image 3]`, `[Audio 2]` name the input in that slot;
 * `{{subject}}` names a text variable. This module splits a prompt into text and tokens for the
 * editor's chips, and is the only place that knows the token syntax.
 */

export type NumberedKind = 'video' | 'image' | 'audio';
export const NUMBERED_KINDS: readonly NumberedKind[] = ['video', 'image', 'audio'];

const LABELS: Record<NumberedKind, string> = { video: 'Video', image: 'Image', audio: 'Audio' };
const KIND_BY_WORD: Record<string, NumberedKind> = { video: 'video', image: 'image', audio: 'audio' };

/** The token for slot `index` (1-based) of `kind`, e.g. `[Video 1]`. */
export function tokenText(kind: NumberedKind, index: number): string {
  return `[${LABELS[kind]} ${index}]`;
}

/** The token left behind when the input a token named was unwired: `[Video ?]`. */
function orphanText(kind: NumberedKind): string {
  return `[${LABELS[kind]} ?]`;
}

export function kindLabel(kind: NumberedKind): string {
  return LABELS[kind];
}

export type PromptSegment =
  | { type: 'text'; text: string; start: number; end: number }
  /** A well-formed token naming slot `index` of `kind`. */
  | { type: 'token'; kind: NumberedKind; index: number; text: string; start: number; end: number }
  /** A token whose input was removed: it names nothing until the user re-points or deletes it. */
  | { type: 'orphan'; kind: NumberedKind; text: string; start: number; end: number }
  /** Looks like a token but is not one, e.g. `[video1]` or `[Video 0]`; `suggestion` is the fix. */
  | { type: 'malformed'; text: string; suggestion?: string; reason: string; start: number; end: number }
  /** A text variable, `{{name}}`. */
  | { type: 'variable'; name: string; text: string; start: number; end: number };

// Anything in square brackets that starts with a media word, in any case and spacing, so that
// near-misses are caught as malformed rather than passed to the model as plain text.
const BRACKETED = /\[\s*(video|image|audio)(?![a-z])\s*([^\]\n]{0,12}?)\s*\]/gi;
const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const CANONICAL = /^\[(Video|Image|Audio) ([1-9][0-9]*)\]$/;
const ORPHAN = /^\[(Video|Image|Audio) \?\]$/;

interface Match {
  start: number;
  end: number;
  segment: Exclude<PromptSegment, { type: 'text' }>;
}

function classifyBracket(text: string, word: string, rest: string, start: number): Match['segment'] {
  const end = start + text.length;
  const kind = KIND_BY_WORD[word.toLowerCase()] as NumberedKind;
  const canonical = CANONICAL.exec(text);
  if (canonical) return { type: 'token', kind, index: Number(canonical[2]), text, start, end };
  if (ORPHAN.test(text)) return { type: 'orphan', kind, text, start, end };
  const digits = /^#?0*([0-9]+)$/.exec(rest.trim());
  if (digits) {
    const index = Number(digits[1]);
    if (index === 0) {
      return { type: 'malformed', text, reason: 'slot numbers start at 1', suggestion: tokenText(kind, 1), start, end };
    }
    return {
      type: 'malformed',
      text,
      reason: `write it as ${tokenText(kind, index)}`,
      suggestion: tokenText(kind, index),
      start,
      end,
    };
  }
  return { type: 'malformed', text, reason: `a placeholder is written like ${tokenText(kind, 1)}`, start, end };
}

/** Splits a prompt into text, tokens, orphans, malformed tokens and variables, in order. */
export function parsePrompt(prompt: string): PromptSegment[] {
  const matches: Match[] = [];
  for (const m of prompt.matchAll(BRACKETED)) {
    const start = m.index;
    matches.push({ start, end: start + m[0].length, segment: classifyBracket(m[0], m[1] ?? '', m[2] ?? '', start) });
  }
  for (const m of prompt.matchAll(VARIABLE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (matches.some((x) => start < x.end && end > x.start)) continue;
    matches.push({ start, end, segment: { type: 'variable', name: m[1] ?? '', text: m[0], start, end } });
  }
  matches.sort((a, b) => a.start - b.start);
  const segments: PromptSegment[] = [];
  let at = 0;
  for (const m of matches) {
    if (m.start > at) segments.push({ type: 'text', text: prompt.slice(at, m.start), start: at, end: m.start });
    segments.push(m.segment);
    at = m.end;
  }
  if (at < prompt.length) segments.push({ type: 'text', text: prompt.slice(at), start: at, end: prompt.length });
  return segments;
}

/** Slot changes for one node: for each kind, old index -> new index, or null when removed. */
export type SlotRemap = Partial<Record<NumberedKind, ReadonlyMap<number, number | null>>>;

/**
 * Rewrites the prompt's tokens after slots moved. A token whose slot moved follows it; a token
 * whose input was removed becomes an orphan (`[Video ?]`), never silently re-pointed; tokens of
 * slots not in the map stay as they are.
 */
export function remapPrompt(prompt: string, remap: SlotRemap): string {
  let out = '';
  for (const segment of parsePrompt(prompt)) {
    if (segment.type === 'token') {
      const map = remap[segment.kind];
      if (map?.has(segment.index)) {
        const to = map.get(segment.index);
        out += to === null || to === undefined ? orphanText(segment.kind) : tokenText(segment.kind, to);
        continue;
      }
    }
    out += segment.text;
  }
  return out;
}

/** Replaces `{{name}}` variables with their values; unknown names are left as they are. */
export function fillVariables(prompt: string, values: Readonly<Record<string, string>>): string {
  let out = '';
  for (const segment of parsePrompt(prompt)) {
    out += segment.type === 'variable' && Object.hasOwn(values, segment.name) ? values[segment.name] : segment.text;
  }
  return out;
}
