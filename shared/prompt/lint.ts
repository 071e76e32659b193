/**
 * Prompt lint: what the editor underlines and what the plan refuses. Works on the wiring of one
 * node, given as the number of inputs in each numbered slot kind.
 */
import { PROMPT_MAX, promptLength } from '../models/fields';
import { kindLabel, NUMBERED_KINDS, parsePrompt, tokenText, type NumberedKind } from './tokens';

export type PromptIssueCode =
  | 'empty'
  | 'too-long'
  | 'token-without-input'
  | 'orphan'
  | 'malformed'
  | 'input-not-named'
  | 'unknown-variable';

export interface PromptIssue {
  code: PromptIssueCode;
  /** Errors stop a run; warnings are shown but do not. */
  severity: 'error' | 'warning';
  message: string;
  /** Character range in the prompt, when the issue is about one place. */
  start?: number;
  end?: number;
  /** A replacement for that range, when there is an obvious one. */
  suggestion?: string;
}

export type WiredCounts = Readonly<Record<NumberedKind, number>>;

export interface LintOptions {
  /** Names of the graph's text variables; when given, an unknown `{{name}}` is an error. */
  variables?: readonly string[];
}

/** The UTF-16 offset just after the first `characters` characters of `text` (the part over the limit starts there). */
function offsetAfter(text: string, characters: number): number {
  let offset = 0;
  // A character beyond U+FFFF is a surrogate pair: two units (as `promptLength` counts them).
  for (let i = 0; i < characters && offset < text.length; i++) offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  return offset;
}

export function lintPrompt(prompt: string, wired: WiredCounts, options: LintOptions = {}): PromptIssue[] {
  const issues: PromptIssue[] = [];
  if (prompt.trim().length === 0) {
    issues.push({ code: 'empty', severity: 'error', message: 'The prompt is empty: describe the shot you want.' });
  }
  const length = promptLength(prompt);
  if (length > PROMPT_MAX) {
    issues.push({
      code: 'too-long',
      severity: 'error',
      message: `The prompt is ${length} characters; the limit is ${PROMPT_MAX}. Shorten it by ${length - PROMPT_MAX}.`,
      start: offsetAfter(prompt, PROMPT_MAX),
      end: prompt.length,
    });
  }
  const named: Record<NumberedKind, Set<number>> = { video: new Set(), image: new Set(), audio: new Set() };
  for (const segment of parsePrompt(prompt)) {
    const at = { start: segment.start, end: segment.end };
    switch (segment.type) {
      case 'token':
        named[segment.kind].add(segment.index);
        if (segment.index > wired[segment.kind]) {
          const count = wired[segment.kind];
          issues.push({
            code: 'token-without-input',
            severity: 'error',
            message:
              count === 0
                ? `${segment.text} names no input: no ${kindLabel(segment.kind).toLowerCase()} is wired. Wire one or delete the token.`
                : `${segment.text} names no input: only ${tokenText(segment.kind, 1)}${count > 1 ? ` to ${tokenText(segment.kind, count)} are` : ' is'} wired.`,
            ...at,
          });
        }
        break;
      case 'orphan':
        issues.push({
          code: 'orphan',
          severity: 'error',
          message: `${segment.text} pointed at a ${kindLabel(segment.kind).toLowerCase()} input that was removed. Point it at an input or delete it.`,
          ...at,
        });
        break;
      case 'malformed':
        issues.push({
          code: 'malformed',
          severity: 'error',
          message: `${segment.text} is not a placeholder: ${segment.reason}.`,
          ...at,
          ...(segment.suggestion ? { suggestion: segment.suggestion } : {}),
        });
        break;
      case 'variable':
        if (options.variables && !options.variables.includes(segment.name)) {
          issues.push({
            code: 'unknown-variable',
            severity: 'error',
            message: `{{${segment.name}}} is not a variable of this graph. Add it under Variables or fix the name.`,
            ...at,
          });
        }
        break;
      case 'text':
        break;
    }
  }
  for (const kind of NUMBERED_KINDS) {
    for (let index = 1; index <= wired[kind]; index++) {
      if (!named[kind].has(index)) {
        issues.push({
          code: 'input-not-named',
          severity: 'warning',
          message: `${tokenText(kind, index)} is wired but the prompt never names it; the model may use it loosely.`,
        });
      }
    }
  }
  return issues;
}
