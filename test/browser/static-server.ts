/** A static file server for one directory, on 127.0.0.1 (a secure context for WebGPU) and an ephemeral port. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json', '.html': 'text/html',
  '.wasm': 'application/wasm', '.json': 'application/json',
};

const INDEX = '<!doctype html><meta charset="utf-8"><title>webgrad WebGPU checks</title>';

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves root; `headers` go with every response (e.g. COOP/COEP for a cross-origin isolated page). */
export async function serveDirectory(root: string, headers: Record<string, string> = {}): Promise<StaticServer> {
  const base = normalize(root + sep);
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (path === '/') {
      response.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(INDEX);
      return;
    }
    const file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
