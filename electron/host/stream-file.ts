/** Streams (part of) a file into a response; a client that goes away closes the file too. */
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

export async function streamFile(res: ServerResponse, file: string, range?: { start: number; end: number }): Promise<void> {
  try {
    await pipeline(createReadStream(file, range), res);
  } catch {
    // A read error after the headers went out, or the client left: nothing more can be said.
    res.destroy();
  }
}
