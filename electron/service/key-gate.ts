/**
 * The one door the API key leaves the Node side through. A key is bound to the service address
 * (origin) it was entered for; a call to any other address gets the key only after the user
 * confirmed it in a native dialog (the desktop app), or not at all (browser mode: the user enters
 * the key again, which binds it to the new address). Nothing is sent when the answer is no.
 */
import { ApiError, type KeyStatus } from '../../shared/api';
import type { Dialogs, KeyStore } from './ports';

const NO_KEY_MESSAGE = 'No Modellix API key is set. Enter it in Settings (or set MODELLIX_API_KEY) and try again.';

export interface KeyGate {
  /** The key for a call to `target` (an origin); throws ApiError when it may not go there. */
  keyFor(target: string): Promise<string>;
  /** The key store's status with whether the key may go to `current` without asking. */
  status(current: string | undefined): KeyStatus;
}

export function createKeyGate(options: { keyStore: KeyStore; dialogs: Pick<Dialogs, 'native' | 'confirmKeyOrigin'> }): KeyGate {
  const { keyStore, dialogs } = options;
  /** One question per move at a time, however many calls wait for it. */
  const asking = new Map<string, Promise<boolean>>();

  function ask(boundTo: string, target: string): Promise<boolean> {
    const id = `${boundTo}\n${target}`;
    let answer = asking.get(id);
    if (!answer) {
      answer = dialogs.confirmKeyOrigin({ boundTo, target }).finally(() => asking.delete(id));
      asking.set(id, answer);
    }
    return answer;
  }

  return {
    async keyFor(target) {
      const stored = keyStore.get();
      if (!stored) throw new ApiError('failed', NO_KEY_MESSAGE);
      if (stored.origin === target) return stored.key;
      if (!dialogs.native) {
        throw new ApiError(
          'forbidden',
          `Nothing was sent. Your Modellix API key was entered for ${stored.origin}; to use it with ${target}, enter the key again in Settings.`,
        );
      }
      if (!(await ask(stored.origin, target))) {
        throw new ApiError(
          'forbidden',
          `Your Modellix API key was not sent to ${target}: it was entered for ${stored.origin}. Set the service address back in Settings, or allow the key to go to ${target} when asked.`,
        );
      }
      const now = keyStore.get();
      if (now?.key !== stored.key) throw new ApiError('failed', 'The API key changed while you were asked; try again.');
      if (now.origin !== target) await keyStore.rebind(target);
      return now.key;
    },
    status(current) {
      const status = keyStore.status();
      if (status.boundTo === undefined || current === undefined) return status;
      if (status.boundTo === current) return { ...status, boundToCurrent: true };
      const then = dialogs.native
        ? 'Seedance Flow asks you before sending it there.'
        : 'enter the key again to use it there.';
      return { ...status, boundToCurrent: false, note: `${status.note} It was entered for ${status.boundTo}; runs now go to ${current}, so ${then}` };
    },
  };
}
