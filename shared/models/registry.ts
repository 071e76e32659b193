/**
 * Every Seedance 2.0 model on Modellix, as data. The request-body schema of each model is the one
 * source of truth: slots, settings and defaults are read back from it (see `describe.ts`).
 */
import { z } from 'zod';
import {
  audioUrlsField,
  firstFrameField,
  lastFrameField,
  promptField,
  referenceImagesField,
  resolutionField,
  settingFields,
  videoUrlsField,
  type Resolution,
} from './fields';
import { parseSubmitPath, submitPath } from './submit-path';

export const PROVIDER = 'bytedance';

export const MODEL_IDS = [
  'seedance-2.0-v2v',
  'seedance-2.0-fast-v2v',
  'seedance-2.0-mini-v2v',
  'seedance-2.0-i2v',
  'seedance-2.0-fast-i2v',
  'seedance-2.0-mini-i2v',
  'seedance-2.0-t2v',
  'seedance-2.0-fast-t2v',
  'seedance-2.0-mini-t2v',
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export type ModelFamily = 'v2v' | 'i2v' | 't2v';
export type ModelTier = 'standard' | 'fast' | 'mini';

/** At most this many reference files (videos, reference images and audio) in one request. */
export const MAX_REFERENCE_FILES = 12;

const FRAME_FIELDS = ['first_frame_image', 'last_frame_image'] as const;

/** Cross-field rules, applied once for every model. */
function withRules<T extends z.ZodObject>(schema: T, family: ModelFamily): T {
  return schema.superRefine((body, ctx) => {
    const b = body as Record<string, unknown>;
    const has = (key: string) => b[key] !== undefined;
    if (has('reference_images')) {
      for (const frame of FRAME_FIELDS) {
        if (has(frame)) {
          ctx.addIssue({
            code: 'custom',
            path: [frame],
            message:
              'cannot be combined with reference images: use either first/last frame images or reference images, not both',
          });
        }
      }
    }
    if (family === 'i2v' && !has('reference_images') && !FRAME_FIELDS.some(has)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'an image-to-video model needs at least one image: a first frame, a last frame or a reference image',
      });
    }
    const count = (key: string) => (Array.isArray(b[key]) ? (b[key] as unknown[]).length : 0);
    const references = count('video_urls') + count('reference_images') + count('audio_urls');
    if (references > MAX_REFERENCE_FILES) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `there are ${references} reference files in all; the model takes at most ${MAX_REFERENCE_FILES} videos, images and audio files together`,
      });
    }
  }, {
    // Run the cross-field rules even when a single field is already wrong, so that every problem
    // is reported at once.
    when: (payload) => payload.value !== null && typeof payload.value === 'object',
  }) as T;
}

type Resolutions = readonly [Resolution, ...Resolution[]];

/** The settings part of a request body: every field that is neither the prompt nor an input. */
export function settingsShape(resolutions: Resolutions, anyModel = false) {
  return {
    ratio: settingFields.ratio.optional(),
    resolution: resolutionField(resolutions, anyModel).optional(),
    duration: settingFields.duration.optional(),
    seed: settingFields.seed.optional(),
    camera_fixed: settingFields.camera_fixed.optional(),
    generate_audio: settingFields.generate_audio.optional(),
    execution_expires_after: settingFields.execution_expires_after.optional(),
    return_last_frame: settingFields.return_last_frame.optional(),
  };
}

function bodySchema(family: ModelFamily, resolutions: Resolutions) {
  const settings = settingsShape(resolutions);
  // Image-to-video takes the video-to-video body without its videos; text-to-video takes no inputs.
  const imageAndAudio = {
    first_frame_image: firstFrameField.optional(),
    last_frame_image: lastFrameField.optional(),
    reference_images: referenceImagesField.optional(),
    audio_urls: audioUrlsField.optional(),
  };
  switch (family) {
    case 'v2v':
      return withRules(z.strictObject({ prompt: promptField, video_urls: videoUrlsField, ...imageAndAudio, ...settings }), family);
    case 'i2v':
      return withRules(z.strictObject({ prompt: promptField, ...imageAndAudio, ...settings }), family);
    case 't2v':
      return withRules(z.strictObject({ prompt: promptField, ...settings }), family);
  }
}

export type BodySchema = ReturnType<typeof bodySchema>;
/** A request body as sent, for any of the models. */
export type RequestBody = z.infer<BodySchema>;

export interface ModelSpec {
  id: ModelId;
  provider: typeof PROVIDER;
  /** Display name, e.g. "Seedance 2.0 Fast · video to video". */
  name: string;
  family: ModelFamily;
  tier: ModelTier;
  /** Submit path, relative to the base URL (`submitPath`). */
  path: string;
  resolutions: Resolutions;
  /** Whether a resolution is documented or only inferred (see docs/modellix-api.md). */
  inferred: string[];
  body: BodySchema;
}

const FAMILY_NAMES: Record<ModelFamily, string> = {
  v2v: 'video to video',
  i2v: 'image to video',
  t2v: 'text to video',
};
const TIER_NAMES: Record<ModelTier, string> = { standard: '', fast: ' Fast', mini: ' Mini' };

function model(family: ModelFamily, tier: ModelTier, resolutions: Resolutions, inferred: string[] = []): ModelSpec {
  const id = `seedance-2.0-${tier === 'standard' ? '' : `${tier}-`}${family}` as ModelId;
  return {
    id,
    provider: PROVIDER,
    name: `Seedance 2.0${TIER_NAMES[tier]} · ${FAMILY_NAMES[family]}`,
    family,
    tier,
    path: submitPath(PROVIDER, id),
    resolutions,
    inferred,
    body: bodySchema(family, resolutions),
  };
}

const SMALL: Resolutions = ['480p', '720p'];

export const MODELS: Readonly<Record<ModelId, ModelSpec>> = Object.fromEntries(
  [
    model('v2v', 'standard', ['480p', '720p', '1080p']),
    model('v2v', 'fast', SMALL),
    model('v2v', 'mini', SMALL, ['body is documented as the v2v body; inferred for mini']),
    model('i2v', 'standard', ['480p', '720p', '1080p'], ['1080p is inferred']),
    model('i2v', 'fast', SMALL),
    model('i2v', 'mini', SMALL),
    model('t2v', 'standard', ['480p', '720p', '1080p', '4k']),
    model('t2v', 'fast', SMALL),
    model('t2v', 'mini', SMALL),
  ].map((spec) => [spec.id, spec]),
) as Record<ModelId, ModelSpec>;

export const modelIdSchema = z.enum(MODEL_IDS, {
  error: (issue) => `unknown model ${JSON.stringify(issue.input)}; choose one of ${MODEL_IDS.join(', ')}`,
});

function isModelId(value: unknown): value is ModelId {
  return typeof value === 'string' && (MODEL_IDS as readonly string[]).includes(value);
}

export function getModel(id: ModelId): ModelSpec {
  return MODELS[id];
}

/** Finds the model a submit path belongs to; accepts the `/async` path and its alias without it. */
export function modelForPath(path: string): ModelSpec | undefined {
  const target = parseSubmitPath(path);
  if (!target || target.provider !== PROVIDER || !isModelId(target.model)) return undefined;
  return MODELS[target.model];
}
