/**
 * Where a new node goes: the free place nearest to where the user is looking, so it appears on
 * screen rather than pushed off to one side past every node in the way.
 */
import type { GraphDocument } from '../../../shared/graph';

export type Size = { width: number; height: number };
export type Sizes = Readonly<Record<string, { width?: number; height?: number } | undefined>>;
export type Point = { x: number; y: number };

/** Free space kept around a new node. */
const MARGIN = 40;
/** How far apart the places tried are, and how many rings of them around the wanted one. */
const STEP = 40;
const RINGS = 30;

/**
 * The top-left corner nearest to `at` where a node of `size` overlaps no node of the graph
 * (unmeasured nodes count as a point), trying places `STEP` apart in growing squares; `at` itself
 * when the graph is too full around it.
 */
export function nearestFreeSpot(graph: Pick<GraphDocument, 'nodes'>, at: Point, sizes: Sizes, size: Size): Point {
  const origin = { x: Math.round(at.x), y: Math.round(at.y) };
  const fits = (spot: Point) =>
    !graph.nodes.some((n) => {
      const w = sizes[n.id]?.width;
      const h = sizes[n.id]?.height;
      if (!w || !h) return Math.abs(n.position.x - spot.x) < 8 && Math.abs(n.position.y - spot.y) < 8;
      return spot.x < n.position.x + w + MARGIN && spot.x + size.width + MARGIN > n.position.x && spot.y < n.position.y + h + MARGIN && spot.y + size.height + MARGIN > n.position.y;
    });
  if (fits(origin)) return origin;
  for (let ring = 1; ring <= RINGS; ring++) {
    const candidates: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) === ring) candidates.push({ x: origin.x + i * STEP, y: origin.y + j * STEP });
      }
    }
    // Nearest first, where a step up counts three, left or down two: new work goes on to the
    // right of what is there, as a pipeline reads, then below; not above, out of the user's view.
    const cost = (p: Point) => Math.hypot((p.x - origin.x) * (p.x < origin.x ? 2 : 1), (p.y - origin.y) * (p.y < origin.y ? 3 : 2));
    candidates.sort((a, b) => cost(a) - cost(b) || b.x - a.x || b.y - a.y);
    const found = candidates.find(fits);
    if (found) return found;
  }
  return origin;
}

/**
 * How far to move the view (in flow units) so the box is in it, by as little as it takes and
 * keeping `margin` clear; a box bigger than the view is aligned by its top-left corner, where a
 * node has its name and inputs. { x: 0, y: 0 } when it is in view already.
 */
export function shiftToShow(box: Point & Size, view: Point & Size, margin: number): Point {
  const axis = (start: number, length: number, viewStart: number, viewLength: number): number => {
    const toStart = start - margin - viewStart;
    if (length + 2 * margin > viewLength) {
      // Too big to show whole: fine while its start is in the first half of the view.
      return toStart >= 0 && start <= viewStart + viewLength / 2 ? 0 : toStart;
    }
    if (toStart < 0) return toStart;
    return Math.max(0, start + length + margin - (viewStart + viewLength));
  };
  return { x: axis(box.x, box.width, view.x, view.width), y: axis(box.y, box.height, view.y, view.height) };
}
