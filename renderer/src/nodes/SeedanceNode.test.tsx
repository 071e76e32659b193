// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MODELS, SEED_RANDOM_MAX } from '../../../shared/models';
import { planOf, useEditor } from '../store/editor';
import { useRunStatus } from '../store/run-status';
import { formatElapsed } from './seedance-view';
import { SeedanceNode } from './SeedanceNode';
import { asset, graphOf, promptOf, renderInFlow, resetEditor, seedance, wire } from './test-support';

// Handles outside a <ReactFlow> warn that they have no node id; that is expected here.
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Unfolds the node's settings (folded to a one-line summary by default; the form loads on first use). */
async function openSettings(): Promise<void> {
  fireEvent.click(screen.getByRole('button', { name: /^Settings/ }));
  await screen.findByRole('group', { name: 'Settings' });
}

function slotNames(): string[] {
  const list = screen.getByRole('list', { name: 'Inputs' });
  return within(list)
    .getAllByRole('button', { name: /^Input / })
    .map((el) => el.getAttribute('aria-label') ?? '');
}

describe('SeedanceNode slots', () => {
  it('shows the slots of each model family from the registry', () => {
    resetEditor(graphOf([seedance('shot', 'seedance-2.0-v2v')]));
    renderInFlow(<SeedanceNode id="shot" />);
    // v2v: one empty slot of each numbered kind, and both frame slots.
    expect(slotNames()).toEqual(['Input [Video 1]', 'Input First frame', 'Input Last frame', 'Input [Image 1]', 'Input [Audio 1]']);

    act(() => useEditor.getState().setModel('shot', 'seedance-2.0-i2v'));
    expect(slotNames()).toEqual(['Input First frame', 'Input Last frame', 'Input [Image 1]', 'Input [Audio 1]']);

    act(() => useEditor.getState().setModel('shot', 'seedance-2.0-t2v'));
    expect(screen.queryByRole('list', { name: 'Inputs' })).toBeNull();
    expect(screen.getByText(/takes no media inputs/)).toBeTruthy();
  });

  it('gives each slot its handle id, its placeholder as visible label and an accessible name', () => {
    resetEditor(graphOf([seedance('shot', 'seedance-2.0-v2v')]));
    renderInFlow(<SeedanceNode id="shot" />);
    const handle = screen.getByRole('button', { name: 'Input [Video 1]' });
    expect(handle.getAttribute('data-handleid')).toBe('video:1');
    expect(handle.classList.contains('target')).toBe(true);
    expect(screen.getByRole('button', { name: 'Input First frame' }).getAttribute('data-handleid')).toBe('firstFrame');
    const list = screen.getByRole('list', { name: 'Inputs' });
    expect(within(list).getByText('[Video 1]')).toBeTruthy();
    const outputs = screen.getByRole('list', { name: 'Outputs' });
    expect(within(outputs).getByRole('button', { name: 'shot result video output' }).getAttribute('data-handleid')).toBe('video');
    expect(within(outputs).getByRole('button', { name: 'shot last frame output' }).getAttribute('data-handleid')).toBe('lastFrame');
  });

  it('grows as the store gets edges, up to the model limit', () => {
    resetEditor(
      graphOf([
        asset('v1', 'video', '/clips/a.mp4'),
        asset('v2', 'video', '/clips/b.mp4'),
        asset('v3', 'video', '/clips/c.mp4'),
        seedance('shot', 'seedance-2.0-v2v'),
      ]),
    );
    renderInFlow(<SeedanceNode id="shot" />);
    const videos = () => slotNames().filter((n) => n.includes('Video'));
    expect(videos()).toEqual(['Input [Video 1]']);

    act(() => void useEditor.getState().connect({ source: 'v1', sourceHandle: 'media', target: 'shot', targetHandle: 'video:1' }));
    expect(videos()).toEqual(['Input [Video 1]', 'Input [Video 2]']);
    expect(within(screen.getByRole('list', { name: 'Inputs' })).getByText('a.mp4')).toBeTruthy();

    act(() => void useEditor.getState().connect({ source: 'v2', sourceHandle: 'media', target: 'shot', targetHandle: 'video:2' }));
    act(() => void useEditor.getState().connect({ source: 'v3', sourceHandle: 'media', target: 'shot', targetHandle: 'video:3' }));
    // Three is the limit: no fourth, empty slot.
    expect(videos()).toEqual(['Input [Video 1]', 'Input [Video 2]', 'Input [Video 3]']);
  });

  it('moves and unwires filled slots, and the prompt follows', async () => {
    const user = userEvent.setup();
    resetEditor(
      graphOf(
        [asset('v1', 'video', '/clips/a.mp4'), asset('v2', 'video', '/clips/b.mp4'), seedance('shot', 'seedance-2.0-v2v', '[Video 1] then [Video 2]')],
        [wire('e1', 'v1', 'shot', 'video:1'), wire('e2', 'v2', 'shot', 'video:2')],
      ),
    );
    renderInFlow(<SeedanceNode id="shot" />);
    expect((screen.getByRole('button', { name: 'Move [Video 1] up' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Move [Video 2] down' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Move [Video 2] up' }));
    expect(promptOf('shot')).toBe('[Video 2] then [Video 1]');
    const list = screen.getByRole('list', { name: 'Inputs' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows[0]?.textContent).toContain('b.mp4');

    await user.click(screen.getByRole('button', { name: 'Unwire [Video 1]' }));
    expect(useEditor.getState().graph.edges.map((e) => e.source)).toEqual(['v1']);
    // Focus stays in the slot row: on its input handle.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Input [Video 1]' })));
    // b.mp4 (slot 1 after the move) is gone; a.mp4 moves up from slot 2.
    expect(promptOf('shot')).toBe('[Video 1] then [Video ?]');
  });

  it('clicking a filled slot label inserts its token at the prompt cursor', async () => {
    const user = userEvent.setup();
    resetEditor(graphOf([asset('v1', 'video', '/clips/a.mp4'), seedance('shot', 'seedance-2.0-v2v', 'Restyle  in pastel')], [wire('e1', 'v1', 'shot', 'video:1')]));
    renderInFlow(<SeedanceNode id="shot" />);
    const field = screen.getByRole('textbox', { name: 'Prompt' }) as HTMLTextAreaElement;
    await user.click(field);
    field.setSelectionRange(8, 8);
    fireEvent.select(field);
    await user.click(screen.getByRole('button', { name: 'Insert [Video 1] into the prompt' }));
    expect(promptOf('shot')).toBe('Restyle [Video 1] in pastel');
    expect(document.activeElement).toBe(field);
  });

  it('shows why frame slots refuse a wire while reference images are wired', () => {
    resetEditor(graphOf([asset('i1', 'image', '/stills/a.png'), seedance('shot', 'seedance-2.0-i2v', 'x')], [wire('e1', 'i1', 'shot', 'image:1')]));
    renderInFlow(<SeedanceNode id="shot" />);
    const first = screen.getByRole('button', { name: 'Input First frame' });
    expect(first.getAttribute('aria-disabled')).toBe('true');
    expect(first.classList.contains('connectableend')).toBe(false);
    const reason = document.getElementById(first.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toMatch(/First frame cannot be used with reference images/);
    // The next reference slot is still open.
    expect(screen.getByRole('button', { name: 'Input [Image 2]' }).getAttribute('aria-disabled')).toBeNull();
  });

  it('shows the notice of a refused wire for this node', () => {
    resetEditor(graphOf([asset('a1', 'audio', '/a.mp3'), seedance('shot', 'seedance-2.0-v2v', 'x')]));
    renderInFlow(<SeedanceNode id="shot" />);
    act(() => void useEditor.getState().connect({ source: 'a1', sourceHandle: 'media', target: 'shot', targetHandle: 'video:1' }));
    expect(screen.getByRole('alert').textContent).toMatch(/\[Video 1\] takes a video, not audio/);
  });
});

describe('SeedanceNode model and settings', () => {
  it('lists every model by name and switching drops a 1080p resolution with a visible notice', async () => {
    const user = userEvent.setup();
    resetEditor(graphOf([seedance('shot', 'seedance-2.0-v2v', 'x', { resolution: '1080p', duration: 8 })]));
    renderInFlow(<SeedanceNode id="shot" />);
    await openSettings();
    const model = screen.getByRole('combobox', { name: 'Model' }) as HTMLSelectElement;
    expect(within(model).getAllByRole('option').map((o) => o.textContent)).toEqual(Object.values(MODELS).map((m) => m.name));
    const resolution = screen.getByRole('combobox', { name: 'Resolution' }) as HTMLSelectElement;
    expect(resolution.value).toBe('1080p');

    await user.selectOptions(model, MODELS['seedance-2.0-fast-v2v'].name);
    expect(useEditor.getState().graph.nodes[0]).toMatchObject({ data: { model: 'seedance-2.0-fast-v2v', settings: { duration: 8 } } });
    const notice = screen.getByRole('alert');
    expect(notice.textContent).toMatch(/resolution/);
    expect(notice.textContent).toMatch(/removed/);
    // The resolution is back to the default, and 1080p is no longer offered.
    const after = screen.getByRole('combobox', { name: 'Resolution' }) as HTMLSelectElement;
    expect(after.value).toBe('');
    expect(within(after).getAllByRole('option').map((o) => o.textContent)).toEqual(['Default', '480p', '720p']);
    expect((screen.getByRole('spinbutton', { name: 'Duration (s)' }) as HTMLInputElement).value).toBe('8');

    await user.click(screen.getByRole('button', { name: 'Dismiss notice' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('folds the settings to one line naming what was set, and unfolds them on request', async () => {
    resetEditor(graphOf([seedance('shot', 'seedance-2.0-v2v', 'x', { duration: 8, resolution: '720p', camera_fixed: true })]));
    renderInFlow(<SeedanceNode id="shot" />);
    const toggle = screen.getByRole('button', { name: /^Settings/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent).toMatch(/resolution 720p/);
    expect(toggle.textContent).toMatch(/duration 8 s/);
    expect(toggle.textContent).toMatch(/on/);
    expect(screen.queryByRole('group', { name: 'Settings' })).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await screen.findByRole('group', { name: 'Settings' })).toBeTruthy();
  });

  it('shows every setting with its range and default', async () => {
    resetEditor(graphOf([seedance('shot', 'seedance-2.0-v2v', 'x')]));
    renderInFlow(<SeedanceNode id="shot" />);
    await openSettings();
    const settings = screen.getByRole('group', { name: 'Settings' });

    const ratio = within(settings).getByRole('combobox', { name: 'Aspect ratio' }) as HTMLSelectElement;
    expect(ratio.value).toBe('');
    expect(within(ratio).getAllByRole('option').map((o) => o.textContent)).toEqual(['Default', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16']);

    const duration = within(settings).getByRole('spinbutton', { name: 'Duration (s)' }) as HTMLInputElement;
    expect([duration.min, duration.max, duration.placeholder]).toEqual(['4', '15', '5']);
    expect(document.getElementById(duration.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/4 to 15 s · default 5 s/);

    const expiry = within(settings).getByRole('spinbutton', { name: 'Expires after (h)' }) as HTMLInputElement;
    expect([expiry.min, expiry.max, expiry.placeholder]).toEqual(['1', '72', '48']);
    expect(document.getElementById(expiry.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/1 to 72 h · default 48 h/);

    const seed = within(settings).getByRole('spinbutton', { name: 'Seed' }) as HTMLInputElement;
    expect([seed.min, seed.max, seed.value]).toEqual(['-1', '4294967295', '']);
    expect(document.getElementById(seed.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/default -1 \(random each run\)/);

    const audio = within(settings).getByRole('switch', { name: 'Generate audio' }) as HTMLInputElement;
    expect(audio.checked).toBe(true);
    expect(document.getElementById(audio.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/default on/);
    expect((within(settings).getByRole('switch', { name: 'Fixed camera' }) as HTMLInputElement).checked).toBe(false);
    expect((within(settings).getByRole('switch', { name: 'Return last frame' }) as HTMLInputElement).checked).toBe(false);
  });

  it('stores a typed value only when it is in range, in seconds for the expiry', async () => {
    const user = userEvent.setup();
    resetEditor(graphOf([seedance('shot', 'seedance-2.0-v2v', 'x')]));
    renderInFlow(<SeedanceNode id="shot" />);
    await openSettings();
    const settings = () => (useEditor.getState().graph.nodes[0] as { data: { settings: Record<string, unknown> } }).data.settings;
    const duration = screen.getByRole('spinbutton', { name: 'Duration (s)' });
    await user.type(duration, '20');
    await user.tab();
    expect(settings()['duration']).toBeUndefined();
    expect(duration.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/Duration must be from 4 to 15 s/);

    await user.clear(duration);
    await user.type(duration, '12');
    expect(settings()['duration']).toBe(12);

    const expiry = screen.getByRole('spinbutton', { name: 'Expires after (h)' });
    await user.type(expiry, '24');
    expect(settings()['execution_expires_after']).toBe(24 * 3600);

    await user.click(screen.getByRole('switch', { name: 'Generate audio' }));
    expect(settings()['generate_audio']).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Reset Generate audio to default' }));
    expect(settings()['generate_audio']).toBeUndefined();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Aspect ratio' }), '9:16');
    expect(settings()['ratio']).toBe('9:16');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Aspect ratio' }), 'Default');
    expect(settings()['ratio']).toBeUndefined();
  });

  it('randomise sets a seed in range; lock toggles between a fixed seed and -1', async () => {
    const user = userEvent.setup();
    resetEditor(graphOf([seedance('shot', 'seedance-2.0-v2v', 'x')]));
    renderInFlow(<SeedanceNode id="shot" />);
    await openSettings();
    const seedNow = () => (useEditor.getState().graph.nodes[0] as { data: { settings: { seed?: number } } }).data.settings.seed;
    const lock = screen.getByRole('button', { name: 'Lock seed' });
    expect(lock.getAttribute('aria-pressed')).toBe('false');

    for (let i = 0; i < 5; i++) {
      await user.click(screen.getByRole('button', { name: 'Randomise seed' }));
      const seed = seedNow();
      expect(Number.isInteger(seed)).toBe(true);
      expect(seed).toBeGreaterThanOrEqual(0);
      expect(seed).toBeLessThanOrEqual(SEED_RANDOM_MAX);
      expect((screen.getByRole('spinbutton', { name: 'Seed' }) as HTMLInputElement).value).toBe(String(seed));
    }
    expect(lock.getAttribute('aria-pressed')).toBe('true');

    await user.click(lock);
    expect(seedNow()).toBeUndefined();
    expect(lock.getAttribute('aria-pressed')).toBe('false');
    expect((screen.getByRole('spinbutton', { name: 'Seed' }) as HTMLInputElement).value).toBe('');

    await user.click(lock);
    expect(seedNow()).toBeGreaterThanOrEqual(0);
    expect(lock.getAttribute('aria-pressed')).toBe('true');
  });
});

describe('SeedanceNode validation', () => {
  it('shows the count of plan errors and a readable Problems list', async () => {
    const user = userEvent.setup();
    // v2v needs a video; the prompt names an input that is not wired.
    resetEditor(graphOf([seedance('shot', 'seedance-2.0-v2v', 'Restyle [Image 1]')]));
    renderInFlow(<SeedanceNode id="shot" />);
    const issues = planOf(useEditor.getState().graph).issues.filter((i) => i.node === 'shot');
    const errors = issues.filter((i) => i.severity === 'error').length;
    expect(errors).toBeGreaterThan(1);
    const badge = screen.getByRole('button', { name: `${errors} errors` });
    const problems = screen.getByRole('list', { name: 'Problems' });
    expect(within(problems).getByText(/Video inputs/)).toBeTruthy();
    expect(within(problems).getByText(/The prompt has 1 problem/)).toBeTruthy();

    await user.click(badge);
    expect(badge.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('list', { name: 'Problems' })).toBeNull();
    await user.click(badge);
    expect(screen.getByRole('list', { name: 'Problems' })).toBeTruthy();
  });

  it('shows OK when the plan has nothing to say about the node', () => {
    resetEditor(
      graphOf([asset('v1', 'video', '/clips/a.mp4'), seedance('shot', 'seedance-2.0-v2v', 'Restyle [Video 1]')], [wire('e1', 'v1', 'shot', 'video:1')]),
    );
    renderInFlow(<SeedanceNode id="shot" />);
    expect(screen.getByText('OK')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Problems' })).toBeNull();
  });
});

describe('SeedanceNode run status', () => {
  it('counts the time since its task was sent while the service works on it, and stops when it is done', () => {
    resetEditor(graphOf([seedance('shot', 'seedance-2.0-t2v', 'A calm sea')]));
    useRunStatus.getState().clear();
    useRunStatus.getState().begin(['r1']);
    const sent = Date.now() - 65_000;
    act(() => {
      useRunStatus.getState().record({ type: 'task.submitted', runId: 'r1', at: sent, node: 'shot', taskId: 't1' });
      useRunStatus.getState().record({ type: 'task.status', runId: 'r1', at: sent + 1000, node: 'shot', taskId: 't1', status: 'processing' });
    });
    renderInFlow(<SeedanceNode id="shot" />);
    const status = screen.getByRole('status', { name: 'Run status' });
    expect(status.textContent).toMatch(/^Running \(processing\) · 1:0[5-6]$/);
    act(() => useRunStatus.getState().record({ type: 'task.succeeded', runId: 'r1', at: sent + 70_000, node: 'shot', taskId: 't1', outputs: [] }));
    expect(status.textContent).toBe('Done');
  });

  it('formats elapsed time as a clock', () => {
    expect(formatElapsed(7_400)).toBe('0:07');
    expect(formatElapsed(750_000)).toBe('12:30');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
    expect(formatElapsed(-5)).toBe('0:00');
  });
});
