/** The MIME type to send for a media file, from its name (the types MEDIA_LIMITS accepts). */

const TYPES: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

const FALLBACK_MIME_TYPE = 'application/octet-stream';

export function mimeTypeForFileName(name: string): string {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  return (ext && TYPES[ext]) || FALLBACK_MIME_TYPE;
}
