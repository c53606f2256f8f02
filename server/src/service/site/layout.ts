/**
 * A tidy layout of a forest (Reingold–Tilford style): each subtree is drawn once, and placed
 * beside its left sibling as close as their contours allow at every depth; a parent sits centred
 * over its first and last child. Boxes on one depth never overlap, and a subtree keeps its shape
 * wherever it is placed. Coordinates are along the tree's breadth (across siblings); depth is the
 * number of steps from a root.
 */

export interface LayoutNode {
  id: string;
  children: LayoutNode[];
}

export interface Placement {
  id: string;
  depth: number;
  /** The centre of the node's box along the breadth, ≥ size / 2. */
  centre: number;
}

interface Subtree {
  /** Per depth below the subtree's root (0 = the root), the leftmost and rightmost edge. */
  left: number[];
  right: number[];
  /** Each child's offset from this node's centre. */
  offsets: number[];
}

/**
 * Places every node of `roots` (each tree, then the next, left to right). `size` is a box's extent
 * along the breadth, `gap` the least space between two boxes on one depth.
 */
export function tidyLayout(roots: readonly LayoutNode[], size: number, gap: number): Placement[] {
  const subtrees = new Map<LayoutNode, Subtree>();
  // post-order without recursion: a long reporting chain must not exhaust the stack
  const order: LayoutNode[] = [];
  const stack: LayoutNode[] = [{ id: '', children: [...roots] }];
  while (stack.length) {
    const node = stack.pop()!;
    order.push(node);
    stack.push(...node.children);
  }
  for (let i = order.length - 1; i >= 0; i--) subtrees.set(order[i], arrange(order[i], subtrees, size, gap));

  const virtual = order[0];
  const placements: Placement[] = [];
  const leftmost = Math.min(...(subtrees.get(virtual)!.left.slice(1) as number[]), 0);
  const walk: { node: LayoutNode; centre: number; depth: number }[] = [{ node: virtual, centre: -leftmost, depth: -1 }];
  while (walk.length) {
    const { node, centre, depth } = walk.pop()!;
    if (depth >= 0) placements.push({ id: node.id, depth, centre });
    const { offsets } = subtrees.get(node)!;
    node.children.forEach((child, index) => walk.push({ node: child, centre: centre + offsets[index], depth: depth + 1 }));
  }
  return placements.sort((a, b) => a.depth - b.depth || a.centre - b.centre);
}

function arrange(node: LayoutNode, subtrees: Map<LayoutNode, Subtree>, size: number, gap: number): Subtree {
  const half = size / 2;
  if (!node.children.length) return { left: [-half], right: [half], offsets: [] };
  let left: number[] = [];
  let right: number[] = [];
  const positions: number[] = [];
  node.children.forEach((child, index) => {
    const sub = subtrees.get(child)!;
    let shift = 0;
    if (index > 0) {
      shift = -Infinity;
      const shared = Math.min(right.length, sub.left.length);
      for (let depth = 0; depth < shared; depth++) shift = Math.max(shift, right[depth] - sub.left[depth] + gap);
    }
    positions.push(shift);
    const merged = Math.max(right.length, sub.right.length);
    const nextLeft: number[] = [];
    const nextRight: number[] = [];
    for (let depth = 0; depth < merged; depth++) {
      nextLeft.push(depth < left.length ? left[depth] : sub.left[depth] + shift);
      nextRight.push(depth < sub.right.length ? sub.right[depth] + shift : right[depth]);
    }
    left = nextLeft;
    right = nextRight;
  });
  const middle = (positions[0] + positions[positions.length - 1]) / 2;
  return {
    left: [-half, ...left.map((value) => value - middle)],
    right: [half, ...right.map((value) => value - middle)],
    offsets: positions.map((position) => position - middle),
  };
}
