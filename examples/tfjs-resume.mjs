// Checkpoint and resume with lrkit/tfjs: save the model, the optimizer state and the schedule's
// state after 3 epochs, load all three into fresh objects, train 3 more epochs with initialEpoch,
// and land bit for bit on the weights of an uninterrupted 6-epoch run.
import * as tf from '@tensorflow/tfjs';
import { learningRateScheduler, loadOptimizerState, saveOptimizerState } from 'lrkit/tfjs';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const xs = tf.tensor2d(Array.from({ length: 32 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]));
const ys = xs.matMul(tf.tensor2d([[2], [-1]])).add(0.5);
const spec = 'OneCycleLR(max_lr=0.05, total_steps=24)'; // 6 epochs × 4 batches
const fitArgs = { batchSize: 8, shuffle: false, verbose: 0 };

function makeModel() {
  const model = tf.sequential();
  const init = (seed) => tf.initializers.glorotUniform({ seed });
  model.add(
    tf.layers.dense({ units: 8, inputShape: [2], activation: 'tanh', kernelInitializer: init(1) }),
  );
  model.add(tf.layers.dense({ units: 1, kernelInitializer: init(2) }));
  return model;
}
const adam = () => tf.train.adam(0.001);

// the reference: 6 epochs in one go
const full = makeModel();
full.compile({ optimizer: adam(), loss: 'meanSquaredError' });
await full.fit(xs, ys, { ...fitArgs, epochs: 6, callbacks: [learningRateScheduler(spec)] });

// 3 epochs, then a checkpoint: the model (here in memory; in a browser e.g.
// model.save('indexeddb://my-model')) and a JSON text with the optimizer's and the callback's state
const first = makeModel();
first.compile({ optimizer: adam(), loss: 'meanSquaredError' });
const callback = learningRateScheduler(spec);
await first.fit(xs, ys, { ...fitArgs, epochs: 3, callbacks: [callback] });
let artifacts;
const toMemory = tf.io.withSaveHandler(async (a) => {
  artifacts = a;
  return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
});
await first.save(toMemory);
const checkpoint = JSON.stringify({
  optimizer: await saveOptimizerState(first.optimizer),
  schedule: callback.state(),
});

// resume: fresh model, fresh optimizer, fresh callback, all restored from the checkpoint
const saved = JSON.parse(checkpoint);
const resumed = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
resumed.compile({ optimizer: adam(), loss: 'meanSquaredError' });
await loadOptimizerState(resumed.optimizer, saved.optimizer);
const resumedCallback = learningRateScheduler(spec).loadState(saved.schedule);
await resumed.fit(xs, ys, {
  ...fitArgs,
  epochs: 6,
  initialEpoch: saved.schedule.epoch, // 3
  callbacks: [resumedCallback],
});

const bits = (m) => m.getWeights().map((w) => [...new Uint32Array(w.dataSync().slice().buffer)]);
console.log('resumed at epoch', saved.schedule.epoch, 'step', saved.schedule.step);
console.log(
  'bit-identical to the 6-epoch run:',
  JSON.stringify(bits(resumed)) === JSON.stringify(bits(full)),
);
