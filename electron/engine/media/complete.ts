/**
 * Whether a downloaded media file is whole. A download without a Content-Length that is cut short
 * looks like a normal end of the body, so every result is checked by its container before it
 * counts: MP4/MOV top-level boxes must fill the file exactly and hold the movie header; PNG must
 * end with its IEND chunk; JPEG with its end-of-image marker; WebP's RIFF size must match.
 */
import { open } from 'node:fs/promises';
import { sniffMediaType, SNIFF_BYTES } from './sniff';

export class IncompleteMediaError extends Error {
  override readonly name = 'IncompleteMediaError';
}

type Reader = (position: number, length: number) => Promise<Uint8Array>;

/** Walks the top-level ISO BMFF boxes; each must fit in the file and together fill it. */
async function checkIsoBoxes(read: Reader, size: number): Promise<void> {
  let position = 0;
  let sawMovie = false;
  while (position < size) {
    if (size - position < 8) throw new IncompleteMediaError(`the file ends inside a box header at byte ${position}`);
    const head = await read(position, 16);
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    let boxSize = view.getUint32(0);
    const type = String.fromCharCode(...head.subarray(4, 8));
    if (boxSize === 1) {
      if (head.byteLength < 16) throw new IncompleteMediaError(`the file ends inside the "${type}" box header`);
      boxSize = Number(view.getBigUint64(8));
    } else if (boxSize === 0) {
      boxSize = size - position; // "to the end of the file"
    }
    if (boxSize < 8) throw new IncompleteMediaError(`the "${type}" box at byte ${position} has an impossible size`);
    if (position + boxSize > size) {
      throw new IncompleteMediaError(`the "${type}" box needs ${position + boxSize} bytes but the file has ${size}`);
    }
    if (type === 'moov') sawMovie = true;
    position += boxSize;
  }
  if (!sawMovie) throw new IncompleteMediaError('the movie header (moov box) is missing');
}

/** Walks the PNG chunks up to IEND, which must be the last bytes. */
async function checkPng(read: Reader, size: number): Promise<void> {
  let position = 8;
  while (position + 12 <= size) {
    const head = await read(position, 8);
    const length = new DataView(head.buffer, head.byteOffset, 4).getUint32(0);
    const type = String.fromCharCode(...head.subarray(4, 8));
    const end = position + 12 + length;
    if (end > size) break;
    if (type === 'IEND') {
      if (end !== size) throw new IncompleteMediaError('bytes follow the end of the image');
      return;
    }
    position = end;
  }
  throw new IncompleteMediaError('the image ends before its IEND chunk');
}

async function checkJpeg(read: Reader, size: number): Promise<void> {
  const tail = await read(size - 2, 2);
  if (tail[0] !== 0xff || tail[1] !== 0xd9) throw new IncompleteMediaError('the image ends before its end-of-image marker');
}

async function checkRiff(read: Reader, size: number): Promise<void> {
  const head = await read(4, 4);
  const declared = new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true) + 8;
  if (declared !== size) throw new IncompleteMediaError(`the file should have ${declared} bytes but has ${size}`);
}

/**
 * Throws `IncompleteMediaError` when the file is not a whole MP4/MOV, PNG, JPEG or WebP (or is some
 * other format, which a Seedance result never is).
 */
export async function assertCompleteMedia(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const read: Reader = async (position, length) => {
      const buffer = new Uint8Array(Math.max(0, Math.min(length, size - position)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, position);
      return buffer.subarray(0, bytesRead);
    };
    if (size === 0) throw new IncompleteMediaError('the file is empty');
    const type = sniffMediaType(await read(0, SNIFF_BYTES));
    if (type?.isoBmff) return await checkIsoBoxes(read, size);
    if (type?.mimeType === 'image/png') return await checkPng(read, size);
    if (type?.mimeType === 'image/jpeg') return await checkJpeg(read, size);
    if (type?.mimeType === 'image/webp') return await checkRiff(read, size);
    throw new IncompleteMediaError(type ? `a ${type.label} is not a Seedance result` : 'the content is not a video or image format');
  } finally {
    await handle.close();
  }
}
