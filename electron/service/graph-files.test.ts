import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api';
import { MAX_GRAPH_FILE_BYTES } from '../../shared/graph';
import { readGraphFile } from './graph-files';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sf-graph-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(file: string): Promise<string> {
  const error = await readGraphFile(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return (error as ApiError).message;
}

describe('opening a graph file safely (issue 8.7)', () => {
  it('never quotes what the file holds', async () => {
    const secret = 'mlx-live-0123456789abcdef';
    const file = path.join(dir, 'api-key');
    writeFileSync(file, `${secret}\n`);
    const message = await refusal(file);
    expect(message).toMatch(/is not a graph Seedance Flow can open:\nThe file is not valid JSON \(line 1, column 1: unexpected character\)/);
    expect(message).not.toContain(secret.slice(0, 5));
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO at once, without waiting for a writer', async () => {
    const fifo = path.join(dir, 'pipe.seedance.json');
    execFileSync('mkfifo', [fifo]);
    expect(await refusal(fifo)).toMatch(/is not a regular file \(it is a pipe\)\. Open a \.seedance\.json file\./);
  });

  it.skipIf(process.platform === 'win32')('refuses /dev/zero without reading it', async () => {
    expect(await refusal('/dev/zero')).toMatch(/^\/dev\/zero is not a regular file \(it is a device\)/);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const big = path.join(dir, 'big.seedance.json');
    writeFileSync(big, '');
    truncateSync(big, MAX_GRAPH_FILE_BYTES + 1);
    expect(await refusal(big)).toMatch(/at most 16,777,216 bytes are read\. Seedance Flow graphs are far smaller/);
  });
});
