import { describe as group, expect, expectTypeOf, it } from 'vitest';
import {
  MODEL_IDS,
  MODELS,
  describe,
  defaultOf,
  getModel,
  modelForPath,
  settingsOf,
  slotsOf,
  switchSettings,
  validateBody,
  anySettingsSchema,
  isSettingValue,
  promptLength,
  withSetting,
  type ModelId,
  type NodeSettings,
  type Ratio,
  type Resolution,
} from './index';

const V = (n: number) => `https://cdn.example.com/clip${n}.mp4`;
const I = (n: number) => `https://cdn.example.com/still${n}.png`;
const A = (n: number) => `https://cdn.example.com/track${n}.mp3`;
const list = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1));

/** The documented example body for each family (docs/modellix-api.md), every optional field set. */
function documentedBody(id: ModelId): Record<string, unknown> {
  const settings = {
    ratio: '16:9',
    resolution: '720p',
    duration: 5,
    seed: -1,
    camera_fixed: false,
    generate_audio: true,
    execution_expires_after: 172800,
    return_last_frame: false,
  };
  switch (MODELS[id].family) {
    case 'v2v':
      return { prompt: 'Restyle [Video 1] as a watercolour, keep [Audio 1]', video_urls: [V(1)], reference_images: [I(1)], audio_urls: [A(1)], ...settings };
    case 'i2v':
      return { prompt: 'The cat in [Image 1] walks into frame', reference_images: [I(1), I(2)], audio_urls: [A(1)], ...settings };
    case 't2v':
      return { prompt: 'A lighthouse at dusk, slow dolly in', ...settings };
  }
}

function messages(id: ModelId, body: Record<string, unknown>): string[] {
  const result = validateBody(id, body);
  return result.ok ? [] : result.issues.map((i) => i.message);
}

function expectOnly(id: ModelId, body: Record<string, unknown>, pattern: RegExp, field?: string): void {
  const result = validateBody(id, body);
  expect(result.ok, `expected ${JSON.stringify(body)} to fail for ${id}`).toBe(false);
  if (result.ok) return;
  expect(result.issues, JSON.stringify(result.issues)).toHaveLength(1);
  expect(result.issues[0]?.message).toMatch(pattern);
  if (field !== undefined) expect(result.issues[0]?.field).toBe(field);
}

