/**
 * `GET /media/<mediaId>`: previews of files the service knows (imported media and run outputs),
 * with byte ranges so `<video>` can seek. Any other id is 404: this is not a file server.
 */
import { promises as fsp } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { BROWSER_PATHS } from '../../shared/api';
import type { AppService } from '../service/types';
import { contentTypeOf } from './mime';
import { parseRange } from './range';
import { sendText } from './reply';
import { streamFile } from './stream-file';

export const MEDIA_PREFIX = BROWSER_PATHS.media;

const mediaIdSchema = z.string().min(1).max(256);

function idOf(pathname: string): string | undefined {
  try {
    const parsed = mediaIdSchema.safeParse(decodeURIComponent(pathname.slice(MEDIA_PREFIX.length)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    const stat = await fsp.stat(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

export async function serveMedia(service: Pick<AppService, 'mediaPath'>, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) return sendText(res, 405, 'Only GET and HEAD.', { Allow: 'GET, HEAD' });
  const id = idOf(pathname);
  const file = id === undefined ? undefined : service.mediaPath(id);
  const size = file === undefined ? undefined : await sizeOf(file);
  if (file === undefined || size === undefined) return sendText(res, 404, 'No such media.');

  const range = parseRange(typeof req.headers.range === 'string' ? req.headers.range : undefined, size);
  const common = { 'Content-Type': contentTypeOf(file), 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-cache' };
  if (range.kind === 'unsatisfiable') {
    return sendText(res, 416, 'Range not satisfiable.', { 'Content-Range': `bytes */${size}`, 'Accept-Ranges': 'bytes' });
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : size - 1;
  res.writeHead(range.kind === 'partial' ? 206 : 200, {
    ...common,
    'Content-Length': String(end - start + 1),
    ...(range.kind === 'partial' ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (head || size === 0) return void res.end();
  await streamFile(res, file, { start, end });
}
