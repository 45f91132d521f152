/**
 * A module resolve hook for tfjs-core's ESM build, whose relative imports have no file extension
 * (written for bundlers): it adds `.js` (or `/index.js`) so Node can load the files.
 */
interface ResolveContext {
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<unknown>;

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<unknown> {
  const inTfjsCore = context.parentURL?.includes('/@tensorflow/tfjs-core/dist/') ?? false;
  if (inTfjsCore && specifier.startsWith('.') && !specifier.endsWith('.js')) {
    try {
      return await next(`${specifier}.js`, context);
    } catch {
      return next(`${specifier}/index.js`, context);
    }
  }
  return next(specifier, context);
}
