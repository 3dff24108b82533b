// lrkit/tfjs with a TF.js model: OneCycleLR inside model.fit, ReduceLROnPlateau after a warm-up,
// and a schedule bound to the optimizer of a custom training loop. Run: node examples/tfjs-fit.mjs
import * as tf from '@tensorflow/tfjs';
import { bindScheduler, learningRateScheduler, reduceLROnPlateau } from 'lrkit/tfjs';

tf.env().set('PROD', true); // no "looks like you are running TensorFlow.js in Node" banner
await tf.setBackend('cpu');

// 64 samples of y = 2·x0 − x1 + 0.5
const xs = tf.tensor2d(Array.from({ length: 64 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]));
const ys = xs.matMul(tf.tensor2d([[2], [-1]])).add(0.5);

function makeModel() {
  const model = tf.sequential();
  const init = (seed) => tf.initializers.glorotUniform({ seed });
  model.add(
    tf.layers.dense({ units: 8, inputShape: [2], activation: 'relu', kernelInitializer: init(1) }),
  );
  model.add(tf.layers.dense({ units: 1, kernelInitializer: init(2) }));
  model.compile({ optimizer: tf.train.momentum(0.01, 0.9), loss: 'meanSquaredError' });
  return model;
}
const show = (values) => values.map((v) => v.toPrecision(3)).join(' ');

// 1. OneCycleLR per batch: 5 epochs × 8 batches = 40 steps; it cycles the momentum too.
const model = makeModel();
const h1 = await model.fit(xs, ys, {
  epochs: 5,
  batchSize: 8,
  shuffle: false, // a reproducible run (the schedule does not depend on it)
  verbose: 0,
  callbacks: [learningRateScheduler('OneCycleLR(max_lr=0.1, total_steps=40)')],
});
console.log('OneCycleLR        lr:', show(h1.history.lr));
console.log('            momentum:', show(h1.history.momentum));
console.log('                loss:', show(h1.history.loss));

// 2. ReduceLROnPlateau (Keras rules) on val_loss, after a linear warm-up over 12 batches.
const model2 = makeModel();
const h2 = await model2.fit(xs, ys, {
  epochs: 12,
  batchSize: 8,
  shuffle: false,
  validationSplit: 0.25,
  verbose: 0,
  callbacks: [reduceLROnPlateau({ patience: 1, factor: 0.5, warmup: { steps: 12 } })],
});
console.log('ReduceLROnPlateau lr:', show(h2.history.lr));
console.log('            val_loss:', show(h2.history.val_loss));

// 3. A custom loop: the bound schedule sets Adam's lr before every minimize.
const w = tf.variable(tf.zeros([2, 1]));
const b = tf.variable(tf.scalar(0));
const optimizer = tf.train.adam(0.1);
const bound = bindScheduler(optimizer, 'CosineAnnealingLR(T_max=300, eta_min=0.001)');
for (let step = 0; step < 300; step++) {
  optimizer.minimize(() => tf.losses.meanSquaredError(ys, xs.matMul(w).add(b)));
  bound.step();
}
console.log(
  'custom loop: w =',
  show([...w.dataSync()]),
  ' b =',
  show([...b.dataSync()]),
  ' lr =',
  bound.lr,
);
