/**
 * Where a text stops being JSON, as a line and column and a few words, without quoting any of
 * it: a graph error must never show what a file holds (it may be a key file opened by mistake).
 * JSON.parse's own messages quote the text, so this scanner finds the spot instead. It is
 * iterative, so a deeply nested file cannot exhaust the stack.
 */

export interface JsonSyntaxProblem {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  problem: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {}
}

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const UNEXPECTED = 'unexpected character';

function skipSpace(text: string, i: number): number {
  let at = i;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
  return at;
}

/** The offset just after the string starting at `start` (its opening quote). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) throw new Stop(i, 'a control character inside a string');
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === undefined) break;
      if (next === 'u') {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) throw new Stop(i, 'a bad \\u escape in a string');
        i += 6;
        continue;
      }
      if (!ESCAPES.has(next)) throw new Stop(i, 'a bad escape in a string');
      i += 2;
      continue;
    }
    i++;
  }
  throw new Stop(text.length, 'a string that never ends');
}

/** The offset just after the number, true, false or null at `i`. */
function endOfScalar(text: string, i: number): number {
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return i + word.length;
  NUMBER.lastIndex = i;
  if (NUMBER.test(text)) return NUMBER.lastIndex;
  throw new Stop(i, UNEXPECTED);
}

function scan(text: string): void {
  const stack: ('[' | '{')[] = [];
  let expect: Expect = 'value';
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');
  let i = skipSpace(text, 0);
  while (i < text.length) {
    const c = text[i];
    switch (expect) {
      case 'value':
      case 'value-or-close':
        if (c === ']' && expect === 'value-or-close') {
          stack.pop();
          i++;
          expect = afterValue();
        } else if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          expect = c === '{' ? 'key-or-close' : 'value-or-close';
        } else if (c === '"') {
          i = endOfString(text, i);
          expect = afterValue();
        } else {
          i = endOfScalar(text, i);
          expect = afterValue();
        }
        break;
      case 'key':
      case 'key-or-close':
        if (c === '}' && expect === 'key-or-close') {
          stack.pop();
          i++;
          expect = afterValue();
        } else if (c === '"') {
          i = endOfString(text, i);
          expect = 'colon';
        } else {
          throw new Stop(i, 'a field name in double quotes was expected');
        }
        break;
      case 'colon':
        if (c !== ':') throw new Stop(i, 'a colon after the field name was expected');
        i++;
        expect = 'value';
        break;
      case 'comma-or-close': {
        const open = stack[stack.length - 1];
        if (c === ',') {
          i++;
          expect = open === '[' ? 'value' : 'key';
        } else if ((c === ']' && open === '[') || (c === '}' && open === '{')) {
          stack.pop();
          i++;
          expect = afterValue();
        } else {
          throw new Stop(i, `a comma or ${open === '[' ? ']' : '}'} was expected`);
        }
        break;
      }
      case 'end':
        throw new Stop(i, 'more text after the end of the JSON value');
    }
    i = skipSpace(text, i);
  }
  if (expect !== 'end') throw new Stop(text.length, 'the text ends too early');
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where `text` stops being JSON; undefined when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  try {
    scan(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...lineAndColumn(text, error.offset), problem: error.problem };
  }
}
