// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useEditor } from '../store/editor';
import { useRunStatus } from '../store/run-status';
import { flushPlan } from '../store/plan';
import { DetailContext, FAR_ZOOM, isFar, withDetail } from './detail';
import { farPortsKey, farView, parseFarPorts } from './far-view';
import { SeedanceNode } from './SeedanceNode';
import { asset, graphOf, renderInFlow, resetEditor, seedance, wire } from './test-support';

afterEach(cleanup);

const Detailed = withDetail(SeedanceNode);

function twoNodes() {
  const shot = seedance('shot1', 'seedance-2.0-v2v', 'Restyle [Video 1]');
  if (shot.type === 'seedance') shot.data.label = 'Opening';
  return graphOf([asset('clip', 'video', '/media/clip.mp4'), shot], [wire('w1', 'clip', 'shot1', 'video:1')]);
}

describe('far-view', () => {
  it('names the node and lists the ports its wires use, each once', () => {
    const graph = graphOf(
      [asset('a', 'video', '/m/a.mp4'), seedance('s1', 'seedance-2.0-v2v'), seedance('s2', 'seedance-2.0-v2v')],
      [wire('w1', 'a', 's1', 'video:1'), wire('w2', 's1', 's2', 'video:1', 'video'), wire('w3', 's1', 's2', 'firstFrame', 'lastFrame'), wire('w4', 'a', 's2', 'video:2')],
    );
    expect(parseFarPorts(farPortsKey(graph, 's1'))).toEqual([
      { type: 'target', id: 'video:1' },
      { type: 'source', id: 'video' },
      { type: 'source', id: 'lastFrame' },
    ]);
    expect(parseFarPorts(farPortsKey(graph, 'a'))).toEqual([{ type: 'source', id: 'media' }]);
    expect(parseFarPorts(farPortsKey(graph, 'nobody'))).toEqual([]);
    expect(farView(asset('a', 'video', '/m/a.mp4'))).toEqual({ title: 'Video asset a.mp4', name: 'a.mp4', kind: 'video' });
    expect(farView({ id: 'n', type: 'note', position: { x: 0, y: 0 }, data: { text: 'Shot list\nthen more' } }).name).toBe('Shot list');
  });

  it('switches below FAR_ZOOM only', () => {
    expect(FAR_ZOOM).toBeGreaterThan(0.1);
    expect(isFar(FAR_ZOOM - 0.01)).toBe(true);
    expect(isFar(FAR_ZOOM)).toBe(false);
    expect(isFar(1)).toBe(false);
  });
});

describe('withDetail', () => {
  it('draws the full node near, and far a named box with its ports, problems and run state', () => {
    resetEditor(twoNodes());
    flushPlan();
    const near = renderInFlow(
      <DetailContext.Provider value={false}>
        <Detailed id="shot1" />
      </DetailContext.Provider>,
    );
    expect(screen.getByRole('textbox', { name: /prompt/i })).toBeTruthy();
    near.unmount();

    const far = renderInFlow(
      <DetailContext.Provider value={true}>
        <Detailed id="shot1" />
      </DetailContext.Provider>,
    );
    const box = screen.getByRole('group', { name: 'Seedance node Opening' });
    expect(box.textContent).toContain('Opening');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(far.container.querySelectorAll('.react-flow__handle')).toHaveLength(1);
    expect(far.container.querySelector('.react-flow__handle')?.getAttribute('data-handleid')).toBe('video:1');

    // The graph changes and the box follows: a problem (empty prompt), then a run.
    act(() => useEditor.getState().updateNodeData('shot1', 'edit prompt', { prompt: '' }));
    act(() => flushPlan());
    expect(screen.getByLabelText(/^\d+ problems?$/)).toBeTruthy();
    expect(box.className).not.toMatch(/sfn-far--(running|failed|succeeded)/);
    act(() => {
      useRunStatus.getState().clear();
      useRunStatus.getState().begin(['run-1']);
      useRunStatus.getState().record({ type: 'task.status', runId: 'run-1', at: 1, node: 'shot1', taskId: 't', status: 'processing' });
    });
    expect(box.className).toContain('sfn-far--running');
    expect(box.getAttribute('aria-label')).toBe('Seedance node Opening, running');
  });
});
