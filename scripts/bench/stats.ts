/** Small statistics over samples: medians of rounds, percentiles of latencies. */
function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new RangeError('no samples');
  return [...values].sort((a, b) => a - b);
}

/** The p-th percentile (0..100) by linear interpolation between closest ranks. */
export function percentile(values: readonly number[], p: number): number {
  const s = sorted(values);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = s[lo] as number;
  const b = s[hi] as number;
  return a + (b - a) * (rank - lo);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('no samples');
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function max(values: readonly number[]): number {
  return sorted(values).at(-1) as number;
}

/** A seeded random source in [0, 1) (mulberry32): the same seed gives the same jitter. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Figures as people read them: 3 significant digits, no exponent. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
}

export function ratio(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}
