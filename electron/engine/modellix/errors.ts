/**
 * The errors the Modellix client throws. Every one has a `kind` that tells the caller what it may do:
 *
 * - `rejected`: a submit the service definitely did not create (400, 401, 402, 403, 404, 405, 413,
 *   415, 422, 429, or nothing was sent at all). It may be sent again once the cause is fixed.
 * - `outcome-unknown`: a submit that left and then failed (timeout, reset, 5xx, an unreadable
 *   answer). The task may exist and may be billed: never send it again automatically.
 * - `retryable`: any other call that may simply be made again (429, 500, 502, 503, 504, network).
 * - `final`: any other call that will fail the same way again.
 * - `task-failed`: the task ran and the service reports it failed; `message` is its reason.
 *
 * Messages are written for the user and never contain the API key (the client redacts it).
 * No error carries a `cause`, a request or a response object, so nothing secret can ride along.
 */

export type ModellixOperation =
  | 'submit'
  | 'poll'
  | 'upload'
  | 'delete-upload'
  | 'validate-key'
  | 'balance'
  | 'models';

/** What went wrong underneath. */
export type FailureReason =
  | 'http' // the service answered with an error status
  | 'timeout' // no complete answer within the time limit
  | 'network' // the connection failed
  | 'aborted' // the caller cancelled
  | 'bad-answer' // a success status whose body could not be read as documented
  | 'invalid-request' // the client refused to send it (nothing left the machine)
  | 'local-file' // a file to upload could not be read
  | 'task-failed'; // the task ended as failed

export interface ModellixErrorDetails {
  operation: ModellixOperation;
  reason: FailureReason;
  /** HTTP status, when the service answered. */
  status?: number;
  /** The service's own message (redacted), when it sent one. */
  serviceMessage?: string;
  /** How long to wait before trying again, from `Retry-After` or `X-RateLimit-Reset`. */
  retryAfterMs?: number;
  /** A system error code such as ECONNREFUSED, for network failures. */
  code?: string;
  /** The task concerned, when known. */
  taskId?: string;
}

export abstract class ModellixError extends Error {
  abstract readonly kind: 'rejected' | 'outcome-unknown' | 'retryable' | 'final' | 'task-failed';
  readonly operation: ModellixOperation;
  readonly reason: FailureReason;
  readonly status?: number;
  readonly serviceMessage?: string;
  readonly retryAfterMs?: number;
  readonly code?: string;
  readonly taskId?: string;

  constructor(message: string, details: ModellixErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.operation = details.operation;
    this.reason = details.reason;
    if (details.status !== undefined) this.status = details.status;
    if (details.serviceMessage !== undefined) this.serviceMessage = details.serviceMessage;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.code !== undefined) this.code = details.code;
    if (details.taskId !== undefined) this.taskId = details.taskId;
  }

  /** A plain object for logs and IPC (no stack). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      operation: this.operation,
      reason: this.reason,
      status: this.status,
      serviceMessage: this.serviceMessage,
      retryAfterMs: this.retryAfterMs,
      code: this.code,
      taskId: this.taskId,
    };
  }
}

/** The submit was definitely not created; it may be sent again once the cause is fixed. */
export class SubmitRejectedError extends ModellixError {
  readonly kind = 'rejected' as const;
}

/** The submit left and its outcome is unknown: the task may exist and be billed. Never re-send it. */
class SubmitOutcomeUnknownError extends ModellixError {
  readonly kind = 'outcome-unknown' as const;
}

/** A non-submit call that may be made again (after `retryAfterMs` when set). */
class RetryableError extends ModellixError {
  readonly kind = 'retryable' as const;
}

/** A non-submit call that will fail the same way again. */
export class FinalError extends ModellixError {
  readonly kind = 'final' as const;
}

/** The task ended as failed; the message is the service's reason. */
class TaskFailedError extends ModellixError {
  readonly kind = 'task-failed' as const;
}

export type AnyModellixError =
  | SubmitRejectedError
  | SubmitOutcomeUnknownError
  | RetryableError
  | FinalError
  | TaskFailedError;

export type ModellixErrorKind = AnyModellixError['kind'];

export function isModellixError(value: unknown): value is AnyModellixError {
  return value instanceof ModellixError;
}

const CONSTRUCTORS = {
  rejected: SubmitRejectedError,
  'outcome-unknown': SubmitOutcomeUnknownError,
  retryable: RetryableError,
  final: FinalError,
  'task-failed': TaskFailedError,
} as const;

export function makeError(kind: ModellixErrorKind, message: string, details: ModellixErrorDetails): AnyModellixError {
  return new CONSTRUCTORS[kind](message, details);
}
