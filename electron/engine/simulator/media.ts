/** The bytes the simulator serves as results: a real MP4 (a committed fixture) and a drawn PNG. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawLastFrame } from './png';

const RESULT_VIDEO_FIXTURE = 'test/fixtures/simulator/result.mp4';
/** What the fixture is (see its README): checked against the file by the simulator's tests. */
export const RESULT_VIDEO_FACTS = { width: 854, height: 480, seconds: 2, fps: 24 } as const;

export interface ResultMedia {
  video: Buffer;
  /** Known only for the default fixture. */
  videoSize?: { width: number; height: number };
  lastFrame: Buffer;
  lastFrameSize: { width: number; height: number };
}

/** Finds the fixture by walking up from this module (source tree or a build under out/). */
export function findResultVideoFixture(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    const candidate = join(dir, RESULT_VIDEO_FIXTURE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`The simulator's result video (${RESULT_VIDEO_FIXTURE}) was not found; pass resultVideoPath.`);
}

let cachedFrame: Buffer | undefined;

export function loadResultMedia(videoPath?: string): ResultMedia {
  const path = videoPath ?? findResultVideoFixture();
  const video = readFileSync(path);
  if (video.length === 0) throw new Error(`The simulator's result video ${path} is empty.`);
  const { width, height } = RESULT_VIDEO_FACTS;
  cachedFrame ??= drawLastFrame(width, height);
  return {
    video,
    ...(videoPath === undefined ? { videoSize: { width, height } } : {}),
    lastFrame: cachedFrame,
    lastFrameSize: { width, height },
  };
}
