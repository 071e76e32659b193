/**
 * Duration and picture size of an MP4/MOV file, read with mp4box. The file is fed in chunks from
 * the positions mp4box asks for, so the media data (mdat) is skipped and a movie header at the
 * end of a large file costs a few reads, not the whole file in memory.
 */
import { open } from 'node:fs/promises';
import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';

export interface Mp4Facts {
  seconds?: number;
  width?: number;
  height?: number;
  hasVideo: boolean;
  hasAudio: boolean;
}

const CHUNK_BYTES = 256 * 1024;
const MAX_READS = 4096;

/** Reads the movie header. Throws with mp4box's reason when the file is not a readable MP4/MOV. */
export async function readMp4Facts(file: string, size: number): Promise<Mp4Facts> {
  const iso = createFile();
  let movie: Movie | undefined;
  let failure: string | undefined;
  iso.onReady = (info) => {
    movie = info;
  };
  iso.onError = (module, message) => {
    failure = `${module}: ${message}`;
  };
  const handle = await open(file, 'r');
  try {
    let position = 0;
    for (let reads = 0; movie === undefined && failure === undefined && position < size && reads < MAX_READS; reads++) {
      const length = Math.min(CHUNK_BYTES, size - position);
      const chunk = new ArrayBuffer(length);
      const { bytesRead } = await handle.read(new Uint8Array(chunk), 0, length, position);
      if (bytesRead === 0) break;
      const data = bytesRead === length ? chunk : chunk.slice(0, bytesRead);
      const next = iso.appendBuffer(MP4BoxBuffer.fromArrayBuffer(data, position), position + bytesRead >= size);
      position = next > position ? next : position + bytesRead;
    }
    iso.flush();
  } finally {
    await handle.close();
  }
  if (movie === undefined) throw new Error(failure ?? 'no movie header (moov box) was found');
  return factsOf(movie);
}

function factsOf(movie: Movie): Mp4Facts {
  const video = movie.videoTracks[0];
  const width = video?.video?.width ?? video?.track_width;
  const height = video?.video?.height ?? video?.track_height;
  return {
    ...secondsOf(movie),
    ...(width && height ? { width: Math.round(width), height: Math.round(height) } : {}),
    hasVideo: video !== undefined,
    hasAudio: movie.audioTracks.length > 0,
  };
}

function secondsOf(movie: Movie): { seconds?: number } {
  if (movie.duration > 0 && movie.timescale > 0) return { seconds: movie.duration / movie.timescale };
  if (movie.fragment_duration && movie.fragment_duration.den > 0 && movie.fragment_duration.num > 0) {
    return { seconds: movie.fragment_duration.num / movie.fragment_duration.den };
  }
  const trackSeconds = movie.tracks
    .filter((t) => t.timescale > 0 && t.samples_duration > 0)
    .map((t) => t.samples_duration / t.timescale);
  return trackSeconds.length > 0 ? { seconds: Math.max(...trackSeconds) } : {};
}
