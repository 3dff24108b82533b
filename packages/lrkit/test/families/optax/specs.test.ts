/**
 * The spec forms optax users paste (positional arguments in optax's order, module paths, nested
 * schedules with or without the prefix, Python dicts with int keys, JSON with string keys) and the
 * typed factories: each gives the same curve as the canonical keyword spec.
 */
import { describe, expect, it } from 'vitest';
import {
  Scheduler,
  curve,
  lookupEntry,
  registry,
  resolveSpec,
  specJson,
  specText,
} from '../../../src/index.js';
import * as optax from '../../../src/families/optax/factories.js';
import { familyGolden } from '../../helpers/golden.js';

const opts = { lr: 0.1, steps: 60 };

describe('optax registry entries', () => {
  it('lists every optax schedule by its optax name, with docs', () => {
    const names = registry.filter((e) => e.family === 'optax').map((e) => e.qualifiedName);
    expect(names).toEqual([
      'optax.constant_schedule',
      'optax.linear_schedule',
      'optax.polynomial_schedule',
      'optax.piecewise_constant_schedule',
      'optax.piecewise_interpolate_schedule',
      'optax.exponential_decay',
      'optax.cosine_decay_schedule',
      'optax.warmup_constant_schedule',
      'optax.warmup_cosine_decay_schedule',
      'optax.warmup_exponential_decay_schedule',
      'optax.linear_onecycle_schedule',
      'optax.cosine_onecycle_schedule',
      'optax.sgdr_schedule',
      'optax.join_schedules',
    ]);
    for (const e of registry.filter((x) => x.family === 'optax')) {
      expect(e.name).toBe(e.qualifiedName.slice('optax.'.length));
      expect(e.doc.length, e.name).toBeGreaterThan(20);
      for (const p of e.params) expect(p.doc.length, `${e.name}.${p.name}`).toBeGreaterThan(3);
    }
  });

  it("takes optax's parameter names, order and defaults", () => {
    const sig = (name: string) =>
      lookupEntry(name).params.map((p) =>
        'default' in p ? `${p.name}=${String(p.default)}` : p.name,
      );
    expect(sig('optax.constant_schedule')).toEqual(['value']);
    expect(sig('optax.polynomial_schedule')).toEqual([
      'init_value',
      'end_value',
      'power',
      'transition_steps',
      'transition_begin=0',
    ]);
    expect(sig('optax.linear_schedule')).toEqual([
      'init_value',
      'end_value',
      'transition_steps',
      'transition_begin=0',
    ]);
    expect(sig('optax.piecewise_constant_schedule')).toEqual([
      'init_value',
      'boundaries_and_scales=null',
    ]);
    expect(sig('optax.piecewise_interpolate_schedule')).toEqual([
      'interpolate_type',
      'init_value',
      'boundaries_and_scales=null',
    ]);
    expect(sig('optax.exponential_decay')).toEqual([
      'init_value',
      'transition_steps',
      'decay_rate',
      'transition_begin=0',
      'staircase=false',
      'end_value=null',
    ]);
    expect(sig('optax.cosine_decay_schedule')).toEqual([
      'init_value',
      'decay_steps',
      'alpha=0',
      'exponent=1',
    ]);
    expect(sig('optax.warmup_constant_schedule')).toEqual([
      'init_value',
      'peak_value',
      'warmup_steps',
    ]);
    expect(sig('optax.warmup_cosine_decay_schedule')).toEqual([
      'init_value',
      'peak_value',
      'warmup_steps',
      'decay_steps',
      'end_value=0',
      'exponent=1',
    ]);
    expect(sig('optax.warmup_exponential_decay_schedule')).toEqual([
      'init_value',
      'peak_value',
      'warmup_steps',
      'transition_steps',
      'decay_rate',
      'transition_begin=0',
      'staircase=false',
      'end_value=null',
    ]);
    expect(sig('optax.linear_onecycle_schedule')).toEqual([
      'transition_steps',
      'peak_value',
      'pct_start=0.3',
      'pct_final=0.85',
      'div_factor=25',
      'final_div_factor=10000',
    ]);
    expect(sig('optax.cosine_onecycle_schedule')).toEqual([
      'transition_steps',
      'peak_value',
      'pct_start=0.3',
      'div_factor=25',
      'final_div_factor=10000',
    ]);
    expect(sig('optax.sgdr_schedule')).toEqual(['cosine_kwargs']);
    expect(sig('optax.join_schedules')).toEqual(['schedules', 'boundaries']);
  });

  it('resolves optax.schedules.X and the private module paths to optax.X', () => {
    for (const name of [
      'optax.schedules.cosine_decay_schedule',
      'optax.schedules._schedule.cosine_decay_schedule',
      'optax._src.schedule.cosine_decay_schedule',
    ]) {
      expect(lookupEntry(name).qualifiedName).toBe('optax.cosine_decay_schedule');
    }
    expect(lookupEntry('optax.schedules._join.join_schedules').qualifiedName).toBe(
      'optax.join_schedules',
    );
  });
});

