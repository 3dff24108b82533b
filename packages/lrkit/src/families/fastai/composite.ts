/** fastai's composite schedules of progress: combine_scheds and combined_cos. */
import { LrkitError, ParameterError, formatValue } from '../../errors.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import type { BoundSpec, RegistryEntry } from '../../registry/types.js';
import { combineScheds, lastSegmentEmpty } from './combine.js';
import { isPosEntry, posEntry, posScheduleOf, type Args } from './common.js';
import { annealers } from './sched.js';

/** The rule a pct breaks when fastai's float32 cumulative sum leaves the last segment empty. */
export const LAST_SEGMENT_RULE =
  'must leave the last segment a length > 0 in float32 (fastai divides by it: NaN at the end)';

/** lrkit accepts pcts whose sum is this close to 1 (fastai asserts exact equality). */
const SUM_TOLERANCE = 1e-9;

/**
 * `combined_cos(pct, start, middle, end)`: cosine from start to middle over the first pct of
 * progress, then from middle to end (`combine_scheds([pct, 1 − pct], [SchedCos, SchedCos])`).
 */
export function combinedCos(pct: number, start: number, middle: number, end: number): Schedule {
  return combineScheds([pct, 1 - pct], [annealers.cos(start, middle), annealers.cos(middle, end)]);
}

/** Rejects a pct of a two-phase schedule whose second phase is empty in float32. */
export function checkPct(fn: string, param: string, pct: number): void {
  if (lastSegmentEmpty([pct, 1 - pct])) throw new ParameterError(fn, param, LAST_SEGMENT_RULE, pct);
}

export const combine_scheds: RegistryEntry = posEntry({
  name: 'combine_scheds',
  doc:
    'Runs scheds one after another over progress: schedule i covers the fraction pcts[i] of pos ' +
    'and sees its own pos from 0 to 1 there. As in fastai, the cumulative pcts are float32 (each ' +
    'pct rounded, summed, rounded), pos is compared and rescaled in float32 (so positions carry ' +
    '~6e-8 rounding and a boundary can fall one step late, e.g. fit_sgdr), and an empty segment ' +
    'is skipped. pcts must sum to 1 (lrkit allows 1e-9 of rounding; fastai asserts ==). Past ' +
    'pos 1 the final value holds (fastai would extrapolate the last schedule).',
  params: [
    {
      name: 'pcts',
      type: { kind: 'numberList', rule: rules.nonNegative, minLength: 1 },
      doc: 'fraction of progress of each schedule (sum 1)',
    },
    {
      name: 'scheds',
      type: { kind: 'schedulers', family: 'fastai' },
      doc: 'fastai schedules of progress (SchedLin(...), SchedCos(...), ...), without total_steps',
    },
  ],
  crossCheck: (a) => {
    const fn = 'fastai.combine_scheds';
    const pcts = a.pcts as number[];
    const scheds = a.scheds as BoundSpec[];
    scheds.forEach((b, i) => {
      if (!isPosEntry(b.entry)) {
        throw new LrkitError(
          `${fn}: scheds[${i}] is ${b.entry.qualifiedName}, which is not a schedule of progress; ` +
            'combine SchedLin, SchedCos, SchedNo, SchedExp, SchedPoly, combined_cos or combine_scheds',
        );
      }
      if (b.args.total_steps !== null) {
        throw new ParameterError(
          fn,
          `scheds[${i}].total_steps`,
          'must be None (the combined schedule gives the positions)',
          b.args.total_steps,
        );
      }
    });
    if (pcts.length !== scheds.length) {
      throw new LrkitError(
        `${fn}: pcts and scheds must have the same length (one pct per schedule), got ${pcts.length} pcts and ${scheds.length} scheds`,
      );
    }
    const sum = pcts.reduce((s, p) => s + p, 0);
    if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
      throw new ParameterError(
        fn,
        'pcts',
        `must sum to 1 (fastai asserts sum(pcts) == 1; the sum is ${formatValue(sum)})`,
        pcts,
      );
    }
    if (lastSegmentEmpty(pcts)) {
      throw new ParameterError(fn, `pcts[${pcts.length - 1}]`, LAST_SEGMENT_RULE, pcts.at(-1));
    }
  },
  pos: (a: Args) =>
    combineScheds(
      a.pcts as number[],
      (a.scheds as BoundSpec[]).map((b) => posScheduleOf(b)!),
    ),
});

export const combined_cos: RegistryEntry = posEntry({
  name: 'combined_cos',
  doc:
    'Cosine from start to middle over the first pct of progress, then cosine from middle to end: ' +
    'combine_scheds([pct, 1 − pct], [SchedCos(start, middle), SchedCos(middle, end)]), with its ' +
    'float32 boundary (fit_one_cycle’s and fit_flat_cos’s shape).',
  params: [
    {
      name: 'pct',
      type: { kind: 'number', rule: rules.unitInterval },
      doc: 'fraction of progress of the first cosine',
    },
    {
      name: 'start',
      type: { kind: 'number', rule: rules.nonNegative },
      doc: 'value at pos 0',
    },
    {
      name: 'middle',
      type: { kind: 'number', rule: rules.nonNegative },
      doc: 'value at pos = pct',
    },
    { name: 'end', type: { kind: 'number', rule: rules.nonNegative }, doc: 'value at pos 1' },
  ],
  crossCheck: (a) => checkPct('fastai.combined_cos', 'pct', a.pct as number),
  pos: (a: Args) =>
    combinedCos(a.pct as number, a.start as number, a.middle as number, a.end as number),
});
