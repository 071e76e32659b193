/**
 * Settings: the API key (status and where it is kept, set, clear, validate; never shown back),
 * the service address (read-only while MODELLIX_BASE_URL sets it), how many tasks run at once,
 * the output folder, when to ask before a run, and the price table for the estimate (PricesEditor).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { KeyStatus, Settings } from '../../../shared/api';
import { useServices } from '../services/services';
import { useConnectionInfo } from '../services/use-connection';
import { Dialog } from '../ui/Dialog';
import { errorText } from '../ui/error-text';
import { PricesEditor, pricesOfRows, rowsOfPrices, type PriceRow } from './PricesEditor';

type Draft = { baseUrl: string; concurrency: string; outDir: string; confirmTasksOver: string; confirmSecondsOver: string; pipelineFolders: string };

function draftOf(s: Settings): Draft {
  return {
    baseUrl: s.baseUrl,
    concurrency: String(s.concurrency),
    outDir: s.outDir,
    confirmTasksOver: String(s.confirmTasksOver),
    confirmSecondsOver: String(s.confirmSecondsOver),
    pipelineFolders: (s.pipelineFolders ?? []).join('; '),
  };
}

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { api } = useServices();
  const [status, setStatus] = useState<KeyStatus | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [priceRows, setPriceRows] = useState<PriceRow[]>([]);
  const [key, setKey] = useState('');
  const [plainText, setPlainText] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { connection, refresh: refreshConnection } = useConnectionInfo();
  const addressHintId = useId();
  const simulatedHintId = useId();

  useEffect(() => {
    let live = true;
    Promise.all([api['key.status']({}), api['settings.get']({})]).then(
      ([k, s]) => {
        if (!live) return;
        setStatus(k);
        setDraft(draftOf(s));
        setPriceRows(rowsOfPrices(s.prices));
      },
      (error: unknown) => live && setMessage({ ok: false, text: `Could not read the settings: ${errorText(error)}` }),
    );
    const off = api.on('key.changed', (k) => live && setStatus(k));
    return () => {
      live = false;
      off();
    };
  }, [api]);

  /** MODELLIX_BASE_URL in the environment sets the address: the field shows it and cannot change it. */
  const fromEnv = connection?.source === 'env';

  async function act(what: () => Promise<string>) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await what() });
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    } finally {
      setBusy(false);
    }
  }

  function setTheKey(event: FormEvent) {
    event.preventDefault();
    if (key.trim().length < 8) return setMessage({ ok: false, text: 'That is too short to be a Modellix API key.' });
    void act(async () => {
      const next = await api['key.set']({ key: key.trim(), allowPlainText: plainText });
      setStatus(next);
      setKey('');
      return next.present ? 'The key is set.' : 'The key was not kept.';
    });
  }

  function saveSettings(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const numbers = {
      concurrency: Number(draft.concurrency),
      confirmTasksOver: Number(draft.confirmTasksOver),
      confirmSecondsOver: Number(draft.confirmSecondsOver),
    };
    if (Object.values(numbers).some((n) => !Number.isInteger(n) || n < 0)) {
      return setMessage({ ok: false, text: 'Concurrency and the thresholds are whole numbers.' });
    }
    const priced = pricesOfRows(priceRows);
    if ('error' in priced) return setMessage({ ok: false, text: priced.error });
    void act(async () => {
      const pipelineFolders = draft.pipelineFolders.split(';').map((f) => f.trim()).filter(Boolean);
      const saved = await api['settings.set']({ baseUrl: draft.baseUrl.trim(), outDir: draft.outDir.trim(), ...numbers, prices: priced.prices, pipelineFolders });
      setDraft(draftOf(saved));
      setPriceRows(rowsOfPrices(saved.prices));
      return 'Settings saved.';
    });
  }

  const field = (name: keyof Draft) => ({
    value: draft?.[name] ?? '',
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setDraft((d) => (d ? { ...d, [name]: e.target.value } : d)),
  });

  return (
    <Dialog title="Settings" onClose={onClose} className="sf-settings">
      <section aria-labelledby="sf-key-heading">
        <h3 id="sf-key-heading">Modellix API key</h3>
        <p role="status" aria-label="API key status">
          {status ? `${status.present ? 'A key is set' : 'No key is set'}. ${status.note}${status.boundToCurrent ? ` It is sent only to ${status.boundTo}.` : ''}` : 'Reading…'}
        </p>
        <form className="sf-form" onSubmit={setTheKey}>
          <label className="sf-field">
            <span>API key</span>
            <input type="password" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" spellCheck={false} data-autofocus />
          </label>
          {status && !status.encryptionAvailable ? (
            <label className="sf-check">
              <input type="checkbox" checked={plainText} onChange={(e) => setPlainText(e.target.checked)} />
              <span>This system cannot encrypt the key. Keep it in a plain-text file that only my user account can read.</span>
            </label>
          ) : null}
          <div className="sf-dialog-buttons">
            <button type="submit" disabled={busy || key.trim() === ''}>
              Set key
            </button>
            <button type="button" disabled={busy || !status?.present || status.source === 'env'} onClick={() => void act(async () => {
              const next = await api['key.clear']({});
              setStatus(next);
              return 'The key was removed.';
            })}>
              Clear key
            </button>
            <button type="button" disabled={busy || !status?.present} onClick={() => void act(async () => (await api['key.validate']({})).message)}>
              Validate key
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="sf-service-heading">
        <h3 id="sf-service-heading">Runs</h3>
        {connection ? (
          <div className="sf-field">
            <label>
              <input
                type="checkbox"
                checked={connection.simulated}
                disabled={busy}
                aria-describedby={simulatedHintId}
                onChange={(e) => {
                  const simulated = e.currentTarget.checked;
                  void act(async () => {
                    await api['settings.set']({ simulated });
                    await refreshConnection();
                    return simulated ? 'Simulated mode is on: runs cost nothing.' : 'Simulated mode is off: runs go to the service and are paid for.';
                  });
                }}
              />{' '}
              Simulated mode
            </label>
            <p id={simulatedHintId} className="sf-hint">
              {connection.simulated
                ? 'Runs go to a simulator inside Seedance Flow: no key is needed, nothing is paid, and every result says it is simulated. Turn this off to run on Modellix.'
                : `Runs go to ${connection.baseUrl} and are paid for with your key. Turn this on to try pipelines without a key or cost.`}
            </p>
          </div>
        ) : null}
        {draft ? (
          <form className="sf-form" onSubmit={saveSettings}>
            <label className="sf-field">
              <span>Service address (base URL)</span>
              {fromEnv ? (
                <input type="url" value={connection.baseUrl} disabled readOnly spellCheck={false} aria-describedby={addressHintId} />
              ) : (
                <input type="url" {...field('baseUrl')} spellCheck={false} aria-describedby={connection?.problem ? addressHintId : undefined} />
              )}
            </label>
            {fromEnv || connection?.problem ? (
              <p id={addressHintId} className={connection.problem ? 'sf-error' : 'sf-hint'}>
                {fromEnv ? 'Set from MODELLIX_BASE_URL in the environment: runs go there whatever this field says. Unset the variable and restart to use the field. ' : ''}
                {connection.problem ?? ''}
              </p>
            ) : null}
            <label className="sf-field">
              <span>Tasks at once (concurrency)</span>
              <input type="number" min={1} max={32} {...field('concurrency')} />
            </label>
            <label className="sf-field">
              <span>Output folder (empty: the default)</span>
              <input type="text" {...field('outDir')} spellCheck={false} />
            </label>
            <label className="sf-field">
              <span>More pipeline folders (full paths, separated by ;)</span>
              <input type="text" {...field('pipelineFolders')} spellCheck={false} />
            </label>
            <label className="sf-field">
              <span>Ask before a run of more tasks than</span>
              <input type="number" min={0} {...field('confirmTasksOver')} />
            </label>
            <label className="sf-field">
              <span>Ask before a run of more seconds of video than</span>
              <input type="number" min={0} {...field('confirmSecondsOver')} />
            </label>
            <PricesEditor rows={priceRows} onChange={setPriceRows} disabled={busy} />
            <div className="sf-dialog-buttons">
              <button type="submit" disabled={busy}>
                Save settings
              </button>
            </div>
          </form>
        ) : null}
      </section>
      <p role={message && !message.ok ? 'alert' : 'status'} className={message && !message.ok ? 'sf-error' : 'sf-hint'}>
        {message?.text ?? ''}
      </p>
      <div className="sf-dialog-buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
