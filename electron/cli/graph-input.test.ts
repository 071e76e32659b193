import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_GRAPH_FILE_BYTES } from '../../shared/graph';
import { CliError } from './exit-codes';
import { loadGraphFile } from './graph-input';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sf-graph-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(file: string): Promise<string> {
  const error = await loadGraphFile(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  return (error as CliError).message;
}

describe('loadGraphFile reads only a small regular file and never quotes it (issue 8.7)', () => {
  it('names where a non-JSON file breaks, not what it holds', async () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'password=hunter2-0123456789\n');
    const message = await refusal(file);
    expect(message).toContain('The file is not valid JSON (line 1, column 1: unexpected character)');
    expect(message).not.toContain('hunter2');
  });

  it('refuses a file over the size limit without reading it', async () => {
    const big = path.join(dir, 'big.seedance.json');
    writeFileSync(big, '');
    truncateSync(big, MAX_GRAPH_FILE_BYTES + 1);
    expect(await refusal(big)).toMatch(/big\.seedance\.json is 16,777,217 bytes; at most 16,777,216 bytes are read\./);
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO at once', async () => {
    const fifo = path.join(dir, 'pipe.seedance.json');
    execFileSync('mkfifo', [fifo]);
    expect(await refusal(fifo)).toMatch(/is not a regular file \(it is a pipe\)/);
  });
});
