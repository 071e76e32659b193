/** What the user reads when a Modellix call fails: what happened and what to do about it. */
import type { ModellixOperation } from './errors';

export interface MessageContext {
  operation: ModellixOperation;
  /** The request's time limit, for timeout messages. */
  timeoutMs: number;
  taskId?: string;
  fileId?: string;
}

export const OUTCOME_UNKNOWN_ADVICE =
  'The task may have been created and billed. It will not be sent again automatically: check your Modellix task list before running it again.';

const ACTIONS: Readonly<Record<ModellixOperation, string>> = {
  submit: 'submit the task',
  poll: 'check the task',
  upload: 'upload the file',
  'delete-upload': 'delete the uploaded file',
  'validate-key': 'check the API key',
  balance: 'read the balance',
  models: 'list the models',
};

function seconds(ms: number): string {
  return String(Math.round(ms / 10) / 100);
}

function withDetail(text: string, detail: string | undefined): string {
  return detail ? `${text} Modellix said: ${detail}` : text;
}

export function statusMessage(ctx: MessageContext, status: number, serviceMessage?: string, retryAfterMs?: number): string {
  const submit = ctx.operation === 'submit';
  switch (status) {
    case 401:
      return 'The Modellix API key is missing or wrong. Set MODELLIX_API_KEY or enter the key in Settings.';
    case 402:
      return 'The Modellix balance is too low for this task. Top up the Modellix balance, then run it again.';
    case 400:
    case 422:
      // The service's own words: they name the field and the problem.
      return serviceMessage ?? `Modellix refused the request (HTTP ${status}) without saying why.`;
    case 403:
      return withDetail('Modellix refused access with this API key (HTTP 403). Check that the key may use this model.', serviceMessage);
    case 404:
      if (ctx.operation === 'poll') return `Modellix does not know task ${ctx.taskId ?? ''}`.trimEnd() + ' (HTTP 404).';
      if (ctx.operation === 'delete-upload') return `Modellix has no uploaded file ${ctx.fileId ?? ''}`.trimEnd() + ' (HTTP 404).';
      if (submit) return withDetail('Modellix does not know this model (HTTP 404). Check the model and the base URL.', serviceMessage);
      return withDetail('Modellix does not know this address (HTTP 404). Check the base URL.', serviceMessage);
    case 413:
      return withDetail('The request or file is too large for Modellix (HTTP 413).', serviceMessage);
    case 415:
      return withDetail('Modellix does not accept this file type (HTTP 415).', serviceMessage);
    case 429: {
      const wait = retryAfterMs !== undefined ? `${seconds(retryAfterMs)} s` : 'a little';
      return submit
        ? `Modellix is limiting requests (HTTP 429): the task was not created. Wait ${wait}, then submit it again.`
        : `Modellix is limiting requests (HTTP 429); wait ${wait} and try again.`;
    }
    default:
      break;
  }
  if (status >= 300 && status < 400) {
    const text = `Modellix answered with a redirect (HTTP ${status}), which is not followed. Check the base URL.`;
    return submit ? `${text} ${OUTCOME_UNKNOWN_ADVICE}` : text;
  }
  if (status >= 500) {
    return submit
      ? `Modellix answered HTTP ${status} to the submit. ${OUTCOME_UNKNOWN_ADVICE}`
      : withDetail(`Modellix had a problem (HTTP ${status}) when asked to ${ACTIONS[ctx.operation]}; try again shortly.`, serviceMessage);
  }
  const text = withDetail(`Modellix could not ${ACTIONS[ctx.operation]} (HTTP ${status}).`, serviceMessage);
  return submit ? `${text} ${OUTCOME_UNKNOWN_ADVICE}` : text;
}

export function timeoutMessage(ctx: MessageContext): string {
  return ctx.operation === 'submit'
    ? `No answer from Modellix within ${seconds(ctx.timeoutMs)} s after the submit was sent. ${OUTCOME_UNKNOWN_ADVICE}`
    : `Modellix did not answer within ${seconds(ctx.timeoutMs)} s when asked to ${ACTIONS[ctx.operation]}; try again.`;
}

export function networkMessage(ctx: MessageContext, notSent: boolean, code: string | undefined): string {
  const why = code ? ` (${code})` : '';
  if (notSent) {
    return `Could not reach Modellix${why}: nothing was sent. Check the network connection and the base URL.`;
  }
  return ctx.operation === 'submit'
    ? `The connection to Modellix broke after the submit was sent${why}. ${OUTCOME_UNKNOWN_ADVICE}`
    : `The connection to Modellix broke${why} when asked to ${ACTIONS[ctx.operation]}; try again.`;
}

export function abortedMessage(ctx: MessageContext, notSent: boolean): string {
  if (notSent) return `Cancelled before anything was sent: did not ${ACTIONS[ctx.operation]}.`;
  return ctx.operation === 'submit'
    ? `The submit was cancelled after it was sent. ${OUTCOME_UNKNOWN_ADVICE}`
    : `Cancelled: did not ${ACTIONS[ctx.operation]}.`;
}

export function badAnswerMessage(ctx: MessageContext, problem: string): string {
  return ctx.operation === 'submit'
    ? `Modellix answered the submit, but the answer could not be read (${problem}). ${OUTCOME_UNKNOWN_ADVICE}`
    : `Modellix sent an answer that could not be read when asked to ${ACTIONS[ctx.operation]} (${problem}).`;
}

export function tooLargeMessage(ctx: MessageContext, maxBytes: number): string {
  const text = `Modellix sent an answer larger than ${Math.round(maxBytes / 1024)} KiB, which was not read.`;
  return ctx.operation === 'submit' ? `${text} ${OUTCOME_UNKNOWN_ADVICE}` : text;
}

/** A failed task: the service's own reason, as it gave it. */
export function taskFailedMessage(taskId: string, reason: string | undefined): string {
  return reason
    ? `The task ${taskId} failed: ${reason}`
    : `The task ${taskId} failed, and Modellix gave no reason.`;
}
