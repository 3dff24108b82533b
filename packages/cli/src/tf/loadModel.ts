/**
 * Loads a saved TF.js Layers model (model.json + its weight files) from disk without tfjs-node:
 * the files are read here and handed to tf.loadLayersModel through tf.io.fromMemory.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { FailureError } from '../args.js';
import type { Tf } from './backend.js';

interface WeightsGroup {
  paths: string[];
  weights: TF.io.WeightsManifestEntry[];
}

function readOrFail(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new FailureError(
      err.code === 'ENOENT'
        ? `${what}: no such file '${path}'`
        : `${what}: cannot read '${path}': ${err.message}`,
    );
  }
}

/**
 * Reads model.json and the weight files its manifest names (relative to it), as TF.js model
 * artifacts.
 * @example const artifacts = readModelArtifacts('out/model.json');
 */
export function readModelArtifacts(path: string): TF.io.ModelArtifacts {
  const text = readOrFail(path, '--model').toString('utf8');
  let json: {
    modelTopology?: unknown;
    weightsManifest?: WeightsGroup[];
    trainingConfig?: TF.io.TrainingConfig;
    format?: string;
  };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (e) {
    throw new FailureError(`--model: '${path}' is not valid JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || json.modelTopology === undefined) {
    throw new FailureError(
      `--model: '${path}' has no modelTopology; expected a TF.js Layers model.json (model.save('file://…') or tfjs-converter output)`,
    );
  }
  if (json.format === 'graph-model') {
    throw new FailureError(
      `--model: '${path}' is a graph model, which cannot be trained; lrkit find needs a Layers model`,
    );
  }
  const dir = dirname(resolve(path));
  const specs: TF.io.WeightsManifestEntry[] = [];
  const buffers: Buffer[] = [];
  for (const group of json.weightsManifest ?? []) {
    for (const p of group.paths) buffers.push(readOrFail(resolve(dir, p), '--model weights'));
    specs.push(...group.weights);
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return {
    modelTopology: json.modelTopology as TF.io.ModelArtifacts['modelTopology'],
    weightSpecs: specs,
    weightData: weightData as ArrayBuffer,
    ...(json.trainingConfig ? { trainingConfig: json.trainingConfig } : {}),
  };
}

/**
 * Loads a Layers model from a model.json path. When the file carries a training config (a model
 * saved after compile), the model comes back compiled.
 */
export async function loadLayersModelFile(tf: Tf, path: string): Promise<TF.LayersModel> {
  const artifacts = readModelArtifacts(path);
  try {
    return await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new FailureError(`--model: cannot load '${path}': ${(e as Error).message}`);
  }
}
