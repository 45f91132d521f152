/**
 * tfjs-core's Node build registers no gradients (the @tensorflow/tfjs bundle imports
 * `@tensorflow/tfjs-core/dist/register_all_gradients` for that). This loads that module from
 * tfjs-core's ESM build through a resolve hook; the gradients land in tfjs's global registry,
 * which every copy of tfjs-core shares, so tf.grad and tf.valueAndGrad work as in the bundle.
 */
import { register } from 'node:module';

let loaded: Promise<void> | null = null;

export function registerTfjsGradients(): Promise<void> {
  loaded ??= (async () => {
    register(new URL('./tfjs-esm-hook.js', import.meta.url));
    await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  })();
  return loaded;
}
