/**
 * What a run will cost, before paying: paid tasks, seconds of video per model and resolution, and
 * a USD estimate from the user's own price table (never from the API). One module for the window
 * (through the `plan` method) and the CLI (confirmation and `--dry-run`).
 *
 * Price keys: `<model>@<resolution>` (e.g. `seedance-2.0-t2v@720p`) prices one resolution of one
 * model; a bare `<model>` (e.g. `seedance-2.0-t2v`) prices every resolution of that model that has
 * no key of its own, and is the only key that prices a task whose resolution is left unset (the
 * service's default, which the docs do not name). Values are USD per second of output.
 *
 * Seconds are the ones the runner bills by (`secondsOf`: the duration setting or the model's
 * default), and a request several runs would send identically (a fixed seed) counts once, as the
 * runner sends it once (`countRequests`). No price means no estimate: the missing keys are named.
 */
import { z } from 'zod';
import { MODEL_IDS, MODELS, type ModelId } from '../models/registry';
import { defaultOf } from '../models/describe';
import { ALL_RESOLUTIONS, type Resolution } from '../models/fields';
import type { Plan, PlannedTask } from './plan';
import { countRequests, type RepeatedRequest } from './repeats';
import { plural } from '../util/plural';

/** What a price key looks like, for messages. */
export const PRICE_KEY_FORMAT = '"<model>@<resolution>" (e.g. "seedance-2.0-t2v@720p") or "<model>" for any resolution';

/** Reads a price key; a string is what is wrong with it. */
export function parsePriceKey(key: string): { model: ModelId; resolution?: Resolution } | string {
  const [model, resolution, ...rest] = key.split('@');
  const spec = MODELS[model as ModelId] as (typeof MODELS)[ModelId] | undefined;
  if (!spec || !(MODEL_IDS as readonly string[]).includes(model ?? '')) {
    return `"${key}" is not a price key: use ${PRICE_KEY_FORMAT}, with a model among ${MODEL_IDS.join(', ')}`;
  }
  if (rest.length > 0 || resolution === '') return `"${key}" is not a price key: use ${PRICE_KEY_FORMAT}`;
  if (resolution === undefined) return { model: spec.id };
  if (!(spec.resolutions as readonly string[]).includes(resolution)) {
    return `"${key}": ${spec.id} has no resolution "${resolution}"; it takes ${spec.resolutions.join(', ')} (${PRICE_KEY_FORMAT})`;
  }
  return { model: spec.id, resolution: resolution as Resolution };
}

/** The key of a model and resolution in the price table. */
export function priceKey(model: ModelId, resolution?: Resolution | null): string {
  return resolution ? `${model}@${resolution}` : model;
}

/** The price table: USD per second of output, by price key. */
export const pricesSchema = z
  .record(
    z.string(),
    z.number({ error: 'must be a number of US dollars per second' }).nonnegative({ error: 'must be 0 or more (US dollars per second)' }).finite(),
  )
  .superRefine((prices, ctx) => {
    for (const key of Object.keys(prices)) {
      const parsed = parsePriceKey(key);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', path: [key], message: parsed });
    }
  });
export type Prices = z.infer<typeof pricesSchema>;

/** Seconds of video a task asks for (its duration setting, or the model's default): what Modellix bills. */
export function secondsOf(task: Pick<PlannedTask, 'model' | 'settings'>): number {
  const duration = task.settings.duration ?? defaultOf(task.model, 'duration');
  return typeof duration === 'number' ? duration : 0;
}

/** The resolution a task asks for; null when left to the service's default. */
export function resolutionOf(task: Pick<PlannedTask, 'settings'>): Resolution | null {
  return task.settings.resolution ?? null;
}

const count = z.number().int().nonnegative();
const usd = z.number().nonnegative();

/** The estimate as it crosses the contract (`plan`'s `summary`). */
export const estimateSchema = z.strictObject({
  /** Runs the estimate covers. */
  runs: count,
  /** Tasks the runs plan. */
  planned: count,
  /** Paid tasks sent (at most: a request several runs share is sent once; earlier results may be reused too). */
  tasks: count,
  /** Seconds of video of the paid tasks: what Modellix bills. */
  seconds: z.number().nonnegative(),
  /** One line per model and resolution (`resolution` null: left to the service's default). */
  lines: z.array(
    z.strictObject({
      model: z.enum(MODEL_IDS),
      resolution: z.string().nullable(),
      tasks: count,
      seconds: z.number().nonnegative(),
      /** The key that priced it, and the cost; absent when the table has no price for it. */
      priceKey: z.string().optional(),
      usd: usd.optional(),
    }),
  ),
  /** The whole cost, when every line has a price; else null (nothing is guessed). */
  usd: usd.nullable(),
  /** The price keys to set for an estimate (empty when `usd` is set or nothing is paid). */
  missing: z.array(z.string()),
});
export type Estimate = z.infer<typeof estimateSchema>;
export type EstimateLine = Estimate['lines'][number];

