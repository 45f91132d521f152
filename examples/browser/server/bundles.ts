/**
 * The pages' scripts, bundled in memory with esbuild when the server starts: TypeScript from
 * examples/browser, with 'webgrad' taken from the built package (dist/), as an app would take it
 * from node_modules. Nothing is fetched: esbuild is a dev dependency.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A built file: its bytes and content type. */
export interface Asset {
  body: Uint8Array;
  type: string;
}

/** The part of esbuild's API used here (esbuild is loaded at run time, when the server starts). */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { path: string; contents: Uint8Array }[] }>;
}

/** The page entry points, by the name their script is served under. */
export const ENTRIES = { demo: 'demo/main.ts', bench: 'bench/main.ts' } as const;

/** Bundles every entry; returns the files by URL path (/demo.js, /demo.js.map, ...). */
export async function bundlePages(root: string, pagesDir: string): Promise<Map<string, Asset>> {
  const library = join(root, 'dist', 'bindings', 'index.js');
  if (!existsSync(library)) throw new Error(`${library} is missing: run npm run build first`);
  const specifier = 'esbuild';
  let esbuild: Esbuild;
  try {
    esbuild = (await import(specifier)) as Esbuild;
  } catch (error) {
    throw new Error(`esbuild did not load (${(error as Error).message}): it is a dev dependency, run npm install`);
  }
  const result = await esbuild.build({
    absWorkingDir: pagesDir,
    entryPoints: Object.entries(ENTRIES).map(([out, entry]) => ({ in: join(pagesDir, entry), out })),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    sourcemap: 'linked',
    outdir: join(pagesDir, 'out'),
    write: false,
    alias: { webgrad: library },
    logLevel: 'silent',
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    const name = file.path.slice(join(pagesDir, 'out').length).replaceAll('\\', '/');
    assets.set(name, { body: file.contents, type: name.endsWith('.map') ? 'application/json' : 'text/javascript' });
  }
  return assets;
}
