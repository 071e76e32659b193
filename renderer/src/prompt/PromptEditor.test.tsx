// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useEditor } from '../store/editor';
import { asset, graphOf, promptOf, renderInFlow, resetEditor, seedance, wire } from '../nodes/test-support';
import { SeedanceNode } from '../nodes/SeedanceNode';
import { PromptEditor } from './PromptEditor';

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Two videos and an image wired into `shot`, with the given prompt. */
function wiredGraph(prompt: string) {
  return graphOf(
    [
      asset('v1', 'video', '/clips/beach.mp4'),
      asset('v2', 'video', '/clips/city.mp4', { label: 'City night' }),
      asset('i1', 'image', '/stills/style.png'),
      seedance('shot', 'seedance-2.0-v2v', prompt),
    ],
    [wire('e1', 'v1', 'shot', 'video:1'), wire('e2', 'v2', 'shot', 'video:2'), wire('e3', 'i1', 'shot', 'image:1')],
  );
}

function field(): HTMLTextAreaElement {
  return screen.getByRole('textbox', { name: 'Prompt' }) as HTMLTextAreaElement;
}

function lintMessages(): string[] {
  return within(screen.getByRole('list', { name: 'Prompt checks' }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent ?? '');
}

describe('PromptEditor', () => {
  it('shows tokens as chips named after what is wired, and errors for tokens that name nothing', () => {
    resetEditor(wiredGraph('Blend [Video 1] into [Video 2] styled as [Image 1], keep [Audio 1] and [Video ?] {{mood}}'));
    renderInFlow(<PromptEditor nodeId="shot" />);
    const chips = within(screen.getByRole('list', { name: 'Placeholders' })).getAllByRole('button');
    expect(chips.map((c) => c.textContent)).toEqual([
      '[Video 1] beach.mp4',
      '[Video 2] City night',
      '[Image 1] style.png',
      '[Audio 1] no input',
      '[Video ?] input removed',
      '{{mood}} unknown variable',
    ]);
    expect(chips.map((c) => c.classList.contains('sfp-chip--error'))).toEqual([false, false, false, true, true, true]);
  });

  it('selects a token in the field when its chip is clicked', async () => {
    const user = userEvent.setup();
    resetEditor(wiredGraph('Blend [Video 1] into [Video 2] with [Image 1]'));
    renderInFlow(<PromptEditor nodeId="shot" />);
    await user.click(screen.getByRole('button', { name: '[Video 2] City night' }));
    expect(document.activeElement).toBe(field());
    expect(field().value.slice(field().selectionStart, field().selectionEnd)).toBe('[Video 2]');
  });

  it('typing [ lists the wired inputs; arrows and Enter insert the chosen token', async () => {
    const user = userEvent.setup();
    resetEditor(wiredGraph(''));
    renderInFlow(<PromptEditor nodeId="shot" />);
    await user.click(field());
    await user.keyboard('Restyle [[');
    const list = screen.getByRole('listbox', { name: 'Wired inputs' });
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['[Video 1] beach.mp4', '[Video 2] City night', '[Image 1] style.png']);
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
    expect(field().getAttribute('aria-activedescendant')).toBe(options[0]?.id);

    await user.keyboard('{ArrowDown}');
    expect(within(list).getByRole('option', { name: '[Video 2] City night' }).getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(promptOf('shot')).toBe('Restyle [Video 2]');
    expect(field().selectionStart).toBe('Restyle [Video 2]'.length);

    // Typing after the bracket filters; Tab inserts too.
    await user.keyboard(' with [[im');
    expect(within(screen.getByRole('listbox', { name: 'Wired inputs' })).getAllByRole('option').map((o) => o.textContent)).toEqual([
      '[Image 1] style.png',
    ]);
    await user.keyboard('{Tab}');
    expect(promptOf('shot')).toBe('Restyle [Video 2] with [Image 1]');
  });

  it('Escape closes the suggestions and a click picks one', async () => {
    const user = userEvent.setup();
    resetEditor(wiredGraph('A '));
    renderInFlow(<PromptEditor nodeId="shot" />);
    await user.click(field());
    await user.keyboard('{End}[[');
    expect(screen.getByRole('listbox', { name: 'Wired inputs' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(promptOf('shot')).toBe('A [');

    await user.keyboard('{Backspace}[[');
    await user.click(screen.getByRole('option', { name: '[Video 1] beach.mp4' }));
    expect(promptOf('shot')).toBe('A [Video 1]');
  });

  it('says so when [ is typed and nothing is wired', async () => {
    const user = userEvent.setup();
    resetEditor(graphOf([seedance('shot', 'seedance-2.0-v2v', '')]));
    renderInFlow(<PromptEditor nodeId="shot" />);
    await user.click(field());
    await user.keyboard('[[');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByText(/No inputs are wired yet/)).toBeTruthy();
  });

  it('lints inline: a token with no input, an input never named, and a malformed token with a working Fix', async () => {
    const user = userEvent.setup();
    resetEditor(wiredGraph('Cut [video1] to [Video 2] over [Image 1] with [Audio 1]'));
    renderInFlow(<PromptEditor nodeId="shot" />);
    const messages = lintMessages();
    expect(messages.some((m) => m.startsWith('Error:') && m.includes('[Audio 1] names no input'))).toBe(true);
    expect(messages.some((m) => m.startsWith('Error:') && m.includes('[video1] is not a placeholder'))).toBe(true);
    expect(messages.some((m) => m.startsWith('Warning:') && m.includes('[Video 1] is wired but the prompt never names it'))).toBe(true);
    expect(field().getAttribute('aria-invalid')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Fix: write [Video 1]' }));
    expect(promptOf('shot')).toBe('Cut [Video 1] to [Video 2] over [Image 1] with [Audio 1]');
    expect(lintMessages().some((m) => m.includes('[video1]'))).toBe(false);
    expect(lintMessages().some((m) => m.includes('never names'))).toBe(false);
    // The fix is one undo step.
    act(() => useEditor.getState().undo());
    expect(promptOf('shot')).toBe('Cut [video1] to [Video 2] over [Image 1] with [Audio 1]');
  });

  it('counts characters against the 2000 limit and turns to an error over it', async () => {
    const user = userEvent.setup();
    resetEditor(wiredGraph('[Video 1] [Video 2] [Image 1]'));
    renderInFlow(<PromptEditor nodeId="shot" />);
    const count = screen.getByRole('status', { name: 'Prompt length' });
    expect(count.textContent).toBe('29 / 2000');
    await user.click(field());
    await user.keyboard('{End} ok');
    expect(count.textContent).toBe('32 / 2000');

    act(() => useEditor.getState().setPrompt('shot', `[Video 1] [Video 2] [Image 1] ${'x'.repeat(1975)}`));
    expect(count.textContent).toBe('2005 / 2000 (5 over)');
    expect(count.classList.contains('sfp-prompt__count--over')).toBe(true);
    expect(lintMessages().some((m) => m.includes('the limit is 2000'))).toBe(true);

    // An emoji is one character, as the model's own check counts it.
    act(() => useEditor.getState().setPrompt('shot', `[Video 1] [Video 2] [Image 1] ${'🎬'.repeat(1970)}`));
    expect(count.textContent).toBe('2000 / 2000');
    expect(count.classList.contains('sfp-prompt__count--over')).toBe(false);
  });

  it('types through setPrompt as one coalesced undo step that ends on blur', async () => {
    const user = userEvent.setup();
    resetEditor(wiredGraph(''));
    renderInFlow(<PromptEditor nodeId="shot" />);
    await user.click(field());
    await user.keyboard('slow pan');
    expect(promptOf('shot')).toBe('slow pan');
    expect(useEditor.getState().past).toHaveLength(1);
    await user.tab();
    expect(useEditor.getState().typing).toBeNull();
    await user.click(field());
    await user.keyboard('{End}!');
    expect(useEditor.getState().past).toHaveLength(2);
  });

  it('renumbers visibly when the first of two videos is unwired, and undo restores it', async () => {
    resetEditor(wiredGraph('Open on [Video 1], cut to [Video 2] styled as [Image 1]'));
    renderInFlow(<PromptEditor nodeId="shot" />);
    const announcer = screen.getByRole('status', { name: 'Prompt changes' });
    expect(announcer.textContent).toBe('');

    act(() => useEditor.getState().disconnect('e1'));
    expect(field().value).toBe('Open on [Video ?], cut to [Video 1] styled as [Image 1]');
    expect(announcer.textContent).toBe('Tokens renumbered: [Video 1] → [Video ?], [Video 2] → [Video 1]');
    const chips = within(screen.getByRole('list', { name: 'Placeholders' })).getAllByRole('button');
    expect(chips.map((c) => c.textContent)).toEqual(['[Video ?] input removed', '[Video 1] City night', '[Image 1] style.png']);
    expect(chips[0]?.classList.contains('sfp-chip--flash')).toBe(true);
    expect(lintMessages().some((m) => m.includes('[Video ?] pointed at a video input that was removed'))).toBe(true);

    act(() => useEditor.getState().undo());
    expect(field().value).toBe('Open on [Video 1], cut to [Video 2] styled as [Image 1]');
    expect(announcer.textContent).toBe('Tokens renumbered: [Video ?] → [Video 1], [Video 1] → [Video 2]');
    expect(within(screen.getByRole('list', { name: 'Placeholders' })).getAllByRole('button').map((c) => c.textContent)).toEqual([
      '[Video 1] beach.mp4',
      '[Video 2] City night',
      '[Image 1] style.png',
    ]);
  });

  it('renumbers through the node UI: Unwire in the Seedance node rewrites the editor', async () => {
    const user = userEvent.setup();
    resetEditor(wiredGraph('[Video 1] then [Video 2]'));
    renderInFlow(<SeedanceNode id="shot" />);
    await user.click(screen.getByRole('button', { name: 'Unwire [Video 1]' }));
    expect(field().value).toBe('[Video ?] then [Video 1]');
    expect(screen.getByRole('status', { name: 'Prompt changes' }).textContent).toMatch(/^Tokens renumbered/);
    act(() => useEditor.getState().undo());
    expect(field().value).toBe('[Video 1] then [Video 2]');
  });
});
