/** A small JSON file in the data folder, checked with zod on read and written atomically. */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../engine/fs';

export interface JsonStore<T> {
  read(): Promise<T>;
  write(value: T): Promise<void>;
}

/** A missing or damaged file reads as `fallback()`: settings and lists must never block the app. */
export function jsonStore<S extends z.ZodType>(file: string, schema: S, fallback: () => z.output<S>): JsonStore<z.output<S>> {
  return {
    async read() {
      try {
        const parsed = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
        return parsed.success ? parsed.data : fallback();
      } catch {
        return fallback();
      }
    },
    async write(value) {
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomic(file, `${JSON.stringify(schema.parse(value), null, 2)}\n`, { mode: 0o600 });
    },
  };
}