group('model registry', () => {
  it('lists every Seedance 2.0 model with its endpoint path', () => {
    expect(MODEL_IDS).toHaveLength(9);
    for (const id of MODEL_IDS) {
      expect(getModel(id).path).toBe(`/api/v1/bytedance/${id}/async`);
      expect(modelForPath(`/api/v1/bytedance/${id}/async`)?.id).toBe(id);
      expect(modelForPath(`/api/v1/bytedance/${id}`)?.id).toBe(id);
    }
    expect(modelForPath('/api/v1/bytedance/seedance-3.0-v2v/async')).toBeUndefined();
    expect(modelForPath('/api/v1/openai/seedance-2.0-v2v/async')).toBeUndefined();
    expect(modelForPath('/api/v1/bytedance/seedance-2.0-t2v/')?.id).toBe('seedance-2.0-t2v');
    expect(modelForPath('/api/v1/bytedance/seedance-2.0-t2v/sync')).toBeUndefined();
  });

  it('offers the documented resolutions', () => {
    expect(MODELS['seedance-2.0-v2v'].resolutions).toEqual(['480p', '720p', '1080p']);
    expect(MODELS['seedance-2.0-t2v'].resolutions).toEqual(['480p', '720p', '1080p', '4k']);
    for (const id of MODEL_IDS.filter((m) => m.includes('fast') || m.includes('mini'))) {
      expect(MODELS[id].resolutions).toEqual(['480p', '720p']);
    }
  });

  it.each(MODEL_IDS)('%s accepts its documented example body', (id) => {
    expect(messages(id, documentedBody(id))).toEqual([]);
  });

  it.each(MODEL_IDS)('%s accepts the smallest valid body', (id) => {
    const family = MODELS[id].family;
    const body =
      family === 'v2v' ? { prompt: 'x', video_urls: [V(1)] } : family === 'i2v' ? { prompt: 'x', first_frame_image: I(1) } : { prompt: 'x' };
    expect(messages(id, body)).toEqual([]);
  });

  it('counts a prompt in characters (code points), a lone surrogate as one', () => {
    expect([promptLength(''), promptLength('abc'), promptLength('🎬a🎬'), promptLength('\uD800x'), promptLength('x\uDC00')]).toEqual([0, 3, 3, 2, 2]);
  });

  it.each(MODEL_IDS)('%s accepts every boundary value', (id) => {
    const base = documentedBody(id);
    for (const [field, value] of [
      ['prompt', 'p'.repeat(2000)],
      // Characters, not UTF-16 units: each emoji is one character (two units).
      ['prompt', '🎬'.repeat(2000)],
      ['duration', 4],
      ['duration', 15],
      ['seed', -1],
      ['seed', 0],
      ['seed', 4294967295],
      ['execution_expires_after', 3600],
      ['execution_expires_after', 259200],
    ] as const) {
      expect(messages(id, { ...base, [field]: value }), `${field}=${value}`).toEqual([]);
    }
  });

  it.each(MODEL_IDS)('%s refuses each broken setting alone, with a clear message', (id) => {
    const base = documentedBody(id);
    const cases: [string, unknown, RegExp][] = [
      ['prompt', '', /Prompt must not be empty/],
      ['prompt', 'p'.repeat(2001), /Prompt is 2001 characters; the limit is 2000/],
      ['prompt', '🎬'.repeat(2001), /Prompt is 2001 characters; the limit is 2000/],
      ['prompt', undefined, /Prompt is required/],
      ['ratio', '2:1', /Aspect ratio must be one of 21:9, 16:9, 4:3, 1:1, 3:4, 9:16/],
      ['resolution', '8k', /Resolution must be one of .* for this model/],
      ['duration', 3, /Duration must be at least 4 seconds/],
      ['duration', 16, /Duration must be at most 15 seconds/],
      ['duration', 4.5, /Duration must be a whole number of seconds/],
      ['seed', -2, /Seed must be -1 \(random\) or a number from 0 up/],
      ['seed', 4294967296, /Seed must be at most 4294967295/],
      ['seed', null, /Seed must be left out rather than sent as null/],
      ['camera_fixed', 'yes', /Fixed camera must be on or off/],
      ['generate_audio', 1, /Generate audio must be on or off/],
      ['return_last_frame', null, /Return last frame must be left out rather than sent as null/],
      ['execution_expires_after', 3599, /Expires after must be at least 3600 seconds/],
      ['execution_expires_after', 259201, /Expires after must be at most 259200 seconds/],
      ['api_key', 'secret', /api_key is not a field of .*; remove it/],
    ];
    for (const [field, value, pattern] of cases) {
      const body = Object.fromEntries(Object.entries({ ...base, [field]: value }).filter(([, v]) => v !== undefined));
      expectOnly(id, body, pattern, field);
    }
  });

  it('limits resolutions per model', () => {
    expectOnly('seedance-2.0-fast-v2v', { ...documentedBody('seedance-2.0-fast-v2v'), resolution: '1080p' }, /480p, 720p for this model/);
    expectOnly('seedance-2.0-v2v', { ...documentedBody('seedance-2.0-v2v'), resolution: '4k' }, /480p, 720p, 1080p for this model/);
    expect(messages('seedance-2.0-t2v', { prompt: 'x', resolution: '4k' })).toEqual([]);
    expectOnly('seedance-2.0-mini-t2v', { prompt: 'x', resolution: '4k' }, /480p, 720p/);
  });

  group.each(MODEL_IDS.filter((id) => MODELS[id].family === 'v2v'))('%s inputs', (id) => {
    const base = documentedBody(id);
    it('needs 1 to 3 video URLs, never base64, never an empty list', () => {
      const noVideo = { ...base };
      delete noVideo.video_urls;
      expectOnly(id, noVideo, /Video inputs is required/, 'video_urls');
      expectOnly(id, { ...base, video_urls: [] }, /omit the field instead of sending an empty list/, 'video_urls');
      expectOnly(id, { ...base, video_urls: list(4, V) }, /at most 3 videos \(got 4\)/, 'video_urls');
      expectOnly(id, { ...base, video_urls: ['data:video/mp4;base64,AAAA'] }, /Video inputs 1 must be an http\(s\) URL/, 'video_urls');
      expect(messages(id, { ...base, video_urls: list(3, V) })).toEqual([]);
    });
    it('takes 1 to 9 reference images as URL or base64', () => {
      expect(messages(id, { ...base, reference_images: list(6, I) })).toEqual([]);
      expect(messages(id, { ...base, reference_images: ['data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAE='] })).toEqual([]);
      expect(messages(id, { ...base, reference_images: ['iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB'] })).toEqual([]);
      expectOnly(id, { ...base, reference_images: [] }, /omit the field/, 'reference_images');
      expectOnly(id, { ...base, video_urls: [V(1)], audio_urls: undefined, reference_images: list(10, I) }, /at most 9 images \(got 10\)/);
      expectOnly(id, { ...base, reference_images: ['not an image'] }, /Image inputs 1 must be an http\(s\) URL, a data:image/);
    });
    it('takes 1 to 3 audio URLs', () => {
      expectOnly(id, { ...base, audio_urls: [] }, /omit the field/, 'audio_urls');
      expectOnly(id, { ...base, audio_urls: list(4, A) }, /at most 3 audio files \(got 4\)/, 'audio_urls');
    });
    it('refuses frame images next to reference images', () => {
      expectOnly(id, { ...base, first_frame_image: I(5) }, /First frame cannot be combined with reference images/, 'first_frame_image');
      expectOnly(id, { ...base, last_frame_image: I(5) }, /Last frame cannot be combined with reference images/, 'last_frame_image');
      const frames: Record<string, unknown> = { ...base, first_frame_image: I(5), last_frame_image: I(6) };
      delete frames.reference_images;
      expect(messages(id, frames)).toEqual([]);
    });
    it('allows at most 12 reference files in all', () => {
      expectOnly(id, { ...base, video_urls: list(3, V), reference_images: list(9, I), audio_urls: list(1, A) }, /13 reference files in all; the model takes at most 12/);
      expect(messages(id, { ...base, video_urls: list(3, V), reference_images: list(8, I), audio_urls: list(1, A) })).toEqual([]);
    });
  });

  group.each(MODEL_IDS.filter((id) => MODELS[id].family === 'i2v'))('%s inputs', (id) => {
    it('needs at least one image; audio alone is not enough', () => {
      expectOnly(id, { prompt: 'x', audio_urls: [A(1)] }, /needs at least one image/);
      expect(messages(id, { prompt: 'x', last_frame_image: I(1), audio_urls: [A(1)] })).toEqual([]);
    });
    it('takes no videos', () => {
      expectOnly(id, { prompt: 'x', first_frame_image: I(1), video_urls: [V(1)] }, /video_urls is not a field/);
    });
    it('refuses frames next to reference images', () => {
      expectOnly(id, { prompt: 'x', first_frame_image: I(1), reference_images: [I(2)] }, /First frame cannot be combined/);
    });
  });

  group.each(MODEL_IDS.filter((id) => MODELS[id].family === 't2v'))('%s inputs', (id) => {
    it('is text only', () => {
      for (const field of ['video_urls', 'reference_images', 'audio_urls', 'first_frame_image']) {
        expectOnly(id, { prompt: 'x', [field]: field.endsWith('s') ? [I(1)] : I(1) }, new RegExp(`${field} is not a field`));
      }
    });
  });

  it('reports every problem at once, cross-field rules included', () => {
    const result = validateBody('seedance-2.0-v2v', { prompt: '', video_urls: [V(1)], reference_images: [I(1)], first_frame_image: I(2), duration: 99 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.field).sort()).toEqual(['duration', 'first_frame_image', 'prompt']);
  });
});

