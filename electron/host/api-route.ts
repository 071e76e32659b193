/**
 * `POST /api/call/<method>`: one call through the contract. The body is the method's arguments as
 * JSON; the answer is `dispatch`'s CallAnswer envelope (200), which the window's client unwraps.
 * The host itself refuses what is not a JSON call: 405, 415, 413, or 400 for a body that is not JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { BROWSER_PATHS } from '../../shared/api';
import type { AppService } from '../service/types';
import { dispatch } from '../service/dispatch';
import { readBody } from './read-body';
import { failure, sendJson } from './reply';

export const API_CALL_PREFIX = BROWSER_PATHS.call;
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

const methodSegment = z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,63}$/);
/** Only `application/json` (any charset): a form or text/plain post is not a call. */
const jsonContentType = z
  .string()
  .transform((value) => value.split(';')[0]?.trim().toLowerCase())
  .pipe(z.literal('application/json'));
const jsonBody = z.string().transform((text, ctx) => {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'The body is not JSON.' });
    return z.NEVER;
  }
});

export interface ApiRouteOptions {
  service: Pick<AppService, 'handlers' | 'secrets'>;
  maxBodyBytes: number;
  log?: (line: string) => void;
}

export async function serveApiCall(options: ApiRouteOptions, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, failure('failed', 'Calls are POST requests.'), { Allow: 'POST' });
  const method = methodSegment.safeParse(pathname.slice(API_CALL_PREFIX.length));
  if (!method.success) return sendJson(res, 404, failure('unknown-method', 'There is no such method.'));
  if (!jsonContentType.safeParse(req.headers['content-type'] ?? '').success) {
    return sendJson(res, 415, failure('bad-arguments', 'Send the arguments as JSON (Content-Type: application/json).'));
  }
  const body = await readBody(req, options.maxBodyBytes);
  if (!body.ok) {
    if (body.reason === 'aborted') return void res.destroy();
    return sendJson(res, 413, failure('bad-arguments', `The arguments are larger than ${options.maxBodyBytes} bytes.`), { Connection: 'close' });
  }
  const args = jsonBody.safeParse(body.text);
  if (!args.success) return sendJson(res, 400, failure('bad-arguments', 'The arguments are not valid JSON.'));
  const answer = await dispatch(options.service.handlers, method.data, args.data, {
    secrets: () => options.service.secrets(),
    ...(options.log ? { log: options.log } : {}),
  });
  sendJson(res, 200, answer);
}
