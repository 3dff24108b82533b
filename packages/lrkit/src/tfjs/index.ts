/**
 * lrkit/tfjs — drive TensorFlow.js training with lrkit schedules. Needs `@tensorflow/tfjs` ≥ 4
 * (an optional peer dependency: the core `lrkit` entry point never imports it).
 */
export {
  getBeta1,
  getLearningRate,
  getMomentum,
  optimizerKind,
  setBeta1,
  setLearningRate,
  setMomentum,
  type OptimizerKind,
  type OptimizerLike,
} from './optimizers.js';
export {
  LearningRateScheduler,
  learningRateScheduler,
  ReduceLROnPlateau,
  reduceLROnPlateau,
  type LearningRateSchedulerOptions,
  type ReduceLROnPlateauOptions,
} from './callbacks.js';
