/**
 * Property test: random sequences of wiring, unwiring and reordering keep the slot numbers
 * dense, keep every prompt token pointing at the input it pointed at (or flag it as an orphan),
 * and keep the request arrays in slot order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asset, file, graphOf, seedance } from '../../test/support/graphs';
import { buildBody, planGraph } from '../plan';
import { parsePrompt, tokenText, type NumberedKind } from '../prompt/tokens';
import { connect, disconnect, inputsOf, moveSlot, parseSlotHandle, type GraphDocument } from './index';

const KINDS: NumberedKind[] = ['video', 'image', 'audio'];
const POOL: Record<NumberedKind, number> = { video: 4, image: 10, audio: 4 };
const MARKER = ' [video1] ';

type Op =
  | { op: 'wire'; kind: NumberedKind; asset: number; slot: number }
  | { op: 'frame'; which: 'firstFrame' | 'lastFrame'; asset: number }
  | { op: 'unwire'; pick: number }
  | { op: 'move'; kind: NumberedKind; from: number; to: number };

const kindArb = fc.constantFrom<NumberedKind>(...KINDS);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('wire' as const), kind: kindArb, asset: fc.nat(9), slot: fc.integer({ min: 1, max: 10 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('frame' as const), which: fc.constantFrom('firstFrame' as const, 'lastFrame' as const), asset: fc.nat(9) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('unwire' as const), pick: fc.nat(40) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('move' as const), kind: kindArb, from: fc.integer({ min: 1, max: 9 }), to: fc.integer({ min: 1, max: 9 }) }) },
);

function start(): GraphDocument {
  const assets = KINDS.flatMap((kind) => Array.from({ length: POOL[kind] }, (_, i) => asset(`${kind}${i}`, kind, file(`${kind}${i}`))));
  return graphOf([...assets, seedance('s', 'seedance-2.0-v2v', `Start${MARKER}`)]);
}

const promptOf = (g: GraphDocument) => {
  const node = g.nodes.find((n) => n.id === 's');
  return node?.type === 'seedance' ? node.data.prompt : '';
};

const withPrompt = (g: GraphDocument, prompt: string): GraphDocument => ({
  ...g,
  nodes: g.nodes.map((n) => (n.id === 's' && n.type === 'seedance' ? { ...n, data: { ...n.data, prompt } } : n)),
});

/** Which edge (input) each token of the prompt means; null for an orphan. In prompt order. */
function checkInvariants(g: GraphDocument, expected: (string | null)[]): void {
  const inputs = inputsOf(g, 's');
  // 1. Dense numbering.
  for (const kind of KINDS) {
    expect(inputs[kind].map((e) => (parseSlotHandle(e.targetHandle) as { index: number }).index)).toEqual(
      inputs[kind].map((_, i) => i + 1),
    );
  }
  // 2. Every token points at the input it pointed at before, or is flagged.
  const segments = parsePrompt(promptOf(g)).filter((s) => s.type === 'token' || s.type === 'orphan');
  expect(segments).toHaveLength(expected.length);
  segments.forEach((segment, i) => {
    const want = expected[i];
    if (want === null) {
      expect(segment.type).toBe('orphan');
      return;
    }
    expect(segment.type).toBe('token');
    if (segment.type !== 'token') return;
    expect(inputs[segment.kind][segment.index - 1]?.id).toBe(want);
  });
  // Malformed text is never touched.
  expect(promptOf(g)).toContain(MARKER);
  // 3. The request arrays follow slot order.
  const task = planGraph(g).tasks.find((t) => t.node === 's');
  expect(task).toBeDefined();
  if (!task) return;
  const body = buildBody(task, (ref) => (ref.kind === 'file' ? ref.path : ''));
  const field = { video: 'video_urls', image: 'reference_images', audio: 'audio_urls' } as const;
  for (const kind of KINDS) {
    const sources = inputs[kind].map((e) => e.source);
    expect(body[field[kind]] ?? []).toEqual(sources);
  }
}

describe('renumbering (property)', () => {
  it('keeps numbering dense, tokens true and requests in slot order', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), (ops) => {
        let g = start();
        // The meaning of each token in the prompt, in order: an edge id, or null once orphaned.
        let expected: (string | null)[] = [];
        for (const op of ops) {
          if (op.op === 'wire' || op.op === 'frame') {
            const kind = op.op === 'wire' ? op.kind : 'image';
            const source = `${kind}${op.asset % POOL[kind]}`;
            const targetHandle = op.op === 'wire' ? `${op.kind}:${op.slot}` : op.which;
            const result = connect(g, { source, sourceHandle: 'media', target: 's', targetHandle });
            if (!result.ok) {
              expect(result.reason.length).toBeGreaterThan(10);
              continue;
            }
            const replaced = g.edges.find((e) => e.target === 's' && e.targetHandle === result.edge.targetHandle);
            g = result.graph;
            if (replaced) {
              // The slot now holds the new input, so its tokens name the new input.
              expected = expected.map((id) => (id === replaced.id ? result.edge.id : id));
            } else if (op.op === 'wire') {
              const slot = parseSlotHandle(result.edge.targetHandle) as { kind: NumberedKind; index: number };
              g = withPrompt(g, `${promptOf(g)} ${tokenText(slot.kind, slot.index)}`);
              expected.push(result.edge.id);
            }
          } else if (op.op === 'unwire') {
            const into = g.edges.filter((e) => e.target === 's').sort((a, b) => (a.id < b.id ? -1 : 1));
            const victim = into[op.pick % Math.max(1, into.length)];
            if (!victim) continue;
            g = disconnect(g, victim.id);
            expected = expected.map((id) => (id === victim.id ? null : id));
          } else {
            g = moveSlot(g, 's', op.kind, op.from, op.to);
          }
          checkInvariants(g, expected);
        }
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });
});
