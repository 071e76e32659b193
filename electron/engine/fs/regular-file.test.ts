import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegularFile, RegularFileError } from './regular-file';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sf-regular-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LIMIT = 1024;

async function refusal(file: string): Promise<RegularFileError> {
  const error = await readRegularFile(file, { maxBytes: LIMIT }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RegularFileError);
  return error as RegularFileError;
}

describe('readRegularFile', () => {
  it('reads a regular file under the limit', async () => {
    const file = path.join(dir, 'ok.json');
    writeFileSync(file, '{"a":1}');
    expect((await readRegularFile(file, { maxBytes: LIMIT })).toString('utf8')).toBe('{"a":1}');
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = path.join(dir, 'pipe.seedance.json');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    expect(await refusal(fifo)).toMatchObject({ reason: 'not-regular', message: `${fifo} is not a regular file (it is a pipe).` });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it.skipIf(process.platform === 'win32')('refuses a device such as /dev/zero without reading it', async () => {
    expect(await refusal('/dev/zero')).toMatchObject({ reason: 'not-regular', message: '/dev/zero is not a regular file (it is a device).' });
  });

  it('refuses a folder', async () => {
    const folder = path.join(dir, 'folder.seedance.json');
    mkdirSync(folder);
    expect(await refusal(folder)).toMatchObject({ reason: 'not-regular', message: `${folder} is not a regular file (it is a folder).` });
  });

  it('refuses a file over the limit without reading it', async () => {
    const big = path.join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, LIMIT + 1);
    expect(await refusal(big)).toMatchObject({ reason: 'too-large', message: `${big} is 1,025 bytes; at most 1,024 bytes are read.` });
  });

  it('says when a file is missing, naming only its path', async () => {
    const gone = path.join(dir, 'gone.json');
    expect(await refusal(gone)).toMatchObject({ reason: 'missing', message: `${gone} does not exist.` });
  });
});
