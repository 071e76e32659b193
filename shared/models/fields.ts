/**
 * The request-body fields of the Seedance 2.0 models, as docs/modellix-api.md documents them.
 * Each field carries its UI description in zod metadata (`.meta`), so the node's handles, the
 * settings panel, the validation and the request body all read the same definition.
 */
import { z } from 'zod';

export type MediaKind = 'video' | 'image' | 'audio';

/** Input slots of a Seedance node. Numbered slots map to arrays; frame slots to single fields. */
export type SlotKind = 'video' | 'image' | 'firstFrame' | 'lastFrame' | 'audio';

/** Metadata attached to a slot field. */
export interface SlotMeta {
  slot: SlotKind;
  media: MediaKind;
  /** Placeholder label: `Video` gives `[Video 1]`; for frames it is the slot's display name. */
  label: string;
  /** Numbered slots appear in the prompt as `[Label N]`; frame slots are set by their own field. */
  numbered: boolean;
}

/**
 * How the settings panel shows a setting beyond its type:
 * - `hours`: kept in seconds, shown and typed in hours;
 * - `seed`: a seed, with Randomise and Lock (-1 is random);
 * - `last-frame`: wiring the node's Last frame output asks for it anyway, and the panel says so.
 */
export type SettingDisplay = 'hours' | 'seed' | 'last-frame';

/** Metadata attached to a setting field (everything that is neither the prompt nor an input). */
export interface SettingMeta {
  title: string;
  description: string;
  /** The value the service uses when the field is omitted, if the docs name one. */
  default?: number | boolean | string;
  unit?: string;
  display?: SettingDisplay;
}

/** The most characters a prompt may have (see `promptLength` for how they are counted). */
export const PROMPT_MAX = 2000;

/**
 * A prompt's length as its limit counts it: characters, i.e. Unicode code points, so an emoji is
 * one character (two UTF-16 units). Inferred: the API docs say "1-2000 characters" without saying
 * how they are counted (docs/modellix-api.md); code points are what a person counts. The schema
 * below, the prompt lint, the editor's counter and the simulator all count with this.
 */
export function promptLength(prompt: string): number {
  let characters = 0;
  for (let i = 0; i < prompt.length; i++, characters++) {
    const unit = prompt.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < prompt.length) {
      const next = prompt.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return characters;
}
const SEED_MIN = -1;
/** The V2V page documents 4294967295; older pages say 2147483647 (see SEED_RANDOM_MAX). */
const SEED_MAX = 4294967295;
/** Randomised seeds stay within the older, narrower documented range so every model accepts them. */
export const SEED_RANDOM_MAX = 2147483647;

const RATIOS = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'] as const;
export const ALL_RESOLUTIONS = ['480p', '720p', '1080p', '4k'] as const;
export type Resolution = (typeof ALL_RESOLUTIONS)[number];
export type Ratio = (typeof RATIOS)[number];

const httpUrl = z
  .string()
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), {
    error: 'must be an http(s) URL (base64 is not accepted here)',
  });

const DATA_URI = /^data:image\/(png|jpe?g|webp);base64,[A-Za-z0-9+/]+={0,2}$/;
const BARE_BASE64 = /^[A-Za-z0-9+/]{16,}={0,2}$/;

