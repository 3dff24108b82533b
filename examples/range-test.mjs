// The LR range test: on any training loop (rangeTest), then on a TF.js model (findLearningRate),
// which puts every weight back afterwards. Run: node examples/range-test.mjs
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { rangeTest, rangeTestPlotSvg, scheduleFromRangeTest } from 'lrkit';
import { findLearningRate } from 'lrkit/tfjs';

// 1. Any training loop: one step at `lr`, return the loss. Here: gradient descent on
//    f(w) = 0.7·w²/2, which diverges for lr > 2/0.7 ≈ 2.86.
let w = 5;
const result = await rangeTest({
  trainStep: (lr) => {
    const loss = 0.35 * w * w;
    w -= lr * 0.7 * w;
    return loss;
  },
  endLr: 1000,
});
console.log(result.stopReason, result.recommended);
console.log(scheduleFromRangeTest(result, { totalSteps: 1000 }).spec);

// 2. A TF.js model: the sweep trains with a temporary optimizer, then puts every weight back.
tf.env().set('PROD', true);
const model = tf.sequential({
  layers: [
    tf.layers.dense({
      units: 16,
      inputShape: [4],
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
    tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  ],
});
model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
const xs = tf.randomUniform([512, 4], -1, 1, 'float32', 1);
const ys = xs.sum(1, true).sin();
const before = model.getWeights().map((t) => Array.from(t.dataSync()));
const found = await findLearningRate(model, xs, ys, { batchSize: 32, seed: 1 });
const after = model.getWeights().map((t) => Array.from(t.dataSync()));
console.log(found.stopReason, found.lrs.length, found.recommended);
console.log('weights unchanged:', JSON.stringify(before) === JSON.stringify(after));
console.log(Object.fromEntries(Object.entries(found.suggestions).map(([k, s]) => [k, s.lr])));
writeFileSync('lr-range-test.svg', rangeTestPlotSvg(found));
