/**
 * fastai's annealers SchedLin, SchedCos, SchedNo, SchedExp and SchedPoly: functions of progress
 * pos ∈ [0, 1] from `start` to `end`, each the lrkit primitive of the same shape run over one
 * unit of progress.
 */
import { clamp } from '../../compose/clamp.js';
import { ParameterError } from '../../errors.js';
import { describe } from '../../export/describe.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import { anneal } from '../../schedules/anneal.js';
import { constant } from '../../schedules/constant.js';
import { exponential } from '../../schedules/exponential.js';
import { polynomial } from '../../schedules/polynomial.js';
import type { ParamDef, RegistryEntry } from '../../registry/types.js';
import { posEntry, type Args } from './common.js';

/** The annealers as functions of pos (shared with combined_cos and the fit_* policies). */
export const annealers = {
  /** `start + pos·(end − start)`. */
  lin: (start: number, end: number): Schedule =>
    anneal({ from: start, to: end, steps: 1, shape: 'linear' }),
  /**
   * `start + (1 + cos(π(1 − pos)))·(end − start)/2`, i.e. `end + (start − end)(1 + cos πpos)/2`;
   * kept between start and end (the anneal's halved span can round outward by one subnormal ulp
   * when |start − end| is subnormal, which would give a tiny negative value next to 0).
   */
  cos: (start: number, end: number): Schedule =>
    clamp(anneal({ from: start, to: end, steps: 1, shape: 'cos' }), {
      min: Math.min(start, end),
      max: Math.max(start, end),
    }),
  /** `start`. */
  no: (start: number): Schedule => constant(start),
  /** `start·(end/start)^pos`. */
  exp: (start: number, end: number): Schedule => exponential({ initial: start, rate: end / start }),
  /**
   * `start + (end − start)·pos^power`: the polynomial primitive's `(1 − t)^p` decay from `end` to
   * `start`, read backwards (t = 1 − pos).
   */
  poly: (start: number, end: number, power: number): Schedule => {
    const decay = polynomial({ from: end, to: start, steps: 1, power });
    return describe((pos: number) => decay(1 - pos), { kind: 'reverse', schedule: decay, from: 1 });
  },
};

const startParam = (doc: string): ParamDef => ({
  name: 'start',
  type: { kind: 'number', rule: rules.nonNegative },
  doc,
});
const endParam = (doc: string): ParamDef => ({
  name: 'end',
  type: { kind: 'number', rule: rules.nonNegative },
  doc,
});

const num = (a: Args, name: string) => a[name] as number;

export const SchedLin: RegistryEntry = posEntry({
  name: 'SchedLin',
  doc:
    'Linear schedule of progress: value = start + pos·(end − start), pos ∈ [0, 1] ' +
    '(pos = k/total_steps at the top level; the end value holds past pos 1).',
  params: [startParam('value at pos 0'), endParam('value at pos 1')],
  pos: (a) => annealers.lin(num(a, 'start'), num(a, 'end')),
});

export const SchedCos: RegistryEntry = posEntry({
  name: 'SchedCos',
  doc:
    'Cosine schedule of progress: value = start + (1 + cos(π(1 − pos)))·(end − start)/2, half a ' +
    'cosine from start (pos 0) to end (pos 1); pos = k/total_steps at the top level.',
  params: [startParam('value at pos 0'), endParam('value at pos 1')],
  pos: (a) => annealers.cos(num(a, 'start'), num(a, 'end')),
});

export const SchedNo: RegistryEntry = posEntry({
  name: 'SchedNo',
  doc: 'Constant schedule: value = start at every pos; end is required, as in fastai, and ignored.',
  params: [startParam('the value'), endParam('ignored (fastai’s signature takes it)')],
  pos: (a) => annealers.no(num(a, 'start')),
});

export const SchedExp: RegistryEntry = posEntry({
  name: 'SchedExp',
  doc:
    'Exponential schedule of progress: value = start·(end/start)^pos (fastai’s lr_find sweep, ' +
    'geometric from start to end); start must be > 0 (fastai divides by it).',
  params: [
    {
      name: 'start',
      type: { kind: 'number', rule: rules.positive },
      doc: 'value at pos 0 (> 0: fastai divides by it)',
    },
    endParam('value at pos 1'),
  ],
  crossCheck: (a) => {
    const ratio = num(a, 'end') / num(a, 'start');
    if (!Number.isFinite(ratio) || !Number.isFinite(num(a, 'start') * ratio)) {
      throw new ParameterError(
        'fastai.SchedExp',
        'end',
        `must keep end/start finite (start ${num(a, 'start')})`,
        a.end,
      );
    }
  },
  pos: (a) => annealers.exp(num(a, 'start'), num(a, 'end')),
});

export const SchedPoly: RegistryEntry = posEntry({
  name: 'SchedPoly',
  doc:
    'Polynomial schedule of progress: value = start + (end − start)·pos^power — a power of pos ' +
    'itself, NOT the (1 − pos)^power decay of Keras, optax or timm: with power > 1 it stays near ' +
    'start and moves late; power 0 gives end at every pos (0^0 = 1, as in Python).',
  params: [
    startParam('value at pos 0'),
    endParam('value at pos 1'),
    {
      name: 'power',
      type: { kind: 'number', rule: rules.nonNegative },
      doc: 'exponent of pos (1: linear)',
    },
  ],
  pos: (a) => annealers.poly(num(a, 'start'), num(a, 'end'), num(a, 'power')),
});
