/** Recognises a pasted media URL: http(s), no credentials, ending in a media file extension. */
import { mediaUrlSchema } from '../../../shared/graph';
import { mediaKindOfFileName, type MediaKind } from '../../../shared/models';

export function mediaUrlKind(text: string): { url: string; kind: MediaKind } | undefined {
  const url = text.trim();
  if (!/^https?:\/\/\S+$/i.test(url) || !mediaUrlSchema.safeParse(url).success) return undefined;
  const kind = mediaKindOfFileName(new URL(url).pathname);
  return kind ? { url, kind } : undefined;
}
