/** Modules and optimisers written as in PyTorch: fields register, parameter groups, state dicts, moving backends. */
import type { Backend } from '../bindings/backend.js';
import * as wg from '../bindings/index.js';
import { Adagrad, RMSprop, SGD, nn, tensor } from '../bindings/index.js';
import { AUTOGRAD_BACKENDS } from './autograd-backends.js';

class LinearRegression extends nn.Module {
  net = new nn.Linear(1, 1);
  forward(x: wg.Tensor): wg.Tensor {
    return this.net.forward(x);
  }
}

class Scratch extends nn.Module {
  w: nn.Parameter;
  b = new nn.Parameter(wg.zeros([1]));
  blocks = [new nn.Linear(2, 2), new nn.Linear(2, 1)];
  notAParameter = tensor([1, 2]);
  constructor() {
    super();
    this.w = new nn.Parameter(wg.normal(0, 0.01, [2, 1]));
  }
  forward(x: wg.Tensor): wg.Tensor {
    return x.matmul(this.w).add(this.b);
  }
}

describe('modules register the modules and parameters assigned to their fields', () => {
  test('a PyTorch-style subclass trains: parameters() finds the field, SGD updates it', () => {
    const model = new LinearRegression();
    expect(model.namedParameters().map(([name]) => name)).toEqual(['net.weight', 'net.bias']);
    const x = tensor([[1], [2], [3], [4]]), y = tensor([[3.8], [6.8], [9.8], [12.8]]);
    const optimizer = new SGD(model.parameters(), { lr: 0.03 });
    const loss = new nn.MSELoss();
    for (let i = 0; i < 2000; i++) {
      optimizer.zeroGrad();
      loss.forward(model.forward(x), y).backward();
      optimizer.step();
    }
    expect(model.net.weight.item()).toBeCloseTo(3, 2);
    expect(model.net.bias!.item()).toBeCloseTo(0.8, 1);
  });

  test('Parameter fields, arrays of modules, order, and plain tensors left out', () => {
    const m = new Scratch();
    expect(m.namedParameters().map(([name, p]) => [name, p.shape])).toEqual([
      ['w', [2, 1]], ['b', [1]], ['blocks.0.weight', [2, 2]], ['blocks.0.bias', [2]], ['blocks.1.weight', [1, 2]], ['blocks.1.bias', [1]],
    ]);
    expect(m.children()).toHaveLength(2);
    expect(m.w).toBeInstanceOf(wg.Tensor);
    expect(m.w.requiresGrad).toBe(true);
  });

  test('Sequential.at, stateDict and loadStateDict, apply', async () => {
    const net = new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU(), new nn.Linear(3, 2));
    expect(net.at(0)).toBeInstanceOf(nn.Linear);
    expect(net.at(-1)).toBe(net.layers[2]);
    expect(() => net.at(3)).toThrow(wg.IndexError);
    const state = net.stateDict();
    expect(Object.keys(state)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    const copy = new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU(), new nn.Linear(3, 2));
    copy.loadStateDict(state);
    expect(Array.from(copy.at(2).parameters()[0].dataSync())).toEqual(Array.from(state['2.weight'].dataSync()));
    expect(() => copy.loadStateDict({ '0.weight': state['0.weight'] })).toThrow(/missing 0.bias/);
    expect(() => copy.loadStateDict({ ...state, '0.bias': tensor([1, 2]) })).toThrow(/shape/);
    const visited: string[] = [];
    net.apply((m) => visited.push(m.constructor.name));
    expect(visited).toEqual(['Linear', 'ReLU', 'Linear', 'Sequential']);
    wg.init;
  });

  test('loss modules with reductions', async () => {
    const p = tensor([[1, 2], [3, 4]]), t = tensor([[1, 0], [1, 1]]);
    expect(new nn.MSELoss().forward(p, t).item()).toBeCloseTo((0 + 4 + 4 + 9) / 4, 6);
    expect(new nn.MSELoss({ reduction: 'sum' }).forward(p, t).item()).toBe(17);
    expect(new nn.L1Loss().forward(p, t).item()).toBeCloseTo(7 / 4, 6);
    expect(new nn.L1Loss({ reduction: 'none' }).forward(p, t).shape).toEqual([2, 2]);
    expect(new nn.CrossEntropyLoss().forward(tensor([[0, 0]]), [1]).item()).toBeCloseTo(Math.log(2), 6);
    expect(() => new nn.MSELoss({ reduction: 'avg' as never })).toThrow(/reduction must be one of/);
  });
});

