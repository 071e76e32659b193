/**
 * Turns a failed exchange into the right error kind, as docs/modellix-api.md rules:
 * a submit is `rejected` only when the service definitely did not create it; anything else after the
 * request left is `outcome-unknown`. Other calls are `retryable` or `final`.
 */
import { makeError, type AnyModellixError, type ModellixErrorDetails, type ModellixErrorKind } from './errors';
import type { TransportFailure } from './http';
import {
  abortedMessage,
  badAnswerMessage,
  networkMessage,
  statusMessage,
  taskFailedMessage,
  timeoutMessage,
  tooLargeMessage,
  type MessageContext,
} from './messages';
import type { TaskSnapshot } from './protocol';

/** A submit answered with one of these was definitely not created. */
const SUBMIT_REJECTED_STATUSES: ReadonlySet<number> = new Set([400, 401, 402, 403, 404, 405, 413, 415, 422, 429]);
/** Other calls answered with one of these may be made again. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export interface ClassifyContext extends MessageContext {
  /** Removes the API key from a piece of text that came from outside (applied before it is quoted). */
  redact: (text: string) => string;
  /** A last pass over the whole message, as a safety net. */
  redactMessage: (text: string) => string;
  maxAnswerBytes: number;
}

function build(
  ctx: ClassifyContext,
  kind: ModellixErrorKind,
  message: string,
  details: Omit<ModellixErrorDetails, 'operation'>,
): AnyModellixError {
  const clean: ModellixErrorDetails = { ...details, operation: ctx.operation };
  if (clean.serviceMessage !== undefined) clean.serviceMessage = ctx.redact(clean.serviceMessage);
  if (ctx.taskId !== undefined && clean.taskId === undefined) clean.taskId = ctx.taskId;
  return makeError(kind, ctx.redactMessage(message), clean);
}

function kindForStatus(operation: MessageContext['operation'], status: number): ModellixErrorKind {
  if (operation === 'submit') return SUBMIT_REJECTED_STATUSES.has(status) ? 'rejected' : 'outcome-unknown';
  return RETRYABLE_STATUSES.has(status) ? 'retryable' : 'final';
}

export function errorForStatus(
  ctx: ClassifyContext,
  status: number,
  serviceMessage: string | undefined,
  retryAfterMs: number | undefined,
): AnyModellixError {
  const redacted = serviceMessage !== undefined ? ctx.redact(serviceMessage) : undefined;
  return build(ctx, kindForStatus(ctx.operation, status), statusMessage(ctx, status, redacted, retryAfterMs), {
    reason: 'http',
    status,
    ...(redacted !== undefined ? { serviceMessage: redacted } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

export function errorForTransport(ctx: ClassifyContext, failure: TransportFailure): AnyModellixError {
  const submit = ctx.operation === 'submit';
  const code = failure.code !== undefined ? { code: failure.code } : {};
  switch (failure.type) {
    case 'timeout':
      return build(ctx, submit ? 'outcome-unknown' : 'retryable', timeoutMessage(ctx), { reason: 'timeout' });
    case 'aborted':
      return build(ctx, submit ? (failure.notSent ? 'rejected' : 'outcome-unknown') : 'final', abortedMessage(ctx, failure.notSent), {
        reason: 'aborted',
      });
    case 'too-large':
      return build(ctx, submit ? 'outcome-unknown' : 'final', tooLargeMessage(ctx, ctx.maxAnswerBytes), { reason: 'bad-answer' });
    case 'network': {
      // A connection that was never made sent nothing: even a submit may go again.
      const kind = submit ? (failure.notSent ? 'rejected' : 'outcome-unknown') : 'retryable';
      return build(ctx, kind, networkMessage(ctx, failure.notSent, failure.code && ctx.redact(failure.code)), {
        reason: 'network',
        ...code,
      });
    }
  }
}

export function errorForBadAnswer(ctx: ClassifyContext, problem: string, status?: number): AnyModellixError {
  return build(ctx, ctx.operation === 'submit' ? 'outcome-unknown' : 'final', badAnswerMessage(ctx, ctx.redact(problem)), {
    reason: 'bad-answer',
    ...(status !== undefined ? { status } : {}),
  });
}

/** The client refused to send the request (nothing left the machine). */
export function errorForInvalidRequest(ctx: ClassifyContext, message: string): AnyModellixError {
  return build(ctx, ctx.operation === 'submit' ? 'rejected' : 'final', message, { reason: 'invalid-request' });
}

/** A local file to upload could not be read (nothing was sent). */
export function errorForLocalFile(ctx: ClassifyContext, message: string): AnyModellixError {
  return build(ctx, 'final', message, { reason: 'local-file' });
}

/** An error for a task that ended as failed, carrying the service's reason. */
export function errorForFailedTask(task: TaskSnapshot, redact: (text: string) => string = (t) => t) {
  const reason = task.failureReason !== undefined ? redact(task.failureReason) : undefined;
  return makeError('task-failed', taskFailedMessage(redact(task.taskId), reason), {
    operation: 'poll',
    reason: 'task-failed',
    taskId: task.taskId,
    ...(reason !== undefined ? { serviceMessage: reason } : {}),
  });
}
