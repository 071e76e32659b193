/**
 * The question before a run that crosses a threshold (or pays again): the whole summary the
 * service made (tasks, seconds per model and resolution, the estimate from the price table) and,
 * when runs go to a real service, its balance. Loaded on demand. A balance that cannot be read
 * never stops the run: the dialog says why it is not shown.
 */
import { useEffect, useState } from 'react';
import { MODELS } from '../../../shared/models';
import { formatUsd, resolutionText } from '../../../shared/plan/estimate';
import { summaryLines } from '../../../shared/plan/estimate-lines';
import { useServices } from '../services/services';
import type { Question } from '../store/shell';
import { Dialog } from '../ui/Dialog';
import { errorText } from '../ui/error-text';
import { plural } from '../../../shared/util/plural';

type Balance = { state: 'reading' } | { state: 'read'; usd: number } | { state: 'failed'; reason: string } | { state: 'simulated' };

function useBalance(simulated: boolean): Balance {
  const { api } = useServices();
  const [balance, setBalance] = useState<Balance>(simulated ? { state: 'simulated' } : { state: 'reading' });
  useEffect(() => {
    if (simulated) return;
    let live = true;
    api.balance({}).then(
      ({ balanceUsd }) => live && setBalance({ state: 'read', usd: balanceUsd }),
      (error: unknown) => live && setBalance({ state: 'failed', reason: errorText(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, simulated]);
  return balance;
}

function BalanceLine({ balance, estimate }: { balance: Balance; estimate: number | null }) {
  switch (balance.state) {
    case 'simulated':
      return <p role="status" aria-label="Balance">Simulated mode: runs go to the simulator inside Seedance Flow and nothing is paid.</p>;
    case 'reading':
      return <p role="status" aria-label="Balance">Reading the Modellix balance…</p>;
    case 'failed':
      return <p role="status" aria-label="Balance">Balance not shown: {balance.reason} You can still run.</p>;
    case 'read':
      return (
        <>
          <p role="status" aria-label="Balance">Modellix balance: {formatUsd(balance.usd)}.</p>
          {estimate !== null && estimate > balance.usd ? (
            <p role="alert" className="sf-error">
              The estimate ({formatUsd(estimate)}) is more than the balance ({formatUsd(balance.usd)}): Modellix refuses tasks once the balance runs out, so
              part of the run may not be made. Top up the Modellix balance first, or run fewer tasks.
            </p>
          ) : null}
        </>
      );
  }
}

export function ConfirmRunDialog({ q }: { q: Extract<Question, { kind: 'confirmRun' }> }) {
  const { summary, again } = q;
  const balance = useBalance(summary.simulated);
  const { tasks, seconds } = summary;
  const { cost } = summaryLines(summary);
  return (
    <Dialog
      role="alertdialog"
      title={again ? 'Run again and pay again?' : 'Start this run?'}
      description={
        again
          ? `This sends all ${plural(tasks, 'task')} again and pays for each (about ${seconds} seconds of video), even where an earlier result could be reused: a new take.`
          : `This run sends ${tasks} paid task${tasks === 1 ? '' : 's'} for about ${seconds} seconds of video in all.`
      }
      onClose={() => q.resolve(false)}
    >
      <table className="sf-estimate-table" aria-label="Cost by model and resolution">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Resolution</th>
            <th scope="col">Tasks</th>
            <th scope="col">Seconds</th>
            <th scope="col">Estimate</th>
          </tr>
        </thead>
        <tbody>
          {summary.lines.map((line) => (
            <tr key={`${line.model}@${line.resolution ?? ''}`}>
              <th scope="row">{MODELS[line.model].name}</th>
              <td>{resolutionText(line.resolution)}</td>
              <td>{line.tasks}</td>
              <td>{line.seconds} s</td>
              <td>{line.usd !== undefined ? formatUsd(line.usd) : 'no price'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="note" aria-label="Estimated cost">
        {summary.simulated ? 'Estimated cost: nothing (simulated).' : cost}
        {!summary.simulated && summary.usd === null && summary.tasks > 0 ? ' Add the prices in Settings › Prices.' : ''}
      </p>
      <BalanceLine balance={balance} estimate={summary.simulated ? null : summary.usd} />
      <div className="sf-dialog-buttons">
        <button type="button" onClick={() => q.resolve(true)}>
          {again ? 'Pay for' : 'Run'} {tasks} task{tasks === 1 ? '' : 's'}
        </button>
        <button type="button" onClick={() => q.resolve(false)} data-autofocus>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
