/** Command-line options of the parity script. */
export interface ParityArgs {
  models: ('softmax' | 'mlp')[];
  epochs: number;
  /** Where the replay files and parity.json go. */
  out: string;
  python: string;
  /** Worker threads of webgrad's wasm backend (createWasmBackend({ threads })). */
  threads: number;
  help: boolean;
}

export const PARITY_USAGE = `usage: npm run bench -- parity [options]
  --models LIST   softmax,mlp (default both)
  --epochs N      epochs per recipe (default 10)
  --out DIR       replay files and parity.json (default .cache/parity)
  --python PATH   interpreter with torch (default /usr/bin/python3: apt-get install -y python3-torch python3-numpy)
  --threads N     webgrad wasm threads (default 1; PyTorch runs one thread)`;

export function parseParityArgs(argv: readonly string[]): ParityArgs {
  const args: ParityArgs = { models: ['softmax', 'mlp'], epochs: 10, out: '.cache/parity', python: '/usr/bin/python3', threads: 1, help: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${PARITY_USAGE}`);
      return v;
    };
    if (flag === '--models') {
      const models = value().split(',');
      for (const m of models) if (m !== 'softmax' && m !== 'mlp') throw new Error(`unknown model ${m} (softmax, mlp)`);
      args.models = models as ParityArgs['models'];
    } else if (flag === '--epochs') {
      args.epochs = Number(value());
      if (!Number.isInteger(args.epochs) || args.epochs < 1) throw new Error('--epochs must be a positive integer');
    } else if (flag === '--out') args.out = value();
    else if (flag === '--python') args.python = value();
    else if (flag === '--threads') {
      args.threads = Number(value());
      if (!Number.isInteger(args.threads) || args.threads < 1) throw new Error('--threads must be a positive integer');
    }
    else if (flag === '--help' || flag === '-h') args.help = true;
    else throw new Error(`unknown option ${flag}\n${PARITY_USAGE}`);
  }
  return args;
}
