/**
 * `probeMedia`: the facts the model's limits are checked against, read from the file itself:
 * kind and MIME type from its content (the extension only as a hint), size, sha256, duration
 * (video, audio; an MP3's from its real frames) and picture size (video, image). A format the
 * model refuses is reported by its type, for the run pre-flight to name.
 *
 * `probeImportable`: what the window may import (and so preview): only a format Seedance takes,
 * with every fact read. Anything else is refused with the format found and what to do.
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { MediaKind } from '../../../shared/models/fields';
import { MEDIA_LIMITS, mediaKindOfFileName, type MediaFacts } from '../../../shared/models/limits';
import { errorCode } from '../fs/errors';
import { sha256File } from '../fs/hash';
import { MediaProbeError, reasonOf } from './errors';
import { readAudioFacts } from './read-audio';
import { readImageFacts } from './read-image';
import { readMp4Facts } from './read-mp4';
import { readMpegFacts } from './read-mpeg';
import { SNIFF_BYTES, sniffMediaType, type SniffedType } from './sniff';

export interface ProbedMedia extends MediaFacts {
  /** The path as given. */
  path: string;
  fileName: string;
  bytes: number;
  /** From the content, not the extension. */
  mimeType: string;
  /** Hex sha256 of the content (the upload cache key). */
  sha256: string;
  /** "MP4 video", "PNG image", ... */
  label: string;
  /** What the extension suggests, when it names a kind Seedance takes. */
  extensionKind?: MediaKind;
  /** For videos: whether there is a picture track and a sound track. */
  hasVideoTrack?: boolean;
  hasAudioTrack?: boolean;
}

const TAKEN = 'MP4 or MOV video, JPEG, PNG or WebP image, MP3 or WAV audio';

function fail(file: string, message: string, cause?: unknown): never {
  throw new MediaProbeError(message, file, cause === undefined ? undefined : { cause });
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isAccepted(type: SniffedType): boolean {
  return MEDIA_LIMITS[type.kind].mimeTypes.includes(type.mimeType);
}

/** Reads what a local media file is. Throws `MediaProbeError` saying which file and what to do. */
export async function probeMedia(file: string): Promise<ProbedMedia> {
  const fileName = path.basename(file);
  let bytes: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) fail(file, `${file} is a folder, not a media file. Pick a video, image or audio file instead.`);
    bytes = info.size;
  } catch (error) {
    if (error instanceof MediaProbeError) throw error;
    const code = errorCode(error);
    if (code === 'ENOENT') fail(file, `${file} was not found. Check the path, or wire in the file again if it was moved or renamed.`, error);
    if (code === 'EACCES' || code === 'EPERM') fail(file, `${file} cannot be read (permission denied). Allow reading it, or copy it to a folder you own.`, error);
    fail(file, `${file} cannot be read (${reasonOf(error)}). Check that the disk is available and try again.`, error);
  }
  if (bytes === 0) fail(file, `${fileName} is empty (0 bytes). Export or copy the file again.`);

  let head: Uint8Array;
  try {
    head = await readHead(file);
  } catch (error) {
    fail(file, `${file} cannot be read (${reasonOf(error)}). Check that the disk is available and try again.`, error);
  }
  const extensionKind = mediaKindOfFileName(fileName);
  const type = sniffMediaType(head);
  if (!type) {
    if (extensionKind) {
      fail(file, `${fileName} is named like ${article(extensionKind)} ${extensionKind} file but its content is not a format Seedance takes, or the file is damaged. Re-export it as ${exportAdvice(extensionKind)}.`);
    }
    fail(file, `${fileName} is not a media file Seedance can use. It takes ${TAKEN}.`);
  }

  const sha256 = await sha256File(file).catch((error: unknown) =>
    fail(file, `${file} could not be read to the end (${reasonOf(error)}). Check that the disk is available and try again.`, error),
  );
  const facts = await readFacts(file, fileName, type);
  return {
    kind: type.kind,
    path: file,
    fileName,
    bytes,
    mimeType: type.mimeType,
    sha256,
    label: type.label,
    ...(extensionKind !== undefined ? { extensionKind } : {}),
    ...facts,
  };
}

