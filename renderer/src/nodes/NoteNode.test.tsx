// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { useEditor } from '../store/editor';
import { NoteNode } from './NoteNode';
import { graphOf, renderInFlow, resetEditor } from './test-support';

afterEach(cleanup);

function noteData() {
  const node = useEditor.getState().graph.nodes[0];
  return node?.type === 'note' ? node.data : undefined;
}

describe('NoteNode', () => {
  it('is a labelled, resizable text area whose typing is one undo step', async () => {
    const user = userEvent.setup();
    resetEditor(graphOf([{ id: 'n1', type: 'note', position: { x: 0, y: 0 }, data: { text: '', width: 300, height: 90 } }]));
    renderInFlow(<NoteNode id="n1" />);
    const note = screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement;
    expect(note.style.width).toBe('300px');
    expect(note.style.height).toBe('90px');
    await user.type(note, 'Shot list');
    expect(noteData()?.text).toBe('Shot list');
    expect(useEditor.getState().past).toHaveLength(1);
    await user.tab();
    expect(useEditor.getState().typing).toBeNull();
    act(() => useEditor.getState().undo());
    expect(note.value).toBe('');
  });
});
