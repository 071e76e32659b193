// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactFlow, type Node, type NodeTypes } from '@xyflow/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssetNode, NoteNode, SeedanceNode } from './index';
import { asset, graphOf, resetEditor, seedance } from './test-support';

vi.mock('../transport', () => ({
  api: { 'media.pick': vi.fn(), 'media.import': vi.fn(() => Promise.resolve({ files: [], errors: [] })) },
  mediaUrl: (mediaId: string) => `seedance-media://media/${mediaId}`,
}));

afterEach(cleanup);

// The registration the canvas uses; this also checks the components fit React Flow's NodeTypes.
const nodeTypes: NodeTypes = { asset: AssetNode, seedance: SeedanceNode, note: NoteNode };

describe('nodes inside React Flow', () => {
  it('wire by keyboard: Enter on an output, then Enter on an input, connects them (click-to-connect)', async () => {
    const user = userEvent.setup();
    resetEditor(graphOf([asset('v1', 'video', '/clips/a.mp4'), seedance('shot', 'seedance-2.0-v2v', 'x')]));
    // Sizes given up front: happy-dom does not lay out, and React Flow hides unmeasured nodes.
    const nodes: Node[] = [
      { id: 'v1', type: 'asset', position: { x: 0, y: 0 }, data: {}, width: 260, height: 300 },
      { id: 'shot', type: 'seedance', position: { x: 400, y: 0 }, data: {}, width: 340, height: 700 },
    ];
    const onConnect = vi.fn();
    render(
      <div style={{ width: 1000, height: 800 }}>
        <ReactFlow nodes={nodes} edges={[]} nodeTypes={nodeTypes} onConnect={onConnect} />
      </div>,
    );
    const output = await screen.findByRole('button', { name: 'a.mp4 output' });
    const input = screen.getByRole('button', { name: 'Input [Video 1]' });
    expect(output.getAttribute('data-nodeid')).toBe('v1');
    expect(input.getAttribute('data-nodeid')).toBe('shot');
    output.focus();
    await user.keyboard('{Enter}');
    input.focus();
    await user.keyboard('{Enter}');
    expect(onConnect).toHaveBeenCalledWith(expect.objectContaining({ source: 'v1', sourceHandle: 'media', target: 'shot', targetHandle: 'video:1' }));
  });
});