/** The price of a line: its own key, else the model's. */
function priceOf(prices: Prices, model: ModelId, resolution: Resolution | null): { key: string; usdPerSecond: number } | undefined {
  for (const key of resolution ? [priceKey(model, resolution), priceKey(model)] : [priceKey(model)]) {
    const value = prices[key];
    if (value !== undefined) return { key, usdPerSecond: value };
  }
  return undefined;
}

/**
 * The estimate of the runs whose plans are given (one plan per run), priced from `prices`.
 * `repeats` (from `countRequests`) may be passed when already counted.
 */
export function estimateRuns(plans: readonly Plan[], prices: Prices, counted?: { repeats: readonly RepeatedRequest[]; planned: number; distinct: number }): Estimate {
  const requests = counted ?? countRequests(plans, secondsOf);
  const byLine = new Map<string, { model: ModelId; resolution: Resolution | null; tasks: number; seconds: number }>();
  const lineOf = (model: ModelId, resolution: Resolution | null) => {
    const key = priceKey(model, resolution);
    let line = byLine.get(key);
    if (!line) byLine.set(key, (line = { model, resolution, tasks: 0, seconds: 0 }));
    return line;
  };
  const resolutionByNode = new Map<string, Resolution | null>();
  for (const plan of plans) {
    for (const task of plan.tasks) {
      const line = lineOf(task.model, resolutionOf(task));
      line.tasks += 1;
      line.seconds += secondsOf(task);
      resolutionByNode.set(task.node, resolutionOf(task));
    }
  }
  // A request several runs share is sent once: its repeats are not paid.
  for (const repeat of requests.repeats) {
    const line = lineOf(repeat.model, resolutionByNode.get(repeat.node) ?? null);
    line.tasks -= repeat.times - 1;
    line.seconds -= repeat.seconds * (repeat.times - 1);
  }
  const lines: EstimateLine[] = [];
  const missing: string[] = [];
  let total = 0;
  for (const line of byLine.values()) {
    if (line.tasks <= 0) continue;
    const price = priceOf(prices, line.model, line.resolution);
    if (price) {
      const cost = line.seconds * price.usdPerSecond;
      total += cost;
      lines.push({ ...line, priceKey: price.key, usd: cost });
    } else {
      lines.push({ ...line });
      missing.push(priceKey(line.model, line.resolution));
    }
  }
  const rank = (r: string | null) => (r === null ? ALL_RESOLUTIONS.length : (ALL_RESOLUTIONS as readonly string[]).indexOf(r));
  lines.sort((a, b) => b.tasks - a.tasks || a.model.localeCompare(b.model) || rank(a.resolution) - rank(b.resolution));
  return {
    runs: plans.length,
    planned: requests.planned,
    tasks: requests.distinct,
    seconds: lines.reduce((sum, line) => sum + line.seconds, 0),
    lines,
    usd: missing.length === 0 ? total : null,
    missing: missing.sort(),
  };
}

/** "$1.20" (to the cent; "<$0.01" for less than a cent that is not nothing). */
export function formatUsd(value: number): string {
  return value > 0 && value < 0.005 ? '<$0.01' : `$${value.toFixed(2)}`;
}

/** A line's resolution in words. */
export function resolutionText(resolution: string | null): string {
  return resolution ?? 'default resolution';
}

/** The cost in one sentence: "≈ $1.20", or which prices are missing (never a guess). */
export function costText(estimate: Pick<Estimate, 'usd' | 'missing' | 'tasks'>): string {
  if (estimate.tasks === 0) return 'nothing to pay';
  if (estimate.usd !== null) return `≈ ${formatUsd(estimate.usd)}`;
  return `no estimate: no price for ${estimate.missing.join(', ')}`;
}

/** The short form beside Run: "3 tasks · 15 s · ≈ $1.20" (simulated: "… · simulated, nothing is paid"). */
export function shortSummary(estimate: Pick<Estimate, 'usd' | 'missing' | 'tasks' | 'seconds'> & { simulated?: boolean }): string {
  return `${plural(estimate.tasks, 'task')} · ${estimate.seconds} s · ${estimate.simulated ? 'simulated, nothing is paid' : costText(estimate)}`;
}
