/**
 * Property test: the scanner agrees with JSON.parse on what is JSON, for valid documents and for
 * documents broken by one random edit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem } from './json-syntax';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const documents = fc.jsonValue().map((value) => JSON.stringify(value, null, 2));
const pieces = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'tru', '-', '0', '01', '1e', '.5', ' ', '\n', '\u0001', 'x', '\\u12');

describe('findJsonSyntaxProblem', () => {
  it('finds no problem in valid JSON', () => {
    fc.assert(
      fc.property(documents, (text) => {
        expect(findJsonSyntaxProblem(text)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('finds a problem exactly when JSON.parse fails, after a random edit', () => {
    fc.assert(
      fc.property(documents, fc.nat(), fc.nat({ max: 3 }), pieces, (text, at, cut, piece) => {
        const i = at % (text.length + 1);
        const edited = text.slice(0, i) + piece + text.slice(Math.min(text.length, i + cut));
        expect(findJsonSyntaxProblem(edited) === undefined).toBe(parses(edited));
      }),
      { numRuns: 1000 },
    );
  });
});
