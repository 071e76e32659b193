/**
 * Settings › Prices: the user's own price table (USD per second of output), one row per model and
 * resolution ("Any resolution" is the model-wide key). Rows become the keys of shared/plan/estimate.ts
 * ("seedance-2.0-t2v@720p", "seedance-2.0-t2v"); the service checks them again when saved.
 */
import { MODEL_IDS, MODELS, type ModelId } from '../../../shared/models';
import { parsePriceKey, priceKey, type Prices } from '../../../shared/plan/estimate';

export interface PriceRow {
  /** Stable across edits, for React keys. */
  id: number;
  model: ModelId;
  /** '' for any resolution. */
  resolution: string;
  usd: string;
}

let nextId = 1;

export function rowsOfPrices(prices: Prices): PriceRow[] {
  return Object.entries(prices).flatMap(([key, usd]) => {
    const parsed = parsePriceKey(key);
    return typeof parsed === 'string' ? [] : [{ id: nextId++, model: parsed.model, resolution: parsed.resolution ?? '', usd: String(usd) }];
  });
}

/** The table the rows make, or what is wrong with them (in words, naming the row). */
export function pricesOfRows(rows: readonly PriceRow[]): { prices: Prices } | { error: string } {
  const prices: Prices = {};
  for (const [index, row] of rows.entries()) {
    const usd = Number(row.usd);
    if (row.usd.trim() === '' || !Number.isFinite(usd) || usd < 0) {
      return { error: `Price row ${index + 1}: the price is US dollars per second of video, a number of 0 or more (like 0.12).` };
    }
    const key = priceKey(row.model, row.resolution === '' ? null : (row.resolution as Parameters<typeof priceKey>[1]));
    if (prices[key] !== undefined) return { error: `Price rows: ${MODELS[row.model].name} at ${row.resolution || 'any resolution'} is priced twice. Remove one row.` };
    prices[key] = usd;
  }
  return { prices };
}

export function PricesEditor({ rows, onChange, disabled }: { rows: readonly PriceRow[]; onChange: (rows: PriceRow[]) => void; disabled?: boolean }) {
  const update = (id: number, patch: Partial<PriceRow>) =>
    onChange(
      rows.map((row) => {
        if (row.id !== id) return row;
        const next = { ...row, ...patch };
        // A resolution the new model does not take goes back to "any".
        if (next.resolution && !(MODELS[next.model].resolutions as readonly string[]).includes(next.resolution)) next.resolution = '';
        return next;
      }),
    );
  return (
    <fieldset className="sf-prices">
      <legend>Prices (US dollars per second of video)</legend>
      <p className="sf-hint">
        Your own prices, for the estimate shown before a run; Modellix bills by its own. A model with no price for a resolution has no estimate. The command
        line reads the same table.
      </p>
      {rows.length > 0 ? (
        <ul className="sf-price-rows" aria-label="Prices">
          {rows.map((row, index) => {
            const n = index + 1;
            return (
              <li key={row.id} className="sf-price-row">
                <select aria-label={`Model, price row ${n}`} value={row.model} disabled={disabled} onChange={(e) => update(row.id, { model: e.target.value as ModelId })}>
                  {MODEL_IDS.map((id) => (
                    <option key={id} value={id}>
                      {MODELS[id].name}
                    </option>
                  ))}
                </select>
                <select aria-label={`Resolution, price row ${n}`} value={row.resolution} disabled={disabled} onChange={(e) => update(row.id, { resolution: e.target.value })}>
                  <option value="">Any resolution</option>
                  {MODELS[row.model].resolutions.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
                <input
                  type="number"
                  min={0}
                  step="any"
                  inputMode="decimal"
                  aria-label={`US dollars per second, price row ${n}`}
                  value={row.usd}
                  disabled={disabled}
                  onChange={(e) => update(row.id, { usd: e.target.value })}
                />
                <button type="button" disabled={disabled} onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
                  Remove price row {n}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="sf-hint">No prices yet: runs show tasks and seconds, but no cost.</p>
      )}
      <button type="button" disabled={disabled} onClick={() => onChange([...rows, { id: nextId++, model: MODEL_IDS[0], resolution: '', usd: '' }])}>
        Add price
      </button>
    </fieldset>
  );
}