group('slots and settings read from the schema', () => {
  it('gives v2v its five slots with their limits and labels', () => {
    expect(slotsOf('seedance-2.0-v2v').map((s) => [s.slot, s.field, s.max, s.numbered, s.required])).toEqual([
      ['video', 'video_urls', 3, true, true],
      ['firstFrame', 'first_frame_image', 1, false, false],
      ['lastFrame', 'last_frame_image', 1, false, false],
      ['image', 'reference_images', 9, true, false],
      ['audio', 'audio_urls', 3, true, false],
    ]);
  });
  it('gives i2v no video slot and t2v no slot at all', () => {
    expect(slotsOf('seedance-2.0-mini-i2v').map((s) => s.slot)).toEqual(['firstFrame', 'lastFrame', 'image', 'audio']);
    expect(slotsOf('seedance-2.0-fast-t2v')).toEqual([]);
  });
  it('lists every setting with its range and documented default', () => {
    const settings = settingsOf('seedance-2.0-fast-v2v');
    expect(settings.map((s) => s.field)).toEqual([
      'ratio',
      'resolution',
      'duration',
      'seed',
      'camera_fixed',
      'generate_audio',
      'execution_expires_after',
      'return_last_frame',
    ]);
    expect(settings.find((s) => s.field === 'resolution')).toMatchObject({ type: 'enum', options: ['480p', '720p'] });
    expect(settings.find((s) => s.field === 'duration')).toMatchObject({ type: 'integer', min: 4, max: 15, default: 5, unit: 's' });
    expect(settings.find((s) => s.field === 'seed')).toMatchObject({ type: 'integer', min: -1, max: 4294967295, default: -1, display: 'seed' });
    expect(settings.find((s) => s.field === 'execution_expires_after')).toMatchObject({ unit: 's', display: 'hours' });
    expect(settings.find((s) => s.field === 'return_last_frame')).toMatchObject({ type: 'boolean', display: 'last-frame' });
    expect(settings.filter((s) => s.display === undefined).map((s) => s.field)).toEqual(['ratio', 'resolution', 'duration', 'camera_fixed', 'generate_audio']);
    expect(defaultOf('seedance-2.0-v2v', 'generate_audio')).toBe(true);
    expect(defaultOf('seedance-2.0-v2v', 'execution_expires_after')).toBe(172800);
    expect(defaultOf('seedance-2.0-v2v', 'ratio')).toBeUndefined();
    expect(describe('seedance-2.0-t2v').settings.find((s) => s.field === 'resolution')).toMatchObject({ options: ['480p', '720p', '1080p', '4k'] });
  });
  it('reads a graph node settings for any model and checks them against one model', () => {
    expect(anySettingsSchema.safeParse({ resolution: '4k', duration: 5 }).success).toBe(true);
    expect(anySettingsSchema.safeParse({ resolution: '8k' }).success).toBe(false);
    expect(anySettingsSchema.safeParse({ apiKey: 'x' }).success).toBe(false);
    // No single model is meant: the message names every resolution and no "for this model".
    expect(anySettingsSchema.safeParse({ resolution: '8k' }).error?.issues[0]?.message).toBe('must be one of 480p, 720p, 1080p, 4k');
  });
  it('types node settings from the schema, and checks values from the settings controls', () => {
    expectTypeOf<NodeSettings['ratio']>().toEqualTypeOf<Ratio | undefined>();
    expectTypeOf<NodeSettings['resolution']>().toEqualTypeOf<Resolution | undefined>();
    expectTypeOf<NodeSettings['camera_fixed']>().toEqualTypeOf<boolean | undefined>();
    expect(isSettingValue('ratio', '16:9')).toBe(true);
    expect(isSettingValue('ratio', '2:1')).toBe(false);
    expect(isSettingValue('duration', 16)).toBe(false);
    expect(isSettingValue('seed', undefined)).toBe(false);
    expect(withSetting({ ratio: '16:9', seed: 3 }, 'seed', undefined)).toEqual({ ratio: '16:9' });
    expect(withSetting({ ratio: '16:9' }, 'seed', 3)).toEqual({ ratio: '16:9', seed: 3 });
  });
  it('keeps what fits when the model changes and says what does not', () => {
    expect(switchSettings({ resolution: '1080p', duration: 7, seed: 42 }, 'seedance-2.0-fast-i2v')).toEqual({
      kept: { duration: 7, seed: 42 },
      dropped: [{ field: 'resolution', value: '1080p', reason: 'resolution must be one of 480p, 720p for this model' }],
    });
    expect(switchSettings({ resolution: '4k' }, 'seedance-2.0-v2v').dropped).toHaveLength(1);
    expect(switchSettings({ resolution: '720p' }, 'seedance-2.0-mini-t2v')).toEqual({ kept: { resolution: '720p' }, dropped: [] });
  });
});
