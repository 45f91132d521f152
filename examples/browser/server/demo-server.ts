/**
 * The demo's web server: the pages of examples/browser, their scripts bundled at start, and
 * Fashion-MNIST in binary form, on 127.0.0.1 (a secure context, so WebGPU is offered) with the
 * cross-origin isolation headers that shared wasm memory (threads) needs.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebgradError } from 'webgrad';
import { bundlePages, type Asset } from './bundles.js';
import { FashionMnistRoute } from './fashion-mnist-route.js';

/** The repository root (this file runs from dist/examples/browser/server/). */
export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

const PAGES_DIR = join(REPOSITORY_ROOT, 'examples', 'browser');

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
};

/** Cross-origin isolation (SharedArrayBuffer for wasm threads), on every response. */
const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

export interface DemoServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 8080. */
  port?: number;
}

export interface DemoServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, type: string, body: Uint8Array | string): void {
  response.writeHead(status, { ...ISOLATION_HEADERS, 'content-type': type }).end(body);
}

async function staticFile(path: string): Promise<Asset | null> {
  const type = STATIC_TYPES[extname(path)];
  const file = normalize(join(PAGES_DIR, path));
  if (!type || !file.startsWith(PAGES_DIR + sep)) return null;
  try {
    return { body: await readFile(file), type };
  } catch {
    return null;
  }
}

/** Bundles the pages, then listens. Throws when the build output or esbuild is missing. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const scripts = await bundlePages(REPOSITORY_ROOT, PAGES_DIR);
  const fashionMnist = new FashionMnistRoute();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'GET only');
    if (path === '/data/fashion-mnist.safetensors') {
      try {
        return send(response, 200, 'application/octet-stream', await fashionMnist.bytes(url.searchParams));
      } catch (error) {
        const status = error instanceof WebgradError ? 400 : 500;
        return send(response, status, 'text/plain; charset=utf-8', (error as Error).message);
      }
    }
    const asset = scripts.get(path) ?? (await staticFile(path));
    if (!asset) return send(response, 404, 'text/plain', `${path} not found`);
    send(response, 200, asset.type, asset.body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => send(response, 500, 'text/plain', error.message));
  });
  const port = options.port ?? 8080;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
