/** Duration of an audio file (MP3, WAV and the other formats music-metadata knows). */
import { parseFile } from 'music-metadata';

export interface AudioFacts {
  seconds?: number;
  container?: string;
  codec?: string;
}

export async function readAudioFacts(file: string): Promise<AudioFacts> {
  const { format } = await parseFile(file, { duration: true, skipCovers: true });
  return {
    ...(format.duration !== undefined && Number.isFinite(format.duration) ? { seconds: format.duration } : {}),
    ...(format.container !== undefined ? { container: format.container } : {}),
    ...(format.codec !== undefined ? { codec: format.codec } : {}),
  };
}
