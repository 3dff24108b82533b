/**
 * The built-in demo task: the shipped 14×14 digits and a small MLP (196 → 128 ReLU → 64 ReLU →
 * 10 softmax) with seeded Glorot initialisation, so two models built with one seed start from the
 * same weights.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Digits } from '../data/digits.js';
import type { Tf } from './backend.js';

export interface DigitsTensors {
  xTrain: TF.Tensor2D;
  yTrain: TF.Tensor2D;
  xTest: TF.Tensor2D;
  yTest: TF.Tensor2D;
  inputSize: number;
  classes: number;
}

/** Tensors for the digits (labels one-hot). Dispose them with {@link disposeTensors}. */
export function digitsTensors(tf: Tf, d: Digits): DigitsTensors {
  const inputSize = d.width * d.height;
  return tf.tidy(() => ({
    xTrain: tf.tensor2d(d.xTrain, [d.nTrain, inputSize]),
    yTrain: tf.oneHot(tf.tensor1d(d.yTrain, 'int32'), d.classes).toFloat() as TF.Tensor2D,
    xTest: tf.tensor2d(d.xTest, [d.nTest, inputSize]),
    yTest: tf.oneHot(tf.tensor1d(d.yTest, 'int32'), d.classes).toFloat() as TF.Tensor2D,
    inputSize,
    classes: d.classes,
  }));
}

export function disposeTensors(t: DigitsTensors): void {
  t.xTrain.dispose();
  t.yTrain.dispose();
  t.xTest.dispose();
  t.yTest.dispose();
}

/** Hidden layer sizes of the demo MLP. */
export const HIDDEN = [128, 64] as const;

/**
 * The demo MLP, uncompiled; weights depend only on `seed`.
 * @example const model = digitsModel(tf, 196, 10, 42);
 */
export function digitsModel(
  tf: Tf,
  inputSize: number,
  classes: number,
  seed: number,
): TF.Sequential {
  const layers: TF.layers.Layer[] = [];
  HIDDEN.forEach((units, i) => {
    layers.push(
      tf.layers.dense({
        ...(i === 0 ? { inputShape: [inputSize] } : {}),
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        biasInitializer: 'zeros',
      }),
    );
  });
  layers.push(
    tf.layers.dense({
      units: classes,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + HIDDEN.length }),
      biasInitializer: 'zeros',
    }),
  );
  return tf.sequential({ layers });
}
