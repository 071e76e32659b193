/**
 * The window binds every command of the registry: the table's type demands it, and each run does
 * something (a canvas action, an app command, or a store change). The rules follow the stores.
 */
import { beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { COMMAND_IDS, type CommandId } from '../../../shared/commands';
import { emptyGraph } from '../../../shared/graph';
import type { AppCommands } from '../app/commands';
import { resetStores, seedanceNode, graphWith } from '../app/test-support';
import type { CanvasActions } from '../canvas/actions';
import { useCanvasUi } from '../store/canvas-ui';
import { useEditor } from '../store/editor';
import { usePlan } from '../store/plan';
import { useRunStatus } from '../store/run-status';
import { useBatch } from '../store/batch';
import { blockedNow, createBindings, type Binding, type CommandBindings } from './bindings';

function fakes() {
  const spy = <T extends object>() =>
    new Proxy({} as Record<string, ReturnType<typeof vi.fn>>, {
      get: (target, name: string) => (target[name] ??= vi.fn(async () => undefined)),
    }) as unknown as T & Record<string, ReturnType<typeof vi.fn>>;
  const canvas = spy<CanvasActions>();
  const app = spy<AppCommands>();
  const called = () => [canvas, app].some((f) => Object.values(f).some((fn) => fn.mock.calls.length > 0));
  return { canvas, app, called };
}

beforeEach(() => resetStores());

describe('command bindings', () => {
  it('Run this node / Run from here run the selected node as a target, or say why not', () => {
    const { canvas, app } = fakes();
    const b = createBindings({ canvas, app });
    useEditor.setState({ graph: graphWith([seedanceNode('x', 'A prompt'), { id: 'n', type: 'note', position: { x: 0, y: 0 }, data: { text: 'hi' } }]) });
    useCanvasUi.setState({ selectedNodes: ['x'] });
    b.runNode.run();
    b.runFromHere.run();
    expect(vi.mocked(app.run).mock.calls).toEqual([[{ target: { node: 'x', scope: 'node' } }], [{ target: { node: 'x', scope: 'from' } }]]);
    useCanvasUi.setState({ selectedNodes: ['n'] });
    expect(blockedNow(b.runNode)).toBe('Select a Seedance node: only those generate.');
    b.runNode.run();
    expect(vi.mocked(app.run).mock.calls).toHaveLength(2);
    expect(useEditor.getState().notice).toMatchObject({ kind: 'warning', text: 'Select a Seedance node: only those generate.' });
  });

  it('bind exactly the registry’s ids (a table missing one does not type-check)', () => {
    expectTypeOf<keyof CommandBindings>().toEqualTypeOf<CommandId>();
    const { undo: _undo, ...missingOne } = {} as CommandBindings;
    // @ts-expect-error every id needs a binding
    const incomplete: CommandBindings = missingOne;
    expect(incomplete).toBeDefined();
    const { canvas, app } = fakes();
    expect(Object.keys(createBindings({ canvas, app })).sort()).toEqual([...COMMAND_IDS].sort());
  });

  it.each(COMMAND_IDS)('%s does something when run', (id) => {
    const { canvas, app, called } = fakes();
    useEditor.setState({ graph: graphWith([seedanceNode('x', 'A prompt')]) });
    useCanvasUi.setState({ selectedNodes: ['x'], dialog: null });
    const before = useCanvasUi.getState();
    createBindings({ canvas, app })[id].run();
    expect(called() || useCanvasUi.getState() !== before).toBe(true);
  });

  it('disable undo, redo, duplicate, auto-layout, run and cancel with the reason, by the stores', () => {
    const { canvas, app } = fakes();
    const b = createBindings({ canvas, app });
    const reason = (binding: Binding) => blockedNow(binding);
    expect(reason(b.undo)).toBe('Nothing to undo.');
    expect(reason(b.redo)).toBe('Nothing to redo.');
    expect(reason(b.duplicate)).toBe('Select nodes to duplicate first.');
    expect(reason(b.autoLayout)).toBe('The graph is empty.');
    expect(reason(b.run)).toBe('Add a Seedance node to run.');
    expect(reason(b.cancelRun)).toBe('Nothing is running.');
    expect(reason(b.fitView)).toBeUndefined();
    expect(reason(b.runNode)).toBe('Select one Seedance node to run on its own first.');
    expect(reason(b.runFromHere)).toBe('Select one Seedance or asset node to run from first.');

    useEditor.getState().load(emptyGraph(), null);
    useEditor.getState().addNode(seedanceNode('shot1', 'A calm sea', 'seedance-2.0-t2v'));
    useCanvasUi.getState().select(['shot1']);
    expect(reason(b.undo)).toBeUndefined();
    expect(b.undo.detail?.({ editor: useEditor.getState(), plan: usePlan.getState(), ui: useCanvasUi.getState(), runs: useRunStatus.getState(), batch: useBatch.getState() })).toMatch(/^Undo /);
    expect(reason(b.duplicate)).toBeUndefined();
    expect(reason(b.autoLayout)).toBeUndefined();
    expect(reason(b.run)).toBeUndefined();

    resetStores(graphWith([seedanceNode('shot1', '')]));
    expect(reason(b.run)).toMatch(/^Fix 2 problems first \(see Problems\)/);
  });
});
