/**
 * timm's PlateauLRScheduler: PyTorch's ReduceLROnPlateau behind a linear warm-up, with optional
 * noise. Metric-driven, so its plan is the plateau tracker's options.
 */
import { rules } from '../../rules.js';
import type { RegistryEntry } from '../../registry/types.js';
import type { NoisyPlateauOptions } from '../../scheduler/plateau.js';
import { initializeParam, noiseOf, noiseParams, noiseRange, timm } from './common.js';

export const PlateauLRScheduler: RegistryEntry = {
  ...timm('PlateauLRScheduler'),
  doc:
    'Decays the lr by decay_rate when the metric has not improved for more than patience_t ' +
    'steps (PyTorch ReduceLROnPlateau with factor=decay_rate, patience=patience_t, ' +
    "cooldown=cooldown_t, min_lr=lr_min, threshold_mode='rel', eps=1e-8). Note timm's default " +
    "mode is 'max' (a metric such as accuracy). Warm-up: index 0 is warmup_lr_init when " +
    'warmup_t > 0, and for steps k ≤ warmup_t (≤, not <) the lr is warmup_lr_init + ' +
    'k·(base_lr − warmup_lr_init)/warmup_t with the metric ignored; the plateau logic starts at ' +
    'step warmup_t + 1 from the lr reached. Step k is timm’s step(k, metric): its training loop ' +
    'calls step(epoch + 1, metric). Noise (noise_range_t, after the warm-up only): the lr after ' +
    'step k is multiplied by 1 + ε(k) and restored before the next plateau decision, as in timm; ' +
    'ε is drawn from lrkit’s own seeded generator, not torch.Generator. verbose, noise_std and ' +
    'initialize are accepted and unused.',
  params: [
    {
      name: 'decay_rate',
      type: { kind: 'number', rule: rules.unitIntervalOpenRight },
      default: 0.1,
      doc: 'factor applied on a plateau, in [0, 1) (PyTorch: must be < 1)',
    },
    {
      name: 'patience_t',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: 10,
      doc: 'bad steps tolerated before decaying',
    },
    {
      name: 'verbose',
      type: { kind: 'bool' },
      default: true,
      doc: 'ignored (PyTorch prints each reduction)',
    },
    {
      name: 'threshold',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 1e-4,
      doc: 'minimum relative improvement that counts',
    },
    {
      name: 'cooldown_t',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: 0,
      doc: 'steps to wait after a decay',
    },
    {
      name: 'warmup_t',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: 0,
      doc: 'steps of linear warm-up, metrics ignored (0: none)',
    },
    {
      name: 'warmup_lr_init',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 0,
      doc: 'lr at step 0 of the warm-up, absolute (the same for every param group)',
    },
    {
      name: 'lr_min',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 0,
      doc: 'lower bound on the lr, absolute',
    },
    {
      name: 'mode',
      type: { kind: 'enum', choices: ['min', 'max'] },
      default: 'max',
      doc: "'max' (timm's default): higher is better (accuracy); 'min': lower is better (loss)",
    },
    ...noiseParams(null, true),
    initializeParam,
  ],
  crossCheck: (a) => {
    noiseRange('timm.PlateauLRScheduler', a.noise_range_t);
  },
  build: (a) => {
    const options: NoisyPlateauOptions = {
      mode: a.mode as 'min' | 'max',
      factor: a.decay_rate as number,
      patience: a.patience_t as number,
      threshold: a.threshold as number,
      threshold_mode: 'rel',
      cooldown: a.cooldown_t as number,
      min_lr: a.lr_min as number,
      eps: 1e-8,
      warmup_t: a.warmup_t as number,
      warmup_lr_init: a.warmup_lr_init as number,
      noise: noiseOf('timm.PlateauLRScheduler', a),
    };
    return { kind: 'plateau', options };
  },
};