describe.each(AUTOGRAD_BACKENDS)('optimisers on %s', (_name, create) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await create();
  });
  const grads = [[0.3, -0.2, 1.5], [-0.4, 0.1, 0.7], [0.2, 0.2, -0.9]];
  /** p after each of three steps with the given gradients. */
  async function run(make: (ps: wg.Tensor[]) => wg.Optimizer): Promise<number[][]> {
    const p = tensor([0.5, -1, 2], { backend, requiresGrad: true });
    const optimizer = make([p]);
    const out: number[][] = [];
    for (const g of grads) {
      p.grad?.dispose();
      p.grad = tensor(g, { backend }).keep();
      optimizer.step();
      out.push(Array.from(await p.data()));
    }
    return out;
  }
  const expectClose = (got: number[][], want: number[][]) =>
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 5)));

  // Expected values: PyTorch 1.13 running the same three steps.
  test('Adagrad and RMSprop follow PyTorch, defaults and every option', async () => {
    expectClose(await run((ps) => new Adagrad(ps)), [[0.49000001, -0.99000001, 1.99000001], [0.49799999, -0.99447215, 1.98577118], [0.49428609, -1.00113881, 1.9905479]]);
    expectClose(await run((ps) => new Adagrad(ps, { lr: 0.1, lrDecay: 0.01, weightDecay: 0.1, initialAccumulatorValue: 0.1, eps: 1e-10 })),
      [[0.42580014, -0.93117529, 1.90168643], [0.4855957, -0.93273842, 1.85636878], [0.44763228, -0.95605153, 1.89017165]]);
    expectClose(await run((ps) => new RMSprop(ps)), [[0.40000004, -0.90000004, 1.89999998], [0.48014441, -0.94490135, 1.85753667], [0.44278628, -1.01190233, 1.90564144]]);
    expectClose(await run((ps) => new RMSprop(ps, { lr: 0.05, alpha: 0.9, eps: 1e-6, weightDecay: 0.1, momentum: 0.8, centered: true })),
      [[0.33333492, -0.83333516, 1.83333361], [0.31726655, -0.7096346, 1.61651659], [0.23396416, -0.67913151, 1.50653672]]);
  });

  test('parameter groups with options of their own (d2l 4.5), zeroGrad with and without setToNone', async () => {
    const w = tensor([1, -2], { backend, requiresGrad: true }), b = tensor([0.5], { backend, requiresGrad: true });
    const optimizer = new SGD([{ params: w, weightDecay: 3 }, { params: [b] }], { lr: 0.1 });
    expect(optimizer.paramGroups.map((g) => g.options.weightDecay)).toEqual([3, 0]);
    w.grad = tensor([0.2, 0.4], { backend }).keep();
    b.grad = tensor([1], { backend }).keep();
    optimizer.step();
    expectClose([Array.from(await w.data()), Array.from(await b.data())], [[0.68, -1.44], [0.4]]);
    optimizer.zeroGrad({ setToNone: false });
    expect(Array.from(await w.grad!.data())).toEqual([0, 0]);
    optimizer.zeroGrad();
    expect(w.grad).toBeNull();
    expect(() => new SGD([{ params: w, weightdecay: 1 } as never])).toThrow(/unknown option 'weightdecay'/);
    expect(() => new SGD(null as never)).toThrow(/params must be an iterable/);
    expect(() => new SGD([w, w])).toThrow(/appears twice/);
  });
});

describe('moving between backends', () => {
  test('x.to(backend) copies; module.to(backend) moves parameters in place and the optimiser keeps working', async () => {
    const wasm = await wg.createWasmBackend();
    const x = tensor([[1, 2]]);
    const y = x.to(wasm);
    expect(y.backend).toBe(wasm);
    expect(x.to(x.backend)).toBe(x);
    const model = new nn.Sequential(new nn.Linear(2, 1));
    const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const step = (input: wg.Tensor) => {
      optimizer.zeroGrad();
      model.forward(input).sum().backward();
      optimizer.step();
    };
    step(x);
    model.to(wasm);
    expect(model.parameters().every((p) => p.backend === wasm)).toBe(true);
    step(y);
    expect(optimizer.params[0].backend).toBe(wasm);
    expect(() => x.to({} as never)).toThrow(/expected a backend/);
  });
});
