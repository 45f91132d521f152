/**
 * The mutations scripts/mutants.mjs applies: plausible slips in the kernels, the autograd rules, the
 * op table and the cpu reference. Each is a search/replace in one file ([search, replacement] pairs,
 * each search expected once unless a third element says how often) and names the test files that
 * must catch it (test/<name>.test.ts), optionally narrowed by a jest -t pattern.
 */
export const MUTATIONS = [
  // assembly/: the wasm kernels.
  {
    id: 'exp-softmax-coef', file: 'assembly/exp.ts', tests: ['oracle-fast-paths'], pattern: 'wasm',
    what: "softmax exp: a polynomial coefficient changed in the 5th digit (0.4999915 → 0.4999815)",
    edits: [['madd(f32x4.splat(0.4999915), t, f32x4.splat(0.9999997))', 'madd(f32x4.splat(0.4999815), t, f32x4.splat(0.9999997))']],
  },
  {
    id: 'exp4-coef', file: 'assembly/exp.ts', tests: ['oracle-fast-paths'], pattern: 'wasm',
    what: 'Cephes expf: the x^3 coefficient changed in the 6th digit',
    edits: [['f32x4.splat(1.6666665459e-1)', 'f32x4.splat(1.6666765459e-1)']],
  },
  {
    id: 'exp4-clamp', file: 'assembly/exp.ts', tests: ['oracle-fast-paths'], pattern: 'wasm',
    what: 'exp4 clamps its input at 88 instead of 89',
    edits: [['f32x4.splat(-87)), f32x4.splat(89))', 'f32x4.splat(-87)), f32x4.splat(88))']],
  },
  {
    id: 'rows-tail-lane', file: 'assembly/rows.ts', tests: ['kernels-wasm'], pattern: 'oftmax|crossEntropy',
    what: 'row tail: the third leftover element is not loaded (rest > 3)',
    edits: [['if (rest > 2) v = f32x4.replace_lane(v, 2, load<f32>(at, 8));', 'if (rest > 3) v = f32x4.replace_lane(v, 2, load<f32>(at, 8));']],
  },
  {
    id: 'rows-max-pad', file: 'assembly/rows.ts', tests: ['kernels-wasm'], pattern: 'oftmax|crossEntropy',
    what: 'row max: the tail vector padded with 0 instead of -Infinity',
    edits: [['const tailMax = loadTail(x, n, -Infinity), tailMin = loadTail(x, n, Infinity);\n  let a0 = tailMax, a1 = tailMax, a2',
      'const tailMax = loadTail(x, n, 0), tailMin = loadTail(x, n, Infinity);\n  let a0 = tailMax, a1 = tailMax, a2']],
  },
  {
    id: 'ce-grad-scale', file: 'assembly/cross_entropy.ts', tests: ['kernels-wasm'], pattern: 'crossEntropy',
    what: 'cross-entropy gradient: the one-hot term subtracted unscaled',
    edits: [['store<f32>(gl, load<f32>(gl) - gradScale);', 'store<f32>(gl, load<f32>(gl) - 1);']],
  },
  {
    id: 'ce-loss-max', file: 'assembly/cross_entropy.ts', tests: ['kernels-wasm'], pattern: 'crossEntropy',
    what: 'cross-entropy loss: the row max not added back',
    edits: [['Mathf.log(total) + (m - load<f32>(xr + labelAt))', 'Mathf.log(total) - load<f32>(xr + labelAt)']],
  },
  {
    id: 'adam-bias-wasm', file: 'assembly/optim.ts', tests: ['kernels-wasm'], pattern: 'adamUpdate',
    what: 'Adam (vector path): the first-moment bias correction dropped',
    edits: [['f32x4.mul(lrV, f32x4.mul(mi, inv1))', 'f32x4.mul(lrV, mi)']],
  },
  {
    id: 'sgd-momentum-wasm', file: 'assembly/optim.ts', tests: ['kernels-wasm'], pattern: 'sgdUpdate',
    what: 'SGD momentum (vector path): momentum applied to the gradient instead of the velocity',
    edits: [['g = madd(momV, v128.load(velocity + at), g);', 'g = madd(momV, g, v128.load(velocity + at));']],
  },
  {
    id: 'philox-key-wasm', file: 'assembly/philox.ts', tests: ['oracle-dropout'], pattern: 'wasm',
    what: 'Philox key schedule: the second Weyl constant off by one',
    edits: [['export const W1: u32 = 0xbb67ae85;', 'export const W1: u32 = 0xbb67ae86;']],
  },
  {
    id: 'reduce-tail-wasm', file: 'assembly/reduce.ts', tests: ['kernels-wasm'], pattern: 'sum|mean|max|min|prod',
    what: 'row reduction: the last leftover element skipped',
    edits: [['for (; i < n; i++) acc = reduceScalar(op, acc, load<f32>(x + (<usize>i << 2)));',
      'for (; i + 1 < n; i++) acc = reduceScalar(op, acc, load<f32>(x + (<usize>i << 2)));']],
  },
  {
    id: 'argmax-nan-wasm', file: 'assembly/reduce.ts', tests: ['kernels-wasm'], pattern: 'arg',
    what: 'argmax/argmin: a NaN no longer wins',
    edits: [['if ((max ? v > best : v < best) || v != v) {', 'if (max ? v > best : v < best) {']],
  },
  {
    id: 'matmul-bias-index-wasm', file: 'assembly/gemm-kernel.ts', tests: ['kernels-wasm'], pattern: 'matmul|linear',
    what: 'matmul edge tiles: the bias indexed by the wrong axis',
    edits: [['(biasAlongRows ? r : j)', '(biasAlongRows ? j : r)']],
  },

  // kernels/: the WGSL kernels.
  {
    id: 'matmul-a-bound', file: 'kernels/matmul.wgsl', tests: ['reliability-webgpu-matmul'],
    what: "matmul tile load of A: the bound col + j < cols changed to <=",
    edits: [['if (col + j < cols) { v[j] = a_scalar(index + j); }', 'if (col + j <= cols) { v[j] = a_scalar(index + j); }']],
  },
  {
    id: 'matmul-b-bound', file: 'kernels/matmul.wgsl', tests: ['reliability-webgpu-matmul'],
    what: 'matmul tile load of B: the bound col + j < cols changed to <=',
    edits: [['if (col + j < cols) { v[j] = b_scalar(index + j); }', 'if (col + j <= cols) { v[j] = b_scalar(index + j); }']],
  },
  {
    id: 'softmax-no-max-serial', file: 'kernels/row_stats.wgsl', tests: ['reliability-webgpu-rows'], pattern: 'serial',
    what: 'softmax, cross-entropy (one invocation per row): no max subtraction',
    edits: [['  let m = row_max(row, 0u, 1u);', '  let m = 0.0;']],
  },
  {
    id: 'softmax-no-max-workgroup', file: 'kernels/row_stats.wgsl', tests: ['reliability-webgpu-rows'], pattern: 'workgroup',
    what: 'softmax, cross-entropy (one workgroup per row): no max subtraction',
    edits: [['  let m = workgroup_reduce(lid, row_max(row, lid, WG), REDUCE_MAX);', '  let m = 0.0;']],
  },
  {
    id: 'ce-grad-scale-wgsl', file: 'kernels/cross_entropy.wgsl', tests: ['webgpu-kernels'], pattern: 'crossEntropy',
    what: 'cross-entropy gradient: grad_scale not applied',
    edits: [['let g = (p - select(0.0, 1.0, c == label)) * params.grad_scale;', 'let g = p - select(0.0, 1.0, c == label);']],
  },
  {
    id: 'sin-coef-wgsl', file: 'kernels/prelude.wgsl', tests: ['oracle-fast-paths'], pattern: 'WebGPU',
    what: 'sin polynomial: the r^3 coefficient changed in the 6th digit',
    edits: [['(-0.16666666666666666 + r2', '(-0.16666766666666666 + r2']],
  },
  {
    id: 'max-nan-wgsl', file: 'kernels/prelude.wgsl', tests: ['webgpu-kernels'], pattern: 'max',
    what: "max_nan: a NaN in the second operand dropped (WGSL's max)",
    edits: [['return select(max(a, b), nan_f32(), is_nan(a) || is_nan(b));', 'return select(max(a, b), nan_f32(), is_nan(a));']],
  },
  {
    id: 'reduce-last-wgsl', file: 'kernels/reduce.wgsl', tests: ['webgpu-kernels'], pattern: 'sum|mean|max|min|prod',
    what: 'reduction: the last element of each run skipped',
    edits: [['for (var l = first; l < params.length; l += stride) { acc = reduce_combine(OP, acc, element(o, l, i)); }',
      'for (var l = first; l + 1u < params.length; l += stride) { acc = reduce_combine(OP, acc, element(o, l, i)); }']],
  },
  {
    id: 'adam-bias-wgsl', file: 'kernels/optim.wgsl', tests: ['webgpu-kernels'], pattern: 'adamUpdate',
    what: 'Adam: the first-moment bias correction dropped',
    edits: [['(params.lr * (m / params.bias_correction1))', '(params.lr * m)']],
  },
  {
    id: 'philox-key-wgsl', file: 'kernels/philox.wgsl', tests: ['webgpu-kernels'], pattern: 'dropout',
    what: 'Philox key schedule: the second Weyl constant off by one',
    edits: [['k = k + vec2<u32>(0x9e3779b9u, 0xbb67ae85u);', 'k = k + vec2<u32>(0x9e3779b9u, 0xbb67ae86u);']],
  },
  {
    id: 'strides-first-dim-wgsl', file: 'kernels/strides.wgsl', tests: ['webgpu-kernels'], pattern: 'permute|flip|slices|expand|cat',
    what: 'strided index: the first dimension never decoded (loop stops at d > 1)',
    edits: [['for (var d = RANK; d > 0u; d--) {', 'for (var d = RANK; d > 1u; d--) {']],
  },

  // bindings/autograd/: the backward rules and the graph.
  {
    id: 'graph-keeps-saved-on-throw', file: 'bindings/autograd/graph.ts', tests: ['reliability-leaks'],
    what: 'a forward that throws keeps what it saved for backward',
    edits: [['      ctx.freeSaved();\n      throw error;', '      throw error;']],
  },
  {
    id: 'div-grad-sign', file: 'bindings/autograd/ops/elementwise.ts', tests: ['gradcheck'],
    what: "div backward: d(a/b)/db without its minus sign",
    edits: [["k.sumTo(k.unary('neg', k.binary('div', k.binary('mul', dyOverB, a), b)), ctx.inputShapes[1])",
      "k.sumTo(k.binary('div', k.binary('mul', dyOverB, a), b), ctx.inputShapes[1])"]],
  },
  {
    id: 'sub-grad-sign', file: 'bindings/autograd/ops/elementwise.ts', tests: ['gradcheck'],
    what: 'sub backward: the subtrahend gets +dy',
    edits: [["ctx.needsGrad[1] ? k.sumTo(k.unary('neg', dy), ctx.inputShapes[1]) : null,", 'ctx.needsGrad[1] ? k.sumTo(dy, ctx.inputShapes[1]) : null,']],
  },
  {
    id: 'scale-grad', file: 'bindings/autograd/ops/elementwise.ts', tests: ['gradcheck'],
    what: 'x·c backward: the gradient not scaled by c',
    edits: [["backward: (dy, c) => [k.unary('scale', dy, c)],", 'backward: (dy) => [dy],']],
  },
  {
    id: 'linear-relu-grad', file: 'bindings/autograd/ops/matmul.ts', tests: ['gradcheck'],
    what: 'linear with ReLU backward: the ReLU mask forgotten',
    edits: [["const g = relu ? k.binary('reluGrad', y, dy) : dy;", 'const g = dy;']],
  },
  {
    id: 'mean-loss-scale', file: 'bindings/autograd/ops/loss.ts', tests: ['gradcheck'],
    what: 'cross-entropy mean: the gradient not divided by the batch',
    edits: [["gradScale: reduction === 'mean' ? 1 / rows : 1,", 'gradScale: 1,']],
  },

  // bindings/op-table/: the f64 references (what the cpu backend computes).
  {
    id: 'sigmoid-grad-ref', file: 'bindings/op-table/unary.ts', tests: ['oracle-cpu'],
    what: "sigmoid backward reference: y(1 + y) for y(1 - y)",
    edits: [['ref: (y, dy) => dy * y * (1 - y)', 'ref: (y, dy) => dy * y * (1 + y)']],
  },
  {
    id: 'clamp-grad-bounds-ref', file: 'bindings/op-table/unary.ts', tests: ['oracle-cpu'],
    what: 'clamp backward reference: the bounds excluded',
    edits: [['ref: (x, dy, lo, hi) => (x >= lo && x <= hi ? dy : 0)', 'ref: (x, dy, lo, hi) => (x > lo && x < hi ? dy : 0)']],
  },
  {
    id: 'maximum-nan-ref', file: 'bindings/op-table/binary.ts', tests: ['oracle-cpu'],
    what: 'maximum reference: a NaN first operand dropped',
    edits: [['ref: (a, b) => (a >= b || Number.isNaN(a) ? a : b)', 'ref: (a, b) => (a >= b ? a : b)']],
  },
  {
    id: 'max-reduce-nan-ref', file: 'bindings/op-table/reduce.ts', tests: ['oracle-cpu'],
    what: 'max reduction reference: NaN no longer propagates',
    edits: [['ref: (a, b) => (b > a || Number.isNaN(b) ? b : a)', 'ref: (a, b) => (b > a ? b : a)']],
  },
  {
    id: 'erf-constant-ref', file: 'bindings/op-table/math.ts', tests: ['oracle-cpu'],
    what: 'erf reference: 2/√π changed in the 6th digit',
    edits: [['const TWO_OVER_SQRT_PI = 1.1283791670955126;', 'const TWO_OVER_SQRT_PI = 1.1283891670955126;']],
  },
  {
    id: 'gelu-tanh-constant-ref', file: 'bindings/op-table/math.ts', tests: ['oracle-cpu'],
    what: "GELU tanh form reference: 0.044715 shortened to 0.04471",
    edits: [['export const GELU_TANH_C = 0.044715;', 'export const GELU_TANH_C = 0.04471;']],
  },

  // bindings/cpu/: the reference backend.
  {
    id: 'cpu-matmul-transa-stride', file: 'bindings/cpu/cpu-backend.ts', tests: ['oracle-cpu'],
    what: 'cpu matmul with transposed A: the row stride k for m',
    edits: [['const av = transA ? as[ao + p * m + i] : as[ao + i * k + p];', 'const av = transA ? as[ao + p * k + i] : as[ao + i * k + p];']],
  },
  {
    id: 'cpu-adam-bias', file: 'bindings/cpu/cpu-backend.ts', tests: ['oracle-cpu'],
    what: 'cpu Adam: the first-moment bias correction dropped',
    edits: [['const mHat = ms[i] / biasCorrection1, vHat', 'const mHat = ms[i], vHat']],
  },
  {
    id: 'cpu-sgd-weight-decay', file: 'bindings/cpu/cpu-backend.ts', tests: ['oracle-cpu'],
    what: 'cpu SGD: weight decay subtracted from the gradient',
    edits: [['let g = gs[i] + weightDecay * ps[i];', 'let g = gs[i] - weightDecay * ps[i];']],
  },
  {
    id: 'cpu-argmax-ties', file: 'bindings/cpu/cpu-backend.ts', tests: ['oracle-cpu'],
    what: 'cpu argmax: the last of equal maxima instead of the first',
    edits: [["op === 'argmax' ? (v: number, best: number) => v > best", "op === 'argmax' ? (v: number, best: number) => v >= best"]],
  },
  {
    id: 'cpu-gather-bound', file: 'bindings/cpu/cpu-backend.ts', tests: ['oracle-cpu'],
    what: 'cpu gather and scatter-add: an index equal to the length accepted',
    edits: [['l >= 0 && l < length', 'l >= 0 && l <= length', 2]],
  },
  {
    id: 'cpu-ce-grad-scale', file: 'bindings/cpu/cpu-backend.ts', tests: ['oracle-cpu'],
    what: 'cpu cross-entropy: the gradient not scaled',
    edits: [['(p - (c === label ? 1 : 0)) * gradScale', '(p - (c === label ? 1 : 0))']],
  },
  {
    id: 'cpu-strided-out-offset', file: 'bindings/cpu/cpu-backend.ts', tests: ['oracle-cpu'],
    what: 'cpu strided copy: the output offset ignored',
    edits: [['ys[layout.outOffset + indexAt(index, layout.outStrides)]', 'ys[indexAt(index, layout.outStrides)]']],
  },
  {
    id: 'cpu-reduce-init', file: 'bindings/cpu/cpu-backend.ts', tests: ['oracle-cpu'],
    what: "cpu reduction: every accumulator starts at 0 (not the op's identity)",
    edits: [['let acc = init.value;', 'let acc = 0;']],
  },
  {
    id: 'cpu-dropout-key-order', file: 'bindings/cpu/cpu-backend.ts', tests: ['oracle-cpu'],
    what: 'cpu dropout: the two key words swapped',
    edits: [['dropoutWord(i, args.seedLo, args.seedHi, args.offset)', 'dropoutWord(i, args.seedHi, args.seedLo, args.offset)']],
  },
  {
    id: 'cpu-philox-key', file: 'bindings/cpu/philox.ts', tests: ['oracle-cpu'],
    what: 'cpu Philox key schedule: the second Weyl constant off by one',
    edits: [['const W1 = 0xbb67ae85;', 'const W1 = 0xbb67ae86;']],
  },
];
