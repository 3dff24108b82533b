/**
 * TensorFlow.js for the commands that train (find, demo): loaded on demand, production mode (no
 * "running in Node" banner), on the wasm backend when it loads (4–5× faster than the pure-JS
 * cpu backend), else on cpu. tfjs-node is not used (it cannot be installed everywhere).
 */
import type * as TF from '@tensorflow/tfjs';

export type Tf = typeof TF;

let loaded: Promise<{ tf: Tf; backend: string }> | undefined;

async function load(preferred: 'wasm' | 'cpu' | undefined): Promise<{ tf: Tf; backend: string }> {
  const tf = await import('@tensorflow/tfjs');
  tf.env().set('PROD', true);
  if (preferred !== 'cpu') {
    try {
      await import('@tensorflow/tfjs-backend-wasm');
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return { tf, backend: 'wasm' };
      }
    } catch {
      // the wasm backend is an optimisation: cpu computes the same values
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { tf, backend: 'cpu' };
}

/**
 * The tfjs module with its backend ready. LRKIT_TF_BACKEND=cpu forces the cpu backend.
 * @example const { tf, backend } = await loadTf(); // backend: 'wasm'
 */
export function loadTf(): Promise<{ tf: Tf; backend: string }> {
  const env = process.env.LRKIT_TF_BACKEND;
  loaded ??= load(env === 'cpu' || env === 'wasm' ? env : undefined);
  return loaded;
}
