/**
 * The contract over Electron IPC. One channel carries every call: `seedance:call` (method, args)
 * answered with the contract's `CallAnswer`; `dispatch` checks the method name and the arguments
 * with the contract's zod schemas before anything reaches the service, checks the result, and
 * refuses an answer that would carry the API key. Calls are accepted only from the top frame of
 * our main window while it shows the app's own page: any other window, frame or page is refused
 * with `forbidden`. Service events go to the window on `seedance:event` (name, payload). The
 * preload reports files dropped on the window on `seedance:dropped` (same sender check).
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { CallAnswer, EventName, EventOf, MethodName } from '../../shared/api';
import { isMethodName } from '../../shared/api';
import { dispatch } from '../service/dispatch';
import type { AppService } from '../service/types';
import { CALL_CHANNEL, DROPPED_CHANNEL, EVENT_CHANNEL } from './channels';

type WindowLike = Pick<BrowserWindow, 'isDestroyed'> & { webContents: Pick<BrowserWindow['webContents'], 'send' | 'isDestroyed'> };

export interface IpcBindingOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;
  service: Pick<AppService, 'handlers' | 'secrets' | 'subscribe'>;
  /** The main window, when there is one. */
  getWindow(): WindowLike | undefined;
  /** The app's own page (see renderer-location). */
  isAppUrl(url: string): boolean;
  log?(message: string): void;
  /** Called after each answered call (the app refreshes File > Open Recent after graph.open/save). */
  afterCall?(method: MethodName, answer: CallAnswer): void;
  /** A file dropped on the window, as the preload read it from the File (DROPPED_CHANNEL). */
  onDroppedPath?(path: string): void;
}

export const FORBIDDEN_ANSWER: CallAnswer = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'forbidden', message: 'This page may not call Seedance Flow.' }),
}) as CallAnswer;

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender'> & { readonly senderFrame: { readonly parent: unknown; readonly url: string } | null };

/** Whether a call comes from the top frame of our main window, showing our own page. */
export function isTrustedSender(event: SenderEvent, window: WindowLike | undefined, isAppUrl: (url: string) => boolean): boolean {
  if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return false;
  if (event.sender !== window.webContents) return false;
  let frame: SenderEvent['senderFrame'];
  try {
    frame = event.senderFrame;
  } catch {
    return false;
  }
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/** The `ipcMain.handle` listener for `seedance:call`. */
export function createCallHandler(options: IpcBindingOptions): (event: SenderEvent, method: unknown, args: unknown) => Promise<CallAnswer> {
  return async (event, method, args) => {
    if (!isTrustedSender(event, options.getWindow(), options.isAppUrl)) {
      options.log?.(`Refused a ${isMethodName(method) ? method : 'malformed'} call from a foreign page or frame`);
      return FORBIDDEN_ANSWER;
    }
    const answer = await dispatch(options.service.handlers, method, args, {
      secrets: () => options.service.secrets(),
      ...(options.log ? { log: options.log } : {}),
    });
    if (isMethodName(method)) {
      try {
        options.afterCall?.(method, answer);
      } catch (error) {
        options.log?.(`After ${method}: ${String(error)}`);
      }
    }
    return answer;
  };
}

/** The `ipcMain.on` listener for DROPPED_CHANNEL: a path string from our own window's top frame only. */
function createDroppedPathListener(options: Pick<IpcBindingOptions, 'getWindow' | 'isAppUrl' | 'log' | 'onDroppedPath'>): (event: SenderEvent, path: unknown) => void {
  return (event, path) => {
    if (!isTrustedSender(event, options.getWindow(), options.isAppUrl)) {
      options.log?.('Refused a dropped-file report from a foreign page or frame');
      return;
    }
    if (typeof path !== 'string' || path.length === 0 || path.length > 4096) return;
    options.onDroppedPath?.(path);
  };
}

/** Sends every service event to the main window; an event that would carry a secret is dropped. */
export function forwardEvents(options: Pick<IpcBindingOptions, 'service' | 'getWindow' | 'log'>): () => void {
  return options.service.subscribe(<E extends EventName>(event: E, payload: EventOf<E>) => {
    const window = options.getWindow();
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
    const secrets = options.service.secrets();
    if (secrets.length > 0) {
      const text = JSON.stringify(payload) ?? '';
      if (secrets.some((secret) => secret.length >= 4 && text.includes(secret))) {
        options.log?.(`Dropped a ${event} event that would have contained the API key`);
        return;
      }
    }
    window.webContents.send(EVENT_CHANNEL, event, payload);
  });
}

/** Binds the call channel and event forwarding; returns the function that unbinds both. */
export function bindIpc(options: IpcBindingOptions): () => void {
  options.ipcMain.handle(CALL_CHANNEL, createCallHandler(options));
  const dropped = createDroppedPathListener(options);
  options.ipcMain.on(DROPPED_CHANNEL, dropped);
  const unsubscribe = forwardEvents(options);
  return () => {
    options.ipcMain.removeHandler(CALL_CHANNEL);
    options.ipcMain.removeListener(DROPPED_CHANNEL, dropped);
    unsubscribe();
  };
}