type KindFacts = Pick<ProbedMedia, 'seconds' | 'width' | 'height' | 'hasVideoTrack' | 'hasAudioTrack'>;

async function readFacts(file: string, fileName: string, type: SniffedType): Promise<KindFacts> {
  const accepted = isAccepted(type);
  try {
    if (type.isoBmff) {
      const mp4 = await readMp4Facts(file, (await stat(file)).size);
      return {
        ...(mp4.seconds !== undefined ? { seconds: mp4.seconds } : {}),
        ...(type.kind === 'video' && mp4.width !== undefined && mp4.height !== undefined ? { width: mp4.width, height: mp4.height } : {}),
        ...(type.kind === 'video' ? { hasVideoTrack: mp4.hasVideo, hasAudioTrack: mp4.hasAudio } : {}),
      };
    }
    if (type.mimeType === 'audio/mpeg') return { seconds: (await readMpegFacts(file)).seconds };
    if (type.kind === 'audio' || type.kind === 'video') {
      const audio = await readAudioFacts(file);
      if (accepted && audio.seconds === undefined) throw new Error('its duration could not be found');
      return audio.seconds !== undefined ? { seconds: audio.seconds } : {};
    }
    return await readImageFacts(file);
  } catch (error) {
    // A format the model refuses anyway is reported by its type; its details do not matter.
    if (!accepted) return {};
    fail(
      file,
      `${fileName} looks like ${article(type.label)} ${type.label} but could not be read (${reasonOf(error)}). The file may be damaged or incomplete: re-export it as ${exportAdvice(type.kind)}.`,
      error,
    );
  }
}

/** The facts a file of each kind needs before the window may use it. */
const NEEDED: Record<MediaKind, readonly ('seconds' | 'width' | 'height')[]> = {
  video: ['seconds', 'width', 'height'],
  audio: ['seconds'],
  image: ['width', 'height'],
};
const FACT_NAMES = { seconds: 'its duration', width: 'its picture size', height: 'its picture size' } as const;

function takenFormats(kind: MediaKind): string {
  const names = MEDIA_LIMITS[kind].extensions.filter((e) => e !== 'jpg').map((e) => (e === 'webp' ? 'WebP' : e.toUpperCase()));
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}` : (names[0] ?? '');
  return `${list} ${kind === 'audio' ? 'audio' : `${kind}s`}`;
}

/**
 * For import into the window (and so its previews): a format Seedance takes, whose facts were all
 * read. Throws `MediaProbeError` naming the format found and what to do.
 */
export async function probeImportable(file: string): Promise<ProbedMedia> {
  const media = await probeMedia(file);
  if (!MEDIA_LIMITS[media.kind].mimeTypes.includes(media.mimeType)) {
    fail(
      file,
      `${media.fileName} is ${article(media.label)} ${media.label}; Seedance takes ${takenFormats(media.kind)}. Convert it to ${exportAdvice(media.kind)} and import it again.`,
    );
  }
  const missing = [...new Set(NEEDED[media.kind].filter((fact) => media[fact] === undefined).map((fact) => FACT_NAMES[fact]))];
  if (missing.length > 0) {
    const advice = media.kind === 'video' && media.hasVideoTrack === false ? 'it has no picture track: export it again with video' : `re-export it as ${exportAdvice(media.kind)}`;
    fail(file, `${media.fileName} looks like ${article(media.label)} ${media.label} but ${missing.join(' and ')} could not be read: ${advice}.`);
  }
  return media;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) || /^(MP|M4)/.test(word) ? 'an' : 'a';
}

function exportAdvice(kind: MediaKind): string {
  switch (kind) {
    case 'video':
      return 'MP4 (H.264)';
    case 'audio':
      return 'MP3 or WAV';
    case 'image':
      return 'PNG or JPEG';
  }
}
