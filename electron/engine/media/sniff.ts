/**
 * What a file really is, from its first bytes (magic numbers only: the metadata itself is read by
 * music-metadata, mp4box and image-size). Knows the formats Seedance takes and the common ones
 * it does not, so a refusal can name what the file is.
 */
import type { MediaKind } from '../../../shared/models/fields';

export interface SniffedType {
  kind: MediaKind;
  mimeType: string;
  /** Short human name: "MP4 video", "PNG image". */
  label: string;
  /** ISO base media (MP4/MOV family): read with mp4box. */
  isoBmff?: boolean;
}

/** Bytes `sniffMediaType` needs from the start of the file. */
export const SNIFF_BYTES = 64;

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));
const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

const QUICKTIME_TOP_BOXES = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

function isoType(brand: string): SniffedType {
  const b = brand.trim().toLowerCase();
  if (b === 'qt') return { kind: 'video', mimeType: 'video/quicktime', label: 'QuickTime (MOV) video', isoBmff: true };
  if (['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1'].includes(b)) return { kind: 'image', mimeType: 'image/heic', label: 'HEIC image' };
  if (['avif', 'avis'].includes(b)) return { kind: 'image', mimeType: 'image/avif', label: 'AVIF image' };
  if (['m4a', 'm4b', 'm4p'].includes(b)) return { kind: 'audio', mimeType: 'audio/mp4', label: 'M4A audio', isoBmff: true };
  if (['3gp4', '3gp5', '3gp6', '3gg6', '3g2a'].includes(b)) return { kind: 'video', mimeType: 'video/3gpp', label: '3GP video', isoBmff: true };
  return { kind: 'video', mimeType: 'video/mp4', label: 'MP4 video', isoBmff: true };
}

/** The media type of a file from its first bytes, or undefined when it is none we know. */
export function sniffMediaType(head: Uint8Array): SniffedType | undefined {
  if (startsWith(head, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kind: 'image', mimeType: 'image/png', label: 'PNG image' };
  if (startsWith(head, 0xff, 0xd8, 0xff)) return { kind: 'image', mimeType: 'image/jpeg', label: 'JPEG image' };
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 4);
    if (form === 'WEBP') return { kind: 'image', mimeType: 'image/webp', label: 'WebP image' };
    if (form === 'WAVE') return { kind: 'audio', mimeType: 'audio/wav', label: 'WAV audio' };
    if (form === 'AVI ') return { kind: 'video', mimeType: 'video/x-msvideo', label: 'AVI video' };
  }
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return { kind: 'image', mimeType: 'image/gif', label: 'GIF image' };
  if (startsWith(head, 0x49, 0x49, 0x2a, 0x00) || startsWith(head, 0x4d, 0x4d, 0x00, 0x2a)) return { kind: 'image', mimeType: 'image/tiff', label: 'TIFF image' };
  if (ascii(head, 0, 2) === 'BM' && head.length >= 14) return { kind: 'image', mimeType: 'image/bmp', label: 'BMP image' };
  if (ascii(head, 4, 4) === 'ftyp') return isoType(ascii(head, 8, 4));
  if (QUICKTIME_TOP_BOXES.has(ascii(head, 4, 4))) return { kind: 'video', mimeType: 'video/quicktime', label: 'QuickTime (MOV) video', isoBmff: true };
  if (startsWith(head, 0x1a, 0x45, 0xdf, 0xa3)) return { kind: 'video', mimeType: 'video/webm', label: 'WebM/Matroska video' };
  if (ascii(head, 0, 4) === 'fLaC') return { kind: 'audio', mimeType: 'audio/flac', label: 'FLAC audio' };
  if (ascii(head, 0, 4) === 'OggS') return { kind: 'audio', mimeType: 'audio/ogg', label: 'Ogg audio' };
  if (ascii(head, 0, 3) === 'ID3') return { kind: 'audio', mimeType: 'audio/mpeg', label: 'MP3 audio' };
  const b0 = head[0] ?? 0;
  const b1 = head[1] ?? 0;
  if (b0 === 0xff && (b1 & 0xe0) === 0xe0) {
    // MPEG audio frame sync: layer bits 00 mean ADTS AAC, anything else MPEG audio (MP3).
    if ((b1 & 0x06) === 0) return { kind: 'audio', mimeType: 'audio/aac', label: 'AAC audio' };
    return { kind: 'audio', mimeType: 'audio/mpeg', label: 'MP3 audio' };
  }
  return undefined;
}
