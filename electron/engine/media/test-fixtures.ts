/** Paths of the media fixtures in test/fixtures/media (see the README there). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/media');
export const fixture = (name: string) => path.join(FIXTURES, name);
