import { describe, expect, it } from 'vitest';
import { submitPath } from '../../../shared/models';
import {
  errorEnvelope,
  parseBalanceAnswer,
  parseKeyCheckAnswer,
  parseModelsAnswer,
  parseSubmitAnswer,
  parseTaskAnswer,
  parseUploadAnswer,
  paths,
  readEnvelope,
  routeOf,
  successEnvelope,
  taskStatusOf,
  type TaskSnapshot,
} from './protocol';

function task(data: Record<string, unknown>, message = 'success'): unknown {
  return { code: 0, message, data: { task_id: 'task-1', ...data } };
}

function snapshot(json: unknown): TaskSnapshot {
  const parsed = parseTaskAnswer(json);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
}

describe('routes', () => {
  it('knows both submit paths', () => {
    expect(routeOf('/api/v1/bytedance/seedance-2.0-v2v/async')).toEqual({
      kind: 'submit',
      provider: 'bytedance',
      model: 'seedance-2.0-v2v',
      alias: false,
    });
    expect(routeOf('/api/v1/bytedance/seedance-2.0-v2v')).toEqual({
      kind: 'submit',
      provider: 'bytedance',
      model: 'seedance-2.0-v2v',
      alias: true,
    });
    expect(routeOf(submitPath('bytedance', 'a b'))).toEqual({ kind: 'submit', provider: 'bytedance', model: 'a b', alias: false });
    expect(routeOf(submitPath('bytedance', 'x', { alias: true }))).toEqual({ kind: 'submit', provider: 'bytedance', model: 'x', alias: true });
  });

  it('knows the fixed paths and never mistakes them for a submit', () => {
    expect(routeOf('/api/v1/tasks/task-abc')).toEqual({ kind: 'poll', taskId: 'task-abc' });
    expect(routeOf(paths.task('a b/c'))).toEqual({ kind: 'poll', taskId: 'a b/c' });
    expect(routeOf('/api/v1/media/files')).toEqual({ kind: 'upload' });
    expect(routeOf('/api/v1/media/files/file-1')).toEqual({ kind: 'delete-upload', fileId: 'file-1' });
    expect(routeOf('/api/v1/apikey/validate')).toEqual({ kind: 'validate-key' });
    expect(routeOf('/api/v1/team/balance')).toEqual({ kind: 'balance' });
    expect(routeOf('/api/v1/models')).toEqual({ kind: 'models' });
    expect(routeOf('/api/v1/models/')).toEqual({ kind: 'models' });
  });

  it('refuses everything else', () => {
    for (const path of ['/', '/api/v1', '/api/v1/bytedance', '/api/v1/a/b/c', '/api/v1/a/b/async/x', '/api/v2/a/b', '/api/v1/tasks', '/api/v1/team/x']) {
      expect(routeOf(path), path).toBeUndefined();
    }
  });
});

describe('envelope', () => {
  it('builds and reads success and error envelopes', () => {
    expect(successEnvelope({ a: 1 })).toEqual({ code: 0, message: 'success', data: { a: 1 } });
    expect(errorEnvelope(402, 'insufficient balance')).toEqual({ code: 402, message: 'Payment Required: insufficient balance' });
    expect(readEnvelope({ code: 401, message: 'Unauthorized: x' })).toEqual({ type: 'error', code: 401, message: 'Unauthorized: x' });
    expect(readEnvelope('<html>').type).toBe('invalid');
    expect(readEnvelope(undefined).type).toBe('invalid');
  });
});

describe('task states', () => {
  it('maps the documented words and the defensive aliases', () => {
    expect(taskStatusOf('pending')).toBe('pending');
    expect(taskStatusOf('processing')).toBe('processing');
    for (const word of ['success', 'succeeded', 'completed', 'SUCCESS']) expect(taskStatusOf(word)).toBe('success');
    for (const word of ['failed', 'cancelled', 'canceled', 'error']) expect(taskStatusOf(word)).toBe('failed');
    expect(taskStatusOf('running')).toBeUndefined();
  });
});

