/**
 * A folder given where media files are expected (typed, picked or dropped): its video, image and
 * audio files, in name order (clip2 before clip10), not its subfolders. One folder of clips is one
 * batch: each file becomes one item, one row.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mediaKindOfFileName } from '../../shared/models';

/** The most files one folder gives (a batch's row limit). */
export const MAX_FOLDER_FILES = 1000;

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Each folder replaced by its media files; other paths as given. Folders without media are errors. */
export async function expandFolders(paths: readonly string[]): Promise<{ paths: string[]; errors: { path: string; message: string }[] }> {
  const out: string[] = [];
  const errors: { path: string; message: string }[] = [];
  for (const path of paths) {
    const isFolder = await stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isFolder) {
      out.push(path);
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true }).catch(() => null);
    if (!entries) {
      errors.push({ path, message: `The folder ${path} could not be read. Check that you may open it.` });
      continue;
    }
    const media = entries
      .filter((e) => e.isFile() && mediaKindOfFileName(e.name) !== undefined)
      .map((e) => e.name)
      .sort(byName.compare);
    if (media.length === 0) {
      errors.push({ path, message: `The folder ${path} holds no video, image or audio file Seedance takes.` });
      continue;
    }
    if (media.length > MAX_FOLDER_FILES) {
      errors.push({ path, message: `The folder ${path} holds ${media.length} media files; at most ${MAX_FOLDER_FILES} are taken at once. Split it into smaller folders.` });
      continue;
    }
    out.push(...media.map((name) => join(path, name)));
  }
  return { paths: out, errors };
}
