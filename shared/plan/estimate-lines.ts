/**
 * The estimate in full, as lines: the CLI's confirmation and dry run, and the window's confirmation
 * dialog say the same. Apart from estimate.ts so the window loads it only with that dialog.
 */
import { formatUsd, PRICE_KEY_FORMAT, resolutionText, type Estimate } from './estimate';
import { plural } from '../util/plural';

/**
 * The full summary as lines (the CLI's confirmation and dry run, the window's dialog): the head,
 * one line per model and resolution, then the cost.
 *   "2 tasks, 9 s of video"
 *   "  seedance-2.0-v2v       1 task    5 s  720p                 $0.50"
 *   "Estimated cost: ≈ $0.90 (from your price table)"
 */
export function summaryLines(estimate: Estimate): { head: string; lines: string[]; cost: string } {
  const shared = estimate.planned - estimate.tasks;
  const head =
    `${plural(estimate.tasks, 'task')}${estimate.runs > 1 ? ` in ${plural(estimate.runs, 'run')}` : ''}, ${estimate.seconds} s of video` +
    (shared > 0 ? ` (${shared} more repeat a fixed-seed request and share its result)` : '');
  const width = Math.max(0, ...estimate.lines.map((l) => l.model.length));
  const resWidth = Math.max(0, ...estimate.lines.map((l) => resolutionText(l.resolution).length));
  const lines = estimate.lines.map(
    (l) =>
      `  ${l.model.padEnd(width)}  ${plural(l.tasks, 'task').padStart(9)}  ${String(l.seconds).padStart(5)} s  ${resolutionText(l.resolution).padEnd(resWidth)}` +
      `  ${l.usd !== undefined ? formatUsd(l.usd) : 'no price'}`,
  );
  const cost =
    estimate.tasks === 0
      ? 'Estimated cost: nothing to pay.'
      : estimate.usd !== null
        ? `Estimated cost: ≈ ${formatUsd(estimate.usd)} (from your price table; Modellix bills by its own prices).`
        : `Estimated cost: not known: the price table has no price for ${estimate.missing.join(', ')} (USD per second; a key is ${PRICE_KEY_FORMAT}).`;
  return { head, lines, cost };
}
