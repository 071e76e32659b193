/**
 * The loops of wires among nodes that could not be ordered: only the nodes actually on a cycle
 * (a strongly connected component of two or more nodes, or a node wired into itself), never the
 * nodes that merely wait downstream of one. Linear in nodes + wires (Tarjan, without recursion).
 *
 *   findLoops(['a', 'b', 'c'], downstreamOf) // [['a', 'b']] for a ⇄ b → c
 */

/**
 * Each loop as a cycle in wire order, starting at its first node in `nodes` order (a → b → … →
 * back to the first); loops in the order of their first node. `downstream(id)` lists the nodes
 * `id`'s outputs are wired into; ids outside `nodes` are ignored.
 */
export function findLoops(nodes: readonly string[], downstream: (id: string) => Iterable<string>): string[][] {
  const position = new Map(nodes.map((id, i) => [id, i]));
  const next = (id: string) => [...downstream(id)].filter((d) => position.has(d));
  const components = stronglyConnected(nodes, next);
  const loops: string[][] = [];
  for (const component of components) {
    const members = new Set(component);
    const first = component.reduce((a, b) => ((position.get(a) ?? 0) <= (position.get(b) ?? 0) ? a : b));
    const onItself = next(first).includes(first);
    if (component.length === 1 && !onItself) continue;
    loops.push(onItself ? [first] : cycleThrough(first, (id) => next(id).filter((d) => members.has(d))));
  }
  return loops.sort((a, b) => (position.get(a[0] as string) ?? 0) - (position.get(b[0] as string) ?? 0));
}

/** Tarjan's strongly connected components, iteratively. */
function stronglyConnected(nodes: readonly string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const frames: { id: string; out: string[]; at: number }[] = [];
    const enter = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      frames.push({ id, out: next(id), at: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as (typeof frames)[number];
      if (frame.at < frame.out.length) {
        const to = frame.out[frame.at++] as string;
        if (!index.has(to)) enter(to);
        else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(to) as number));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop() as string;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        components.push(component);
      }
    }
  }
  return components;
}

/**
 * A simple cycle from `start` back to it, within a strongly connected component (so one exists):
 * a depth-first search that never enters a node twice, hence linear in the component's size.
 */
function cycleThrough(start: string, next: (id: string) => string[]): string[] {
  const seen = new Set([start]);
  const path: { id: string; out: string[]; at: number }[] = [{ id: start, out: next(start), at: 0 }];
  while (path.length > 0) {
    const frame = path[path.length - 1] as (typeof path)[number];
    if (frame.at >= frame.out.length) {
      path.pop();
      continue;
    }
    const to = frame.out[frame.at++] as string;
    if (to === start) return path.map((f) => f.id);
    if (seen.has(to)) continue;
    seen.add(to);
    path.push({ id: to, out: next(to), at: 0 });
  }
  return [start];
}
