/**
 * The media files the window may preview: only files the user imported and outputs of runs.
 * Each gets an opaque id; the preview protocol and browser mode's /media route serve by id only,
 * never by path.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

export class MediaRegistry {
  private readonly byId = new Map<string, string>();

  /** The id of a file (stable for the same path within a session). */
  register(path: string): string {
    const absolute = resolve(path);
    const id = createHash('sha256').update(absolute).digest('base64url').slice(0, 22);
    this.byId.set(id, absolute);
    return id;
  }

  pathOf(id: string): string | undefined {
    return this.byId.get(id);
  }

  has(path: string): boolean {
    const absolute = resolve(path);
    for (const known of this.byId.values()) if (known === absolute) return true;
    return false;
  }
}