describe('task answers', () => {
  it('reads the documented success shape', () => {
    const s = snapshot(
      task({
        status: 'success',
        model_id: 'model-123',
        duration: 3500,
        result: {
          resources: [
            { url: 'https://cdn.example.com/x.mp4', type: 'video', format: 'mp4', role: 'primary', width: 1280, height: 720 },
          ],
          metadata: { request_id: 'req-1' },
          extensions: { submit_time: '...', end_time: '...' },
        },
      }),
    );
    expect(s).toMatchObject({
      status: 'success',
      rawStatus: 'success',
      taskId: 'task-1',
      modelId: 'model-123',
      elapsedMs: 3500,
      video: { url: 'https://cdn.example.com/x.mp4', width: 1280, height: 720 },
    });
    expect(s.lastFrame).toBeUndefined();
    expect(s.failureReason).toBeUndefined();
  });

  it('accepts bare URL strings as resources and infers their type', () => {
    const s = snapshot(task({ status: 'success', result: { resources: ['https://cdn/x.mp4?sig=1', 'https://cdn/last.png'] } }));
    expect(s.resources).toEqual([
      { url: 'https://cdn/x.mp4?sig=1', type: 'video' },
      { url: 'https://cdn/last.png', type: 'image' },
    ]);
    expect(s.video).toEqual({ url: 'https://cdn/x.mp4?sig=1' });
    expect(s.lastFrame).toEqual({ url: 'https://cdn/last.png' });
  });

  it('reads data.resources when result is absent', () => {
    const s = snapshot(task({ status: 'completed', resources: [{ url: 'https://cdn/v.mp4', type: 'video' }] }));
    expect(s.status).toBe('success');
    expect(s.rawStatus).toBe('completed');
    expect(s.video?.url).toBe('https://cdn/v.mp4');
  });

  it('infers the last frame: an image that is not primary', () => {
    const resources = [
      { url: 'https://cdn/poster.png', type: 'image', role: 'primary' },
      { url: 'https://cdn/v.mp4', type: 'video', role: 'primary' },
      { url: 'https://cdn/last.png', type: 'image', role: 'last_frame' },
    ];
    expect(snapshot(task({ status: 'succeeded', result: { resources } })).lastFrame).toEqual({ url: 'https://cdn/last.png' });
    const onlyPrimary = [resources[0], resources[1]];
    expect(snapshot(task({ status: 'success', result: { resources: onlyPrimary } })).lastFrame).toBeUndefined();
  });

  it('prefers the primary video over other videos', () => {
    const resources = [
      { url: 'https://cdn/preview.mp4', type: 'video', role: 'preview' },
      { url: 'https://cdn/main.mp4', type: 'VIDEO', role: 'primary' },
    ];
    expect(snapshot(task({ status: 'success', result: { resources } })).video?.url).toBe('https://cdn/main.mp4');
  });

  it('tolerates null for optional fields', () => {
    const s = snapshot(task({ status: 'pending', model_id: null, duration: null, result: null, resources: null }));
    expect(s).toEqual({ status: 'pending', rawStatus: 'pending', taskId: 'task-1', resources: [] });
  });

  it.each([
    ['error as text', { error: 'Face detected' }],
    ['error.message', { error: { message: 'Face detected', code: 'X' } }],
    ['message', { message: 'Face detected' }],
    ['fail_reason', { fail_reason: 'Face detected' }],
  ])('reads the failure reason from %s', (_name, fields) => {
    for (const status of ['failed', 'cancelled', 'canceled', 'error']) {
      const s = snapshot(task({ status, ...fields }));
      expect(s.status).toBe('failed');
      expect(s.failureReason).toBe('Face detected');
      expect(s.video).toBeUndefined();
    }
  });

  it('falls back to the envelope message for the failure reason, and to nothing', () => {
    expect(snapshot(task({ status: 'failed' }, 'Moderation refused the input')).failureReason).toBe('Moderation refused the input');
    expect(snapshot(task({ status: 'failed' })).failureReason).toBeUndefined();
  });

  it('refuses what the doc does not allow', () => {
    const problems = [
      task({ status: 'running' }),
      { code: 0, message: 'success', data: { status: 'success' } },
      task({ status: 'success', result: { resources: [{ url: 'https://cdn/x.mp4' }] } }),
      task({ status: 'success', result: { resources: [42] } }),
      { code: 500, message: 'Internal Server Error: x' },
      'not json',
    ];
    for (const json of problems) {
      const parsed = parseTaskAnswer(json);
      expect(parsed.ok, JSON.stringify(json)).toBe(false);
    }
  });
});

describe('other answers', () => {
  it('reads a submit answer with and without get_result', () => {
    const data = {
      status: 'pending',
      task_id: 'task-abc123',
      model_id: 'model-123',
      get_result: { method: 'GET', url: 'https://api.modellix.ai/api/v1/tasks/task-abc123' },
    };
    expect(parseSubmitAnswer(successEnvelope(data))).toEqual({
      ok: true,
      value: {
        taskId: 'task-abc123',
        status: 'pending',
        modelId: 'model-123',
        resultUrl: 'https://api.modellix.ai/api/v1/tasks/task-abc123',
      },
    });
    expect(parseSubmitAnswer(successEnvelope({ status: 'pending', task_id: 't' }))).toEqual({
      ok: true,
      value: { taskId: 't', status: 'pending' },
    });
    expect(parseSubmitAnswer(successEnvelope({ status: 'pending' })).ok).toBe(false);
  });

  it('reads upload, key check and balance answers', () => {
    const upload = { file_id: 'f1', url: 'https://cdn/f1.png', type: 'image/png', filename: 'a.png', size: 10, created_at: '2026-01-01T00:00:00Z' };
    expect(parseUploadAnswer(successEnvelope(upload))).toEqual({
      ok: true,
      value: { fileId: 'f1', url: 'https://cdn/f1.png', mimeType: 'image/png', fileName: 'a.png', size: 10, createdAt: '2026-01-01T00:00:00Z' },
    });
    expect(parseUploadAnswer(successEnvelope({ ...upload, file_id: undefined })).ok).toBe(false);
    expect(parseKeyCheckAnswer(successEnvelope({ is_valid: false }))).toEqual({ ok: true, value: { valid: false } });
    expect(parseKeyCheckAnswer(successEnvelope({ is_valid: 'yes' })).ok).toBe(false);
    expect(parseBalanceAnswer(successEnvelope({ balance: 12.5 }))).toEqual({ ok: true, value: { balanceUsd: 12.5 } });
    expect(parseBalanceAnswer(successEnvelope({})).ok).toBe(false);
  });

  it('reads the model list at the top level or under data', () => {
    const models = [{ slug: 'bytedance/seedance-2.0-t2v', type: 'text-to-video' }];
    const expected = [{ slug: 'bytedance/seedance-2.0-t2v', provider: 'bytedance', type: 'text-to-video' }];
    expect(parseModelsAnswer({ code: 0, message: 'success', models })).toEqual({ ok: true, value: expected });
    expect(parseModelsAnswer(successEnvelope({ models }))).toEqual({ ok: true, value: expected });
    expect(parseModelsAnswer(successEnvelope(models))).toEqual({ ok: true, value: expected });
    expect(parseModelsAnswer(successEnvelope({})).ok).toBe(false);
  });
});
