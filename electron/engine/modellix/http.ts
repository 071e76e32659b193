/**
 * One HTTP exchange with a time limit and a size limit on the answer. Returns the answer or a
 * transport failure; it never throws and never retries.
 */

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface HttpRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string | FormData;
  /** The whole exchange, answer body included, must finish within this time. */
  timeoutMs: number;
  /** The caller's cancel signal. */
  signal?: AbortSignal;
  maxAnswerBytes: number;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface TransportFailure {
  type: 'timeout' | 'aborted' | 'network' | 'too-large';
  /** System or undici error code, e.g. ECONNREFUSED. */
  code?: string;
  /** True only when the request certainly never reached the server (e.g. connection refused). */
  notSent: boolean;
}

export type HttpResult = { ok: true; answer: HttpAnswer } | { ok: false; failure: TransportFailure };

/** Error codes that mean no connection was made, so the request never left. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
]);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

class TooLarge extends Error {}

async function readBounded(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function sendRequest(fetchImpl: typeof fetch, request: HttpRequest): Promise<HttpResult> {
  if (request.signal?.aborted) return { ok: false, failure: { type: 'aborted', notSent: true } };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const onCallerAbort = () => controller.abort();
  request.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: controller.signal,
      // Never follow a redirect: it could carry the Authorization header somewhere else.
      redirect: 'manual',
    });
    const text = await readBounded(response, request.maxAnswerBytes);
    return { ok: true, answer: { status: response.status, headers: response.headers, text } };
  } catch (error) {
    if (error instanceof TooLarge) return { ok: false, failure: { type: 'too-large', notSent: false } };
    if (timedOut) return { ok: false, failure: { type: 'timeout', notSent: false } };
    if (controller.signal.aborted) return { ok: false, failure: { type: 'aborted', notSent: false } };
    const code = errorCode(error);
    return {
      ok: false,
      failure: { type: 'network', notSent: code !== undefined && NOT_SENT_CODES.has(code), ...(code ? { code } : {}) },
    };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onCallerAbort);
  }
}