/** Images may be a URL, a `data:image/...;base64,` URI or bare base64. */
const imageRef = z.string().refine(
  (value) =>
    (/^https?:\/\//i.test(value) && URL.canParse(value)) || DATA_URI.test(value) || BARE_BASE64.test(value),
  { error: 'must be an http(s) URL, a data:image/...;base64 URI or bare base64' },
);

function urlList(max: number, noun: string) {
  return z
    .array(httpUrl)
    .min(1, { error: `must list at least one ${noun}; omit the field instead of sending an empty list` })
    .max(max, { error: (issue) => `takes at most ${max} ${noun}s (got ${(issue.input as unknown[]).length})` });
}

export const promptField = z
  .string({ error: 'is required' })
  .min(1, { error: 'must not be empty: describe the shot you want' })
  // Not `.max()`: how that counts is zod's choice and may change with it; this count is ours.
  .refine((prompt) => promptLength(prompt) <= PROMPT_MAX, {
    error: (issue) => `is ${promptLength(issue.input as string)} characters; the limit is ${PROMPT_MAX}. Shorten it`,
  });

/** Zod metadata must be an open record; this keeps the slot fields typed as SlotMeta. */
function slotMeta(meta: SlotMeta): SlotMeta & Record<string, unknown> {
  return { ...meta };
}

export const videoUrlsField = urlList(3, 'video').meta(
  slotMeta({ slot: 'video', media: 'video', label: 'Video', numbered: true }),
);
export const referenceImagesField = z
  .array(imageRef)
  .min(1, { error: 'must list at least one image; omit the field instead of sending an empty list' })
  .max(9, { error: (issue) => `takes at most 9 images (got ${(issue.input as unknown[]).length})` })
  .meta(slotMeta({ slot: 'image', media: 'image', label: 'Image', numbered: true }));
export const firstFrameField = imageRef.meta(
  slotMeta({ slot: 'firstFrame', media: 'image', label: 'First frame', numbered: false }),
);
export const lastFrameField = imageRef.meta(
  slotMeta({ slot: 'lastFrame', media: 'image', label: 'Last frame', numbered: false }),
);
export const audioUrlsField = urlList(3, 'audio file').meta(
  slotMeta({ slot: 'audio', media: 'audio', label: 'Audio', numbered: true }),
);

function setting<T extends z.ZodType>(schema: T, meta: SettingMeta) {
  return schema.meta({ ...meta });
}

/** The resolution setting of a model; `anyModel` for the widest one, which no single model may take. */
export function resolutionField(resolutions: readonly [Resolution, ...Resolution[]], anyModel = false) {
  return setting(
    z.enum(resolutions, { error: () => `must be one of ${resolutions.join(', ')}${anyModel ? '' : ' for this model'}` }),
    { title: 'Resolution', description: 'Output resolution.' },
  );
}

export const settingFields = {
  ratio: setting(z.enum(RATIOS, { error: () => `must be one of ${RATIOS.join(', ')}` }), {
    title: 'Aspect ratio',
    description: 'Frame shape of the output.',
  }),
  duration: setting(
    z
      .number({ error: 'must be a whole number of seconds' })
      .int({ error: 'must be a whole number of seconds' })
      .min(4, { error: 'must be at least 4 seconds' })
      .max(15, { error: 'must be at most 15 seconds' }),
    { title: 'Duration', description: 'Length of the output video.', default: 5, unit: 's' },
  ),
  seed: setting(
    z
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(SEED_MIN, { error: 'must be -1 (random) or a number from 0 up' })
      .max(SEED_MAX, { error: `must be at most ${SEED_MAX}` }),
    { title: 'Seed', description: '-1 picks a new random seed each run; a fixed seed repeats a result.', default: -1, display: 'seed' },
  ),
  camera_fixed: setting(z.boolean({ error: 'must be on or off' }), {
    title: 'Fixed camera',
    description: 'Keep the camera still.',
    default: false,
  }),
  generate_audio: setting(z.boolean({ error: 'must be on or off' }), {
    title: 'Generate audio',
    description: 'Generate a soundtrack muxed into the MP4.',
    default: true,
  }),
  execution_expires_after: setting(
    z
      .number({ error: 'must be a whole number of seconds' })
      .int({ error: 'must be a whole number of seconds' })
      .min(3600, { error: 'must be at least 3600 seconds (1 hour)' })
      .max(259200, { error: 'must be at most 259200 seconds (3 days)' }),
    {
      title: 'Expires after',
      description: 'How long the service may take before it gives the task up.',
      default: 172800,
      unit: 's',
      display: 'hours',
    },
  ),
  return_last_frame: setting(z.boolean({ error: 'must be on or off' }), {
    title: 'Return last frame',
    description: 'Also return the final frame as an image, to chain into a next shot.',
    default: false,
    display: 'last-frame',
  }),
} as const;
