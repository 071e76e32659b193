/** Badge texts: short, with units, the way an editor's bin shows them. */

const MiB = 1024 * 1024;

export function formatSeconds(seconds: number): string {
  if (seconds >= 60) {
    const m = Math.floor(seconds / 60);
    const s = seconds - m * 60;
    return `${m}:${s.toFixed(1).padStart(4, '0')}`;
  }
  return `${seconds.toFixed(1)} s`;
}

/** Size in MB (MiB, as the model limits count them), one decimal; under 0.1 MB in KB, so a small file never reads "0.0 MB". */
export function formatMegabytes(bytes: number): string {
  if (bytes < MiB / 10) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / MiB).toFixed(1)} MB`;
}

export function formatResolution(width: number, height: number): string {
  return `${width}x${height}`;
}

/** "48 h", "1.5 h": for the expiry setting, stored in seconds. */
export function formatHours(seconds: number): string {
  const hours = seconds / 3600;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(2).replace(/0+$/, '')} h`;
}
