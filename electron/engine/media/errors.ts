/** A media file could not be read. The message names the file and says what to do. */
export class MediaProbeError extends Error {
  override readonly name = 'MediaProbeError';
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
