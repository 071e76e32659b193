/**
 * The app's settings file in the data folder, and the one part of it the CLI reads: the price
 * table (the app and the CLI share the data folder, so they share the prices too).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { pricesSchema, type Prices } from '../../shared/plan/estimate';

export const SETTINGS_FILE = 'settings.json';

const pricesPart = z.looseObject({ prices: pricesSchema.optional() });

/**
 * The price table of the data folder's settings; empty when there is none. `problem`: the file or
 * its table cannot be read, in words (the estimate is then not made; nothing else stops).
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
  const parsed = pricesPart.safeParse(json);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => i.message).join('; ');
    return { prices: {}, problem: `The price table in ${file} cannot be used: ${reasons}. Fix it in Seedance Flow's Settings.` };
  }
  return { prices: parsed.data.prices ?? {} };
}