describe('optax spec forms give the canonical curve', () => {
  const pairs: [pasted: string, canonical: string][] = [
    ['optax.constant_schedule(0.1)', 'optax.constant_schedule(value=0.1)'],
    [
      'schedule = optax.schedules.exponential_decay(0.1, 10, 0.5, 5, True, 0.01)',
      'optax.exponential_decay(init_value=0.1, transition_steps=10, decay_rate=0.5, transition_begin=5, staircase=True, end_value=0.01)',
    ],
    [
      'optax.linear_schedule(0.1, 0.001, 50, 10)',
      'optax.linear_schedule(init_value=0.1, end_value=0.001, transition_steps=50, transition_begin=10)',
    ],
    [
      'optax.polynomial_schedule(0.1, 0.001, 2, 50)',
      'optax.polynomial_schedule(init_value=0.1, end_value=0.001, power=2.0, transition_steps=50)',
    ],
    // dicts print back as given (in their order, with their keys): the same schedule
    [
      'optax.piecewise_constant_schedule(0.1, {25: 0.1, 10: 0.5})',
      'optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={25: 0.1, 10: 0.5})',
    ],
    [
      "optax.piecewise_constant_schedule(0.1, {'10': 0.5, '25': 0.1})",
      "optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={'10': 0.5, '25': 0.1})",
    ],
    [
      "optax.piecewise_interpolate_schedule('cosine', 0.1, {10: 2.0, 30: 0.05})",
      "optax.piecewise_interpolate_schedule(interpolate_type='cosine', init_value=0.1, boundaries_and_scales={10: 2.0, 30: 0.05})",
    ],
    [
      'optax._src.schedule.cosine_decay_schedule(0.1, 50, 0.1, 2.0)',
      'optax.cosine_decay_schedule(init_value=0.1, decay_steps=50, alpha=0.1, exponent=2.0)',
    ],
    [
      'optax.warmup_cosine_decay_schedule(0.0, 0.1, 10, 60, 0.001)',
      'optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=10, decay_steps=60, end_value=0.001)',
    ],
    [
      'optax.warmup_exponential_decay_schedule(0.0, 0.1, 10, 5, 0.5)',
      'optax.warmup_exponential_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=10, transition_steps=5, decay_rate=0.5)',
    ],
    [
      'optax.warmup_constant_schedule(0.0, 0.1, 10)',
      'optax.warmup_constant_schedule(init_value=0.0, peak_value=0.1, warmup_steps=10)',
    ],
    [
      'optax.linear_onecycle_schedule(50, 0.1, 0.2, 0.9)',
      'optax.linear_onecycle_schedule(transition_steps=50, peak_value=0.1, pct_start=0.2, pct_final=0.9)',
    ],
    [
      'optax.cosine_onecycle_schedule(50, 0.1, 0.2)',
      'optax.cosine_onecycle_schedule(transition_steps=50, peak_value=0.1, pct_start=0.2)',
    ],
    [
      "optax.sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 5, 'decay_steps': 20}, {'decay_steps': 40, 'warmup_steps': 5, 'peak_value': 0.05, 'init_value': 0.0}])",
      "optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 5.0, 'decay_steps': 20.0}, {'decay_steps': 40.0, 'warmup_steps': 5.0, 'peak_value': 0.05, 'init_value': 0.0}])",
    ],
    // nested schedules: unprefixed, optax.-prefixed, optax.schedules.-prefixed, or as strings
    [
      "optax.join_schedules([constant_schedule(0.1), optax.schedules.linear_schedule(0.1, 0.0, 20), 'cosine_decay_schedule(0.05, 30)'], [10, 30])",
      'optax.join_schedules(schedules=[optax.constant_schedule(value=0.1), optax.linear_schedule(init_value=0.1, end_value=0.0, transition_steps=20), optax.cosine_decay_schedule(init_value=0.05, decay_steps=30)], boundaries=[10, 30])',
    ],
    // camelCase keywords, as TypeScript users write them
    [
      'optax.linear_schedule(initValue=0.1, endValue=0.0, transitionSteps=20)',
      'optax.linear_schedule(init_value=0.1, end_value=0.0, transition_steps=20)',
    ],
  ];
  for (const [pasted, canonical] of pairs) {
    it(pasted, () => {
      expect(specText(pasted)).toBe(specText(canonical));
      expect(specText(specText(pasted))).toBe(specText(pasted));
      expect(curve(pasted, opts)).toEqual(curve(canonical, opts));
    });
  }

  it('JSON with string dict keys and nested {name, params}', () => {
    const json = {
      name: 'optax.join_schedules',
      params: {
        schedules: [
          {
            name: 'optax.piecewise_constant_schedule',
            params: { init_value: 0.1, boundaries_and_scales: { '5': 0.5 } },
          },
          'optax.constant_schedule(0.01)',
        ],
        boundaries: [20],
      },
    };
    const text =
      'optax.join_schedules([optax.piecewise_constant_schedule(0.1, {5: 0.5}), optax.constant_schedule(0.01)], [20])';
    expect(curve(json, opts)).toEqual(curve(text, opts));
    expect(curve(JSON.stringify(json), opts)).toEqual(curve(text, opts));
    expect(JSON.parse(JSON.stringify(specJson(text)))).toEqual({
      name: 'optax.join_schedules',
      params: {
        schedules: [
          {
            name: 'optax.piecewise_constant_schedule',
            params: { init_value: 0.1, boundaries_and_scales: { '5': 0.5 } },
          },
          { name: 'optax.constant_schedule', params: { value: 0.01 } },
        ],
        boundaries: [20],
      },
    });
  });

  it('the golden cases’ params bind as keyword arguments in JSON form', () => {
    for (const c of familyGolden().cases.filter((x) => x.family === 'optax')) {
      const json = { name: `optax.${c.function}`, params: c.params };
      expect(curve(json, { lr: 0.1, steps: c.steps }), c.name).toEqual(
        curve(c.spec, { lr: 0.1, steps: c.steps }),
      );
    }
  });

  it('a scheduler resumed from its saved state continues with the same values', () => {
    const spec =
      "optax.sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 3, 'decay_steps': 10}, {'init_value': 0.0, 'peak_value': 0.05, 'warmup_steps': 2, 'decay_steps': 12}])";
    const a = new Scheduler(spec, { lr: 0.1 });
    for (let k = 0; k < 7; k++) a.step();
    const b = Scheduler.fromState(JSON.parse(JSON.stringify(a.state())));
    for (let k = 0; k < 20; k++) expect(b.step()).toEqual(a.step());
  });
});

