/**
 * `checkLocalInputs`: every reason the model would refuse a request's local files, found before
 * anything is uploaded or paid for. Uses the registry's limits (`checkMediaFile`,
 * `checkMediaTotals`) on facts read from the files themselves; every problem names its file.
 */
import type { MediaKind } from '../../../shared/models/fields';
import { checkMediaFile, checkMediaTotals, MEDIA_LIMITS } from '../../../shared/models/limits';
import { MediaProbeError, reasonOf } from './errors';
import { probeMedia, type ProbedMedia } from './probe';

export interface LocalInput {
  path: string;
  /** The kind the slot takes (a Video slot wants a video). */
  kind?: MediaKind;
  /** The slot's name for messages, e.g. "Video 2". */
  label?: string;
}

export interface MediaProblem {
  /** The paths the problem is about (several for a total). */
  files: string[];
  /** A full sentence naming the file(s): what is wrong and the limit. */
  message: string;
}

export interface LocalInputsReport {
  ok: boolean;
  /** Files that could be read, in input order. */
  files: ProbedMedia[];
  problems: MediaProblem[];
}

export interface CheckLocalInputsOptions {
  /** Replaces `probeMedia` (tests). */
  probe?: (path: string) => Promise<ProbedMedia>;
  /** Files probed at the same time. */
  concurrency?: number;
}

const MiB = 1024 * 1024;
const KIND_NAMES: Record<MediaKind, string> = { video: 'a video', image: 'an image', audio: 'an audio file' };

function formatsOf(kind: MediaKind): string {
  return MEDIA_LIMITS[kind].extensions.map((e) => e.toUpperCase()).join(', ');
}

function subject(input: LocalInput, fileName: string): string {
  return input.label ? `${input.label} (${fileName})` : fileName;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fileProblems(input: LocalInput, media: ProbedMedia): string[] {
  const problems: string[] = [];
  if (input.kind !== undefined && input.kind !== media.kind) {
    problems.push(`is ${KIND_NAMES[media.kind]} (${media.label}); this input takes ${KIND_NAMES[input.kind]} (${formatsOf(input.kind)})`);
    return problems; // limits of the wrong kind would only add noise
  }
  if (media.extensionKind !== undefined && media.extensionKind !== media.kind) {
    problems.push(`is ${KIND_NAMES[media.kind]} (${media.label}) although its name says ${media.extensionKind}; rename it with the right extension`);
  }
  if (media.kind === 'video' && media.hasVideoTrack === false) {
    problems.push('has no picture track; export it again with video');
  }
  problems.push(...checkMediaFile(media));
  return problems;
}

async function probeAll(inputs: readonly LocalInput[], probe: (path: string) => Promise<ProbedMedia>, concurrency: number) {
  const results: (ProbedMedia | Error)[] = new Array<ProbedMedia | Error>(inputs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < inputs.length; i = next++) {
      const input = inputs[i];
      if (!input) continue;
      results[i] = await probe(input.path).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, inputs.length)) }, worker));
  return results;
}

/** Probes every file and returns every problem (unreadable files included), each naming its file. */
export async function checkLocalInputs(
  inputs: readonly (string | LocalInput)[],
  options: CheckLocalInputsOptions = {},
): Promise<LocalInputsReport> {
  const list = inputs.map((input): LocalInput => (typeof input === 'string' ? { path: input } : input));
  const results = await probeAll(list, options.probe ?? probeMedia, options.concurrency ?? 4);
  const problems: MediaProblem[] = [];
  const files: ProbedMedia[] = [];
  const byKind = new Map<MediaKind, ProbedMedia[]>();

  results.forEach((result, index) => {
    const input = list[index];
    if (!input) return;
    if (result instanceof Error) {
      const message = result instanceof MediaProbeError ? result.message : `${input.path} could not be read (${reasonOf(result)}).`;
      problems.push({ files: [input.path], message: input.label ? `${input.label}: ${message}` : message });
      return;
    }
    files.push(result);
    for (const problem of fileProblems(input, result)) {
      problems.push({ files: [input.path], message: `${subject(input, result.fileName)} ${problem}.` });
    }
    if (input.kind === undefined || input.kind === result.kind) {
      byKind.set(result.kind, [...(byKind.get(result.kind) ?? []), result]);
    }
  });

  for (const [kind, group] of byKind) {
    const totals = checkMediaTotals(kind, group);
    if (totals.length === 0) continue;
    for (const total of totals) {
      const aboutBytes = / MB together/.test(total);
      const detail = group
        .map((m) => (aboutBytes ? `${m.fileName} ${(m.bytes / MiB).toFixed(1)} MB` : `${m.fileName} ${(m.seconds ?? 0).toFixed(1)} s`))
        .join(', ');
      const advice = aboutBytes ? 'Compress or remove some of them.' : 'Shorten or remove some of them.';
      problems.push({ files: group.map((m) => m.path), message: `${capitalize(total)} (${detail}). ${advice}` });
    }
  }
  return { ok: problems.length === 0, files, problems };
}
