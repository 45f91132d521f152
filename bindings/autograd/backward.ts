import { BackendError, DisposedError, ShapeError, ValueError } from '../errors.js';
import * as k from '../kernels/index.js';
import { formatShape, sameShape } from '../shape.js';
import { Tensor, full, tidy } from '../tensor.js';
import { noGrad } from './grad-mode.js';
import type { Node } from './graph.js';

export interface BackwardOptions {
  /** Keep the saved tensors so backward() can run through this graph again. */
  retainGraph?: boolean;
}

/** Nodes reachable from root, each after every node that feeds it a gradient (root first). */
function topologicalOrder(root: Node): Node[] {
  const visited = new Set<Node>();
  const postorder: Node[] = [];
  const stack: { node: Node; next: number }[] = [{ node: root, next: 0 }];
  visited.add(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next < frame.node.edges.length) {
      const edge = frame.node.edges[frame.next++];
      if (edge && 'node' in edge && !visited.has(edge.node)) {
        visited.add(edge.node);
        stack.push({ node: edge.node, next: 0 });
      }
    } else {
      postorder.push(frame.node);
      stack.pop();
    }
  }
  return postorder.reverse();
}

/** leaf.grad += g (taking ownership of g). */
function accumulateLeaf(leaf: Tensor, g: Tensor): void {
  if (leaf.disposed) {
    g.dispose();
    return;
  }
  if (leaf.grad && !leaf.grad.disposed) {
    try {
      k.accumulate(leaf.grad, g);
    } finally {
      g.dispose();
    }
  } else {
    leaf.grad = g.keep();
  }
}

/**
 * Computes d(root)/d(leaf) for every leaf that requires grad and adds it to leaf.grad
 * (PyTorch semantics: gradients accumulate until zeroGrad()). A root with more than one
 * element needs `gradient`, the vector the Jacobian is multiplied with.
 */
export function backward(root: Tensor, gradient?: Tensor, options: BackwardOptions = {}): void {
  if (!(root instanceof Tensor)) throw new ValueError(`backward: expected a tensor, got ${String(root)}`);
  if (root.disposed) throw new DisposedError(`backward() on a disposed tensor of shape ${formatShape(root.shape)}`);
  if (!root.requiresGrad)
    throw new ValueError(
      `backward() on a tensor of shape ${formatShape(root.shape)} that does not require grad ` +
        `(no input of the ops that made it had requiresGrad, or it was made under noGrad())`,
    );
  if (gradient === undefined) {
    if (root.size !== 1)
      throw new ShapeError(
        `backward() on a tensor of shape ${formatShape(root.shape)} needs a gradient of that shape; ` +
          `only a one-element tensor's gradient is implied`,
      );
  } else {
    if (!(gradient instanceof Tensor)) throw new ValueError(`backward: gradient must be a tensor`);
    if (!sameShape(gradient.shape, root.shape))
      throw new ShapeError(
        `backward: gradient of shape ${formatShape(gradient.shape)} does not match the tensor's ${formatShape(root.shape)}`,
      );
    if (gradient.backend !== root.backend)
      throw new BackendError(`backward: gradient lives on ${gradient.backend.name}, the tensor on ${root.backend.name}`);
  }

  noGrad(() => {
    const seed = gradient ? k.copy(gradient) : full(root.shape, 1, { backend: root.backend });
    const rootNode = root.gradNode as Node | null;
    if (!rootNode) {
      accumulateLeaf(root, seed);
      return;
    }
    const order = topologicalOrder(rootNode);
    const freed = order.find((node) => node.isFreed);
    if (freed) {
      seed.dispose();
      freed.runBackward(seed); // throws the DisposedError that explains
    }
    const grads = new Map<Node, Tensor>([[rootNode, seed]]);
    try {
      for (const node of order) {
        const dy = grads.get(node);
        if (!dy) continue;
        const inputGrads = tidy(() => node.runBackward(dy)); // on a throw, dy is still in grads and freed below
        grads.delete(node);
        const taken = new Set<Tensor>();
        try {
          node.edges.forEach((edge, i) => {
            const returned = inputGrads[i] ?? null;
            if (!returned) return;
            if (!sameShape(returned.shape, node.inputShapes[i]))
              throw new ShapeError(
                `backward of '${node.op}' returned a gradient of shape ${formatShape(returned.shape)} ` +
                  `for input ${i} of shape ${formatShape(node.inputShapes[i])}`,
              );
            const g = taken.has(returned) ? k.copy(returned) : returned;
            taken.add(g);
            if (!edge) g.dispose();
            else if ('leaf' in edge) accumulateLeaf(edge.leaf, g);
            else {
              const previous = grads.get(edge.node);
              if (previous) {
                grads.set(edge.node, k.binary('add', previous, g));
                previous.dispose();
                g.dispose();
              } else grads.set(edge.node, g);
            }
          });
        } finally {
          for (const g of inputGrads) if (g && !taken.has(g)) g.dispose();
          if (!taken.has(dy)) dy.dispose();
        }
      }
    } finally {
      for (const g of grads.values()) g.dispose();
      if (!options.retainGraph) for (const node of order) node.freeSaved();
    }
  });
}
