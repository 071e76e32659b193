/**
 * What the Seedance 2.0 models refuse, from the manual mirrored in docs/modellix-api.md. The engine
 * checks local files against these before anything is paid for; the canvas shows them as badges.
 */
import type { MediaKind } from './fields';

export interface MediaLimits {
  /** Accepted MIME types. */
  mimeTypes: readonly string[];
  /** File name extensions, lower case, without the dot. */
  extensions: readonly string[];
  maxBytes: number;
  /** Per-file duration bounds in seconds (video and audio). */
  minSeconds?: number;
  maxSeconds?: number;
  /** All files of this kind in one request together (video and audio). */
  maxTotalSeconds?: number;
  maxTotalBytes?: number;
  /** Pixel-count bounds (video). */
  minPixels?: number;
  maxPixels?: number;
  /** Side and aspect-ratio bounds (images). */
  minSide?: number;
  maxSide?: number;
  minAspect?: number;
  maxAspect?: number;
}

const MiB = 1024 * 1024;

export const MEDIA_LIMITS: Readonly<Record<MediaKind, MediaLimits>> = {
  video: {
    mimeTypes: ['video/mp4', 'video/quicktime'],
    extensions: ['mp4', 'mov'],
    maxBytes: 50 * MiB,
    maxTotalBytes: 50 * MiB,
    minSeconds: 2,
    maxSeconds: 15,
    maxTotalSeconds: 15,
    minPixels: 409_600,
    maxPixels: 927_408,
  },
  audio: {
    mimeTypes: ['audio/mpeg', 'audio/wav', 'audio/x-wav', 'audio/wave'],
    extensions: ['mp3', 'wav'],
    maxBytes: 15 * MiB,
    minSeconds: 2,
    maxSeconds: 15,
    maxTotalSeconds: 15,
  },
  image: {
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp'],
    extensions: ['jpg', 'jpeg', 'png', 'webp'],
    maxBytes: 30 * MiB,
    minSide: 300,
    maxSide: 6000,
    minAspect: 0.4,
    maxAspect: 2.5,
  },
};

/** The media kind a file name suggests, from its extension. */
export function mediaKindOfFileName(name: string): MediaKind | undefined {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!ext) return undefined;
  for (const kind of ['video', 'image', 'audio'] as const) {
    if (MEDIA_LIMITS[kind].extensions.includes(ext)) return kind;
  }
  return undefined;
}

/** Facts known about one media file (any may be missing when it could not be read). */
export interface MediaFacts {
  kind: MediaKind;
  bytes?: number;
  mimeType?: string;
  seconds?: number;
  width?: number;
  height?: number;
}

/** Problems the model would refuse this one file for, in words a user understands. */
export function checkMediaFile(facts: MediaFacts): string[] {
  const limits = MEDIA_LIMITS[facts.kind];
  const problems: string[] = [];
  const mb = (bytes: number) => `${(bytes / MiB).toFixed(1)} MB`;
  if (facts.mimeType && !limits.mimeTypes.includes(facts.mimeType)) {
    problems.push(`is ${facts.mimeType}; the model takes ${limits.extensions.join(', ').toUpperCase()}`);
  }
  if (facts.bytes !== undefined && facts.bytes > limits.maxBytes) {
    problems.push(`is ${mb(facts.bytes)}; the limit is ${mb(limits.maxBytes)}`);
  }
  if (facts.seconds !== undefined) {
    if (limits.minSeconds !== undefined && facts.seconds < limits.minSeconds)
      problems.push(`lasts ${facts.seconds.toFixed(1)} s; each ${facts.kind} must last at least ${limits.minSeconds} s`);
    if (limits.maxSeconds !== undefined && facts.seconds > limits.maxSeconds)
      problems.push(`lasts ${facts.seconds.toFixed(1)} s; each ${facts.kind} may last at most ${limits.maxSeconds} s`);
  }
  if (facts.width !== undefined && facts.height !== undefined) {
    const pixels = facts.width * facts.height;
    if (limits.minPixels !== undefined && pixels < limits.minPixels)
      problems.push(`is ${facts.width}x${facts.height}; too small (the model wants about 480p to 720p)`);
    if (limits.maxPixels !== undefined && pixels > limits.maxPixels)
      problems.push(`is ${facts.width}x${facts.height}; too large (the model wants about 480p to 720p, scale it down)`);
    const side = Math.min(facts.width, facts.height);
    const long = Math.max(facts.width, facts.height);
    if (limits.minSide !== undefined && side < limits.minSide)
      problems.push(`is ${facts.width}x${facts.height}; each side must be at least ${limits.minSide} px`);
    if (limits.maxSide !== undefined && long > limits.maxSide)
      problems.push(`is ${facts.width}x${facts.height}; each side must be at most ${limits.maxSide} px`);
    const aspect = facts.width / facts.height;
    if (limits.minAspect !== undefined && limits.maxAspect !== undefined && (aspect < limits.minAspect || aspect > limits.maxAspect))
      problems.push(`has an aspect ratio of ${aspect.toFixed(2)}; it must be between ${limits.minAspect} and ${limits.maxAspect}`);
  }
  return problems;
}

/** Problems with several files of one kind together (total duration and size). */
export function checkMediaTotals(kind: MediaKind, files: readonly MediaFacts[]): string[] {
  const limits = MEDIA_LIMITS[kind];
  const problems: string[] = [];
  const seconds = files.reduce((sum, f) => sum + (f.seconds ?? 0), 0);
  if (limits.maxTotalSeconds !== undefined && seconds > limits.maxTotalSeconds)
    problems.push(`the ${kind} inputs last ${seconds.toFixed(1)} s together; the limit is ${limits.maxTotalSeconds} s in all`);
  const bytes = files.reduce((sum, f) => sum + (f.bytes ?? 0), 0);
  if (limits.maxTotalBytes !== undefined && bytes > limits.maxTotalBytes)
    problems.push(`the ${kind} inputs are ${(bytes / MiB).toFixed(1)} MB together; the limit is ${limits.maxTotalBytes / MiB} MB`);
  return problems;
}
