/**
 * Python for metric-driven specs (ReduceLROnPlateau and its kin): lrkit's plateau state machine
 * (`src/scheduler/plateau.ts`, PyTorch's ReduceLROnPlateau plus timm's warm-up and noise) as a
 * plain-Python class, `Plateau`, with the same arithmetic in the same order. Code export wraps it
 * in a Keras callback, uses it as is for optax, and in a small PyTorch scheduler class for timm's
 * PlateauLRScheduler with a warm-up or noise, which PyTorch's ReduceLROnPlateau lacks.
 *
 * This is a translation of `PlateauTracker.start/step/reduce`: it must change with it
 * (test/export/plateau.test.ts runs it on the golden metrics against lrkit's curve).
 */
import type { PlateauOptions } from '../registry/types.js';
import type { NoisyPlateauOptions } from '../scheduler/plateau.js';
import { PythonWriter, pyFloat, pyStep } from './python.js';

export interface PlateauPython {
  /** Modules the code needs (`math`). */
  readonly imports: readonly string[];
  /** Helper functions (the noise), then the `Plateau` class. */
  readonly blocks: readonly string[];
}

/** The options' min_lr for each of `groups` param groups. */
export function minLrs(options: PlateauOptions, groups: number): number[] {
  return typeof options.min_lr === 'number'
    ? Array.from({ length: groups }, () => options.min_lr as number)
    : [...options.min_lr];
}

/**
 * The `Plateau` class for `options`: `Plateau(base_lrs, min_lrs)`, `.lrs` the current lrs (the
 * lrs after construction at first), `.step(metric)` the next ones. With `single`, `step` returns
 * the one lr (`.lr` too) instead of the list.
 */
export function plateauPython(options: PlateauOptions, single: boolean): PlateauPython {
  const o = options;
  const warmupT = o.warmup_t ?? 0;
  const init = o.warmup_lr_init ?? 0;
  const noise = (o as NoisyPlateauOptions).noise;
  const py = new PythonWriter();
  const noiseFn = noise ? py.function(noise) : undefined;
  const better =
    o.mode === 'min'
      ? o.threshold_mode === 'rel'
        ? `a < best * (1 - ${pyFloat(o.threshold)})`
        : `a < best - ${pyFloat(o.threshold)}`
      : o.threshold_mode === 'rel'
        ? `a > best * (${pyFloat(o.threshold)} + 1)`
        : `a > best + ${pyFloat(o.threshold)}`;
  const ret = single ? 'return self.lrs[0]' : 'return list(self.lrs)';
  const lines = [
    'class Plateau:',
    `    """lrkit's ReduceLROnPlateau state machine (PyTorch's${warmupT > 0 || noise ? ", with timm's warm-up and noise" : ''}), in plain Python.`,
    '',
    '    Plateau(base_lrs, min_lrs): .lrs holds the lrs after construction; step(metric) takes the',
    `    metric of one epoch (${o.mode === 'min' ? 'lower' : 'higher'} is better; NaN never improves) and returns the new ${single ? 'lr' : 'lrs'}.`,
    '    """',
    '',
    '    def __init__(self, base_lrs, min_lrs):',
    '        self.base_lrs = [float(v) for v in base_lrs]',
    '        self.min_lrs = [float(v) for v in min_lrs]',
    `        self.best = ${o.mode === 'min' ? 'math.inf' : '-math.inf'}`,
    '        self.num_bad_epochs = 0',
    '        self.cooldown_counter = 0',
    '        self.steps = 0',
    ...(noise ? ['        self.clean = None  # the lrs under the last noisy output'] : []),
    warmupT > 0
      ? `        self.lrs = [${pyFloat(init)} for _ in self.base_lrs]`
      : '        self.lrs = list(self.base_lrs)',
    '',
    ...(single ? ['    @property', '    def lr(self):', '        return self.lrs[0]', ''] : []),
    '    @staticmethod',
    '    def is_better(a, best):',
    `        return ${better}`,
    '',
    '    def step(self, metric):',
    '        metric = float(metric)',
    '        self.steps += 1',
    ...(warmupT > 0
      ? [
          `        if self.steps <= ${pyStep(warmupT)}:`,
          "            # timm's warm-up: a linear ramp from warmup_lr_init, the metric ignored",
          ...(noise ? ['            self.clean = None'] : []),
          '            self.lrs = [',
          `                b if self.steps >= ${pyStep(warmupT)} else ${pyFloat(init)} + (b - ${pyFloat(init)}) * (self.steps / ${pyStep(warmupT)})`,
          '                for b in self.base_lrs',
          '            ]',
          `            ${ret}`,
        ]
      : []),
    noise
      ? '        lrs = self.clean if self.clean is not None else self.lrs'
      : '        lrs = self.lrs',
    '        if self.is_better(metric, self.best):',
    '            self.best = metric',
    '            self.num_bad_epochs = 0',
    '        else:',
    '            self.num_bad_epochs += 1',
    '        if self.cooldown_counter > 0:',
    '            self.cooldown_counter -= 1',
    '            self.num_bad_epochs = 0  # bad epochs in cooldown do not count',
    `        if self.num_bad_epochs > ${pyStep(o.patience)}:`,
    `            self.cooldown_counter = ${pyStep(o.cooldown)}`,
    '            self.num_bad_epochs = 0',
    '            new = []',
    '            for old, min_lr in zip(lrs, self.min_lrs):',
    `                reduced = max(old * ${pyFloat(o.factor)}, min_lr)`,
    `                new.append(reduced if old - reduced > ${pyFloat(o.eps)} else old)`,
    '            lrs = new',
    ...(noise
      ? [
          `        factor = ${noiseFn}(self.steps)`,
          '        if factor == 1:',
          '            self.clean = None',
          '            self.lrs = list(lrs)',
          '        else:',
          "            # timm's noise: on the lr after this step, taken off before the next one",
          '            self.clean = list(lrs)',
          '            self.lrs = [min(v * factor, 1.7976931348623157e308) for v in lrs]',
        ]
      : ['        self.lrs = list(lrs)']),
    `        ${ret}`,
  ];
  return {
    imports: [...new Set(['math', ...py.imports])],
    blocks: [...py.blocks(), lines.join('\n')],
  };
}