describe('optax typed factories', () => {
  const pairs: [ReturnType<typeof optax.constantSchedule>, string][] = [
    [optax.constantSchedule({ value: 0.1 }), 'optax.constant_schedule(value=0.1)'],
    [
      optax.linearSchedule({
        initValue: 0.1,
        endValue: 0.001,
        transitionSteps: 50,
        transitionBegin: 10,
      }),
      'optax.linear_schedule(init_value=0.1, end_value=0.001, transition_steps=50, transition_begin=10)',
    ],
    [
      optax.polynomialSchedule({ initValue: 0.1, endValue: 0.001, power: 2, transitionSteps: 50 }),
      'optax.polynomial_schedule(init_value=0.1, end_value=0.001, power=2, transition_steps=50)',
    ],
    [
      optax.piecewiseConstantSchedule({
        initValue: 0.1,
        boundariesAndScales: { 10: 0.5, 25: 0.1 },
      }),
      'optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={10: 0.5, 25: 0.1})',
    ],
    [
      optax.piecewiseConstantSchedule({
        initValue: 0.1,
        boundariesAndScales: new Map([
          [10, 0.5],
          [25, 0.1],
        ]),
      }),
      'optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={10: 0.5, 25: 0.1})',
    ],
    [
      optax.piecewiseInterpolateSchedule({
        interpolateType: 'linear',
        initValue: 0.1,
        boundariesAndScales: { 10: 2, 30: 0.05 },
      }),
      "optax.piecewise_interpolate_schedule(interpolate_type='linear', init_value=0.1, boundaries_and_scales={10: 2.0, 30: 0.05})",
    ],
    [
      optax.exponentialDecay({
        initValue: 0.1,
        transitionSteps: 10,
        decayRate: 0.5,
        staircase: true,
      }),
      'optax.exponential_decay(init_value=0.1, transition_steps=10, decay_rate=0.5, staircase=True)',
    ],
    [
      optax.cosineDecaySchedule({ initValue: 0.1, decaySteps: 50, alpha: 0.1 }),
      'optax.cosine_decay_schedule(init_value=0.1, decay_steps=50, alpha=0.1)',
    ],
    [
      optax.warmupConstantSchedule({ initValue: 0, peakValue: 0.1, warmupSteps: 10 }),
      'optax.warmup_constant_schedule(init_value=0.0, peak_value=0.1, warmup_steps=10)',
    ],
    [
      optax.warmupCosineDecaySchedule({
        initValue: 0,
        peakValue: 0.1,
        warmupSteps: 10,
        decaySteps: 60,
      }),
      'optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=10, decay_steps=60)',
    ],
    [
      optax.warmupExponentialDecaySchedule({
        initValue: 0,
        peakValue: 0.1,
        warmupSteps: 10,
        transitionSteps: 5,
        decayRate: 0.5,
        endValue: 0.01,
      }),
      'optax.warmup_exponential_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=10, transition_steps=5, decay_rate=0.5, end_value=0.01)',
    ],
    [
      optax.linearOnecycleSchedule({ transitionSteps: 50, peakValue: 0.1 }),
      'optax.linear_onecycle_schedule(transition_steps=50, peak_value=0.1)',
    ],
    [
      optax.cosineOnecycleSchedule({ transitionSteps: 50, peakValue: 0.1, divFactor: 10 }),
      'optax.cosine_onecycle_schedule(transition_steps=50, peak_value=0.1, div_factor=10.0)',
    ],
    [
      optax.sgdrSchedule({
        cosineKwargs: [
          { initValue: 0, peakValue: 0.1, warmupSteps: 5, decaySteps: 20 },
          { initValue: 0, peakValue: 0.05, warmupSteps: 5, decaySteps: 30, endValue: 0.001 },
        ],
      }),
      "optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 5, 'decay_steps': 20}, {'init_value': 0.0, 'peak_value': 0.05, 'warmup_steps': 5, 'decay_steps': 30, 'end_value': 0.001}])",
    ],
    [
      optax.joinSchedules({
        schedules: [optax.constantSchedule({ value: 0.1 }), 'optax.cosine_decay_schedule(0.1, 30)'],
        boundaries: [10],
      }),
      'optax.join_schedules(schedules=[optax.constant_schedule(value=0.1), optax.cosine_decay_schedule(init_value=0.1, decay_steps=30)], boundaries=[10])',
    ],
  ];
  for (const [bound, text] of pairs) {
    it(text, () => {
      expect(curve(bound, opts)).toEqual(curve(text, opts));
      expect(curve(specText(bound), opts)).toEqual(curve(text, opts));
    });
  }

  it('validation is the registry’s', () => {
    expect(() => optax.cosineDecaySchedule({ initValue: 0.1, decaySteps: 0 })).toThrow(
      'optax.cosine_decay_schedule: decay_steps must be a positive integer, got 0',
    );
    expect(() =>
      optax.sgdrSchedule({
        cosineKwargs: [{ initValue: 0, peakValue: 0.1, warmupSteps: 5, decaySteps: 5 }],
      }),
    ).toThrow(
      'optax.sgdr_schedule: cosine_kwargs[0].decay_steps must be > warmup_steps (5) since it includes the warm-up, got 5',
    );
    expect(resolveSpec(optax.constantSchedule({ value: 0.1 })).entry.qualifiedName).toBe(
      'optax.constant_schedule',
    );
  });
});
