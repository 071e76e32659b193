/**
 * Reading the ledger file: split into lines, validate each with zod, rebuild the state. A line
 * that is not valid JSON or not a valid event (a torn last line after a kill, a damaged line) is
 * skipped with a warning; it never stops the read. A line from a newer format version does stop
 * it, since skipping it could lose a paid task.
 */
import { LEDGER_FORMAT_VERSION, LedgerEvent, VersionProbe } from './events';
import { applyEvent, createState, type LedgerState } from './state';

export interface LedgerWarning {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface ParsedLine {
  line: number;
  event: LedgerEvent;
}

export interface ParsedLedger {
  lines: ParsedLine[];
  /** Lines that were skipped, with their raw text (kept aside by compaction). */
  rejected: { line: number; raw: string }[];
  warnings: LedgerWarning[];
  /** False when the file's last line has no newline (torn or not): the next write must start one. */
  endsWithNewline: boolean;
}

export class LedgerVersionError extends Error {
  override readonly name = 'LedgerVersionError';
}

const MAX_RAW_IN_MESSAGE = 80;

function preview(raw: string): string {
  return raw.length > MAX_RAW_IN_MESSAGE ? `${raw.slice(0, MAX_RAW_IN_MESSAGE)}...` : raw;
}

/** Parses a ledger file's text. `file` is only used in messages. */
export function parseLedgerText(text: string, file = 'ledger'): ParsedLedger {
  const rawLines = text.split('\n');
  const endsWithNewline = text.length === 0 || text.endsWith('\n');
  if (rawLines[rawLines.length - 1] === '') rawLines.pop();
  const parsed: ParsedLedger = { lines: [], rejected: [], warnings: [], endsWithNewline };
  rawLines.forEach((rawLine, index) => {
    const line = index + 1;
    const raw = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (raw.trim() === '') return;
    const isLast = index === rawLines.length - 1;
    const reject = (why: string) => {
      parsed.rejected.push({ line, raw });
      parsed.warnings.push({ line, message: `${file} line ${line}: ${why}; the line was skipped` });
    };
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      reject(isLast && !endsWithNewline ? 'incomplete last line (the app stopped while writing it)' : `not valid JSON (${preview(raw)})`);
      return;
    }
    const version = VersionProbe.safeParse(json);
    if (version.success && version.data.v > LEDGER_FORMAT_VERSION) {
      throw new LedgerVersionError(
        `${file} line ${line} was written by a newer version of Seedance Flow (ledger format ${version.data.v}; this version reads ${LEDGER_FORMAT_VERSION}). Update Seedance Flow before using this data folder.`,
      );
    }
    const event = LedgerEvent.safeParse(json);
    if (!event.success) {
      const issue = event.error.issues[0];
      reject(`not a valid ledger event (${issue ? `${issue.path.join('.') || 'line'}: ${issue.message}` : 'unknown shape'})`);
      return;
    }
    parsed.lines.push({ line, event: event.data });
  });
  return parsed;
}

export interface ReplayResult {
  state: LedgerState;
  parsed: ParsedLedger;
  /** Parse warnings plus events the state could not take. */
  warnings: LedgerWarning[];
}

/** Parses the text and applies every valid event in file order. */
export function replayLedgerText(text: string, file = 'ledger'): ReplayResult {
  const parsed = parseLedgerText(text, file);
  const state = createState();
  const warnings = [...parsed.warnings];
  for (const { line, event } of parsed.lines) {
    const warning = applyEvent(state, event);
    if (warning !== undefined) warnings.push({ line, message: `${file} line ${line}: ${warning}` });
  }
  warnings.sort((a, b) => a.line - b.line);
  return { state, parsed, warnings };
}
