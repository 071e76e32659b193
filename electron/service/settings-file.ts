/**
 * The app's settings file in the data folder, and the one part of it the CLI reads: the price
 * table (the app and the CLI share the data folder, so they share the prices too).
 *
 * A price entry this version cannot read (a key of a model it does not know, a price that is not
 * a number) is left out on read, never the whole file: a damaged file reads as the defaults, and
 * one odd price must not reset the service address and every other setting with it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { settingsSchema } from '../../shared/api';
import { parsePriceKey, type Prices } from '../../shared/plan/estimate';

export const SETTINGS_FILE = 'settings.json';

/** The entries of a stored price table that can be used, and what is wrong with the others. */
export function readablePrices(raw: unknown): { prices: Prices; leftOut: string[] } {
  const prices: Prices = {};
  const leftOut: string[] = [];
  if (raw === undefined) return { prices, leftOut };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { prices, leftOut: ['"prices" is not a table of price keys and numbers'] };
  for (const [key, usd] of Object.entries(raw)) {
    const parsed = parsePriceKey(key);
    if (typeof parsed === 'string') leftOut.push(parsed);
    else if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0) leftOut.push(`"${key}": the price must be a number of 0 or more (US dollars per second)`);
    else prices[key] = usd;
  }
  return { prices, leftOut };
}

/** The settings as stored (see above: unreadable prices are left out). */
export const storedSettingsSchema = z.preprocess(
  (value) =>
    value && typeof value === 'object' && !Array.isArray(value) && 'prices' in value
      ? { ...value, prices: readablePrices((value as { prices: unknown }).prices).prices }
      : value,
  settingsSchema,
);

/**
 * The price table of the data folder's settings; empty when there is none. `problem`: what could
 * not be used, in words (the rest of the table still prices the run; nothing else stops).
 */
export async function readPrices(dataDir: string): Promise<{ prices: Prices; problem?: string }> {
  const file = join(dataDir, SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { prices: {} };
    return { prices: {}, problem: `${file} could not be read (${error instanceof Error ? error.message : String(error)}), so there is no price table.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { prices: {}, problem: `${file} is not valid JSON, so there is no price table. Set the prices again in Seedance Flow's Settings.` };
  }
  const stored = json && typeof json === 'object' && !Array.isArray(json) ? (json as { prices?: unknown }).prices : undefined;
  const { prices, leftOut } = readablePrices(stored);
  return leftOut.length > 0
    ? { prices, problem: `The price table in ${file} has entries that cannot be used, so they are left out: ${leftOut.join('; ')}. Fix them in Seedance Flow's Settings.` }
    : { prices };
}
