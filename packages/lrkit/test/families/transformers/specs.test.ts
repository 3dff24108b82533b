/**
 * The spec forms transformers users paste (positional arguments after the optimizer, module-path
 * prefixes, bare imported names, `get_scheduler` with its name and kwargs dict) and the typed
 * factories: every form gives the same curve as the canonical spec text.
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
import * as transformers from '../../../src/families/transformers/factories.js';

const opts = { lr: [0.1, 0.01], steps: 40 };

describe('transformers spec forms', () => {
  it('registers every get_*_schedule* function and get_scheduler, in the family', () => {
    const names = registry.filter((e) => e.family === 'transformers').map((e) => e.qualifiedName);
    expect(names).toEqual([
      'transformers.get_linear_schedule_with_warmup',
      'transformers.get_cosine_schedule_with_warmup',
      'transformers.get_cosine_with_hard_restarts_schedule_with_warmup',
      'transformers.get_polynomial_decay_schedule_with_warmup',
      'transformers.get_constant_schedule',
      'transformers.get_constant_schedule_with_warmup',
      'transformers.get_inverse_sqrt_schedule',
      'transformers.get_reduce_on_plateau_schedule',
      'transformers.get_cosine_with_min_lr_schedule_with_warmup',
      'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate',
      'transformers.get_wsd_schedule',
      'transformers.get_scheduler',
    ]);
    for (const e of registry.filter((x) => x.family === 'transformers')) {
      expect(e.qualifiedName).toBe(`transformers.${e.name}`);
    }
  });

  it('reads the module path, the bare imported name and positional arguments alike', () => {
    const canonical =
      'transformers.get_linear_schedule_with_warmup(num_warmup_steps=10, num_training_steps=100)';
    const forms = [
      'transformers.get_linear_schedule_with_warmup(optimizer, 10, 100)',
      'transformers.optimization.get_linear_schedule_with_warmup(optimizer, num_warmup_steps=10, num_training_steps=100)',
      'get_linear_schedule_with_warmup(optimizer, 10, num_training_steps=100)',
      'get_linear_schedule_with_warmup(optim, 10, 100)',
      {
        name: 'transformers.get_linear_schedule_with_warmup',
        params: { numWarmupSteps: 10, numTrainingSteps: 100 },
      },
    ];
    const expected = curve(canonical, opts);
    for (const form of forms) {
      expect(specText(form), JSON.stringify(form)).toBe(canonical);
      expect(curve(form, opts)).toEqual(expected);
    }
    for (const n of [
      'get_wsd_schedule',
      'transformers.optimization.get_wsd_schedule',
      'transformers.get_wsd_schedule',
    ]) {
      expect(lookupEntry(n).qualifiedName).toBe('transformers.get_wsd_schedule');
    }
  });

  it('binds positional arguments in the library order, get_scheduler after its optimizer', () => {
    expect(
      specText(
        'transformers.get_polynomial_decay_schedule_with_warmup(optimizer, 5, 50, 1e-4, 2.0)',
      ),
    ).toBe(
      'transformers.get_polynomial_decay_schedule_with_warmup(num_warmup_steps=5, num_training_steps=50, lr_end=0.0001, power=2.0)',
    );
    expect(specText('transformers.get_wsd_schedule(optimizer, 10, 20, 100)')).toBe(
      'transformers.get_wsd_schedule(num_warmup_steps=10, num_decay_steps=20, num_training_steps=100)',
    );
    expect(specText("transformers.get_scheduler('cosine', optimizer, 10, 100)")).toBe(
      "transformers.get_scheduler(name='cosine', num_warmup_steps=10, num_training_steps=100)",
    );
    // last_epoch, pasted positionally, binds (only -1) and is printed back since it was given
    expect(specText('get_linear_schedule_with_warmup(optim, 10, 100, -1)')).toBe(
      'transformers.get_linear_schedule_with_warmup(num_warmup_steps=10, num_training_steps=100, last_epoch=-1)',
    );
    expect(resolveSpec('transformers.get_inverse_sqrt_schedule(optimizer, 10)').args).toEqual({
      num_warmup_steps: 10,
      timescale: null,
      last_epoch: -1,
    });
  });

  /** get_scheduler(name, ...) is the function it dispatches to, called as transformers calls it. */
  const dispatch: [via: string, direct: string][] = [
    [
      "get_scheduler('linear', optimizer, 10, 30)",
      'transformers.get_linear_schedule_with_warmup(10, 30)',
    ],
    [
      "transformers.get_scheduler('cosine', optimizer, num_warmup_steps=5, num_training_steps=30, scheduler_specific_kwargs={'num_cycles': 1.5})",
      'transformers.get_cosine_schedule_with_warmup(5, 30, num_cycles=1.5)',
    ],
    [
      "transformers.get_scheduler('cosine_with_restarts', optimizer, 5, 30, {'num_cycles': 3})",
      'transformers.get_cosine_with_hard_restarts_schedule_with_warmup(5, 30, num_cycles=3)',
    ],
    [
      "transformers.get_scheduler('polynomial', optimizer, 5, 30, {'lr_end': 1e-4, 'power': 2})",
      'transformers.get_polynomial_decay_schedule_with_warmup(5, 30, lr_end=1e-4, power=2)',
    ],
    // constant ignores the step counts and the kwargs
    [
      "transformers.get_scheduler('constant', optimizer, 10, 30, {'whatever': 1})",
      'transformers.get_constant_schedule()',
    ],
    // constant_with_warmup and inverse_sqrt get num_warmup_steps only: timescale is dropped
    [
      "transformers.get_scheduler('constant_with_warmup', optimizer, 10, scheduler_specific_kwargs={'x': 1})",
      'transformers.get_constant_schedule_with_warmup(10)',
    ],
    [
      "transformers.get_scheduler('inverse_sqrt', optimizer, 10, 30, {'timescale': 3})",
      'transformers.get_inverse_sqrt_schedule(10)',
    ],
    [
      "transformers.get_scheduler('cosine_with_min_lr', optimizer, 5, 30, {'min_lr': 1e-3})",
      'transformers.get_cosine_with_min_lr_schedule_with_warmup(5, 30, min_lr=1e-3)',
    ],
    [
      "transformers.get_scheduler('cosine_warmup_with_min_lr', optimizer, 5, 30, {'min_lr_rate': 0.1, 'warmup_lr_rate': 0.1})",
      'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(5, 30, min_lr_rate=0.1, warmup_lr_rate=0.1)',
    ],
    // warmup_stable_decay may go without num_training_steps when the kwargs give num_stable_steps
    [
      "transformers.get_scheduler('warmup_stable_decay', optimizer, 5, scheduler_specific_kwargs={'num_decay_steps': 10, 'num_stable_steps': 12, 'decay_type': '1-sqrt'})",
      "transformers.get_wsd_schedule(5, 10, num_stable_steps=12, decay_type='1-sqrt')",
    ],
    [
      "transformers.get_scheduler('warmup_stable_decay', optimizer, 5, 30, {'num_decay_steps': 10})",
      'transformers.get_wsd_schedule(5, 10, 30)',
    ],
  ];
  for (const [via, direct] of dispatch) {
    it(`${via} = ${direct}`, () => {
      expect(curve(via, opts)).toEqual(curve(direct, opts));
    });
  }

  it("get_scheduler('reduce_lr_on_plateau') is PyTorch's ReduceLROnPlateau with the kwargs", () => {
    const metrics = [1, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8];
    const o = { lr: [0.1, 0.01], steps: metrics.length, metrics };
    const torch = curve('ReduceLROnPlateau(patience=1, factor=0.5, min_lr=0.02)', o);
    expect(
      curve(
        "transformers.get_scheduler('reduce_lr_on_plateau', optimizer, 10, 100, {'patience': 1, 'factor': 0.5, 'min_lr': 0.02})",
        o,
      ),
    ).toEqual(torch);
    expect(
      curve('transformers.get_reduce_on_plateau_schedule(patience=1, factor=0.5, min_lr=0.02)', o),
    ).toEqual(torch);
    expect(torch.lr[0]).toEqual([
      0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02, 0.02,
    ]);
    // defaults: patience 10, factor 0.1
    const flat = Array.from({ length: 12 }, () => 1);
    expect(
      curve('transformers.get_reduce_on_plateau_schedule()', { lr: 1, steps: 12, metrics: flat })
        .lr[0],
    ).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.1]);
  });

  it('prints the kwargs dict back as a dict (text and JSON)', () => {
    const spec =
      "transformers.get_scheduler('warmup_stable_decay', optimizer, 5, scheduler_specific_kwargs={'num_decay_steps': 10, 'num_stable_steps': 12})";
    const text = specText(spec);
    expect(text).toBe(
      // the dict's values are free-form, so its integers print as floats (they bind back alike)
      "transformers.get_scheduler(name='warmup_stable_decay', num_warmup_steps=5, scheduler_specific_kwargs={'num_decay_steps': 10, 'num_stable_steps': 12})",
    );
    expect(specJson(spec)).toEqual({
      name: 'transformers.get_scheduler',
      params: {
        name: 'warmup_stable_decay',
        num_warmup_steps: 5,
        scheduler_specific_kwargs: { num_decay_steps: 10, num_stable_steps: 12 },
      },
    });
    expect(curve(text, opts)).toEqual(curve(spec, opts));
  });
});

describe('transformers typed factories', () => {
  /** [factory result, the spec text it equals]. */
  const cases: [ReturnType<typeof transformers.getConstantSchedule>, string][] = [
    [transformers.getConstantSchedule({}), 'transformers.get_constant_schedule()'],
    [
      transformers.getConstantScheduleWithWarmup({ numWarmupSteps: 4 }),
      'transformers.get_constant_schedule_with_warmup(num_warmup_steps=4)',
    ],
    [
      transformers.getLinearScheduleWithWarmup({ numWarmupSteps: 4, numTrainingSteps: 30 }),
      'transformers.get_linear_schedule_with_warmup(num_warmup_steps=4, num_training_steps=30)',
    ],
    [
      transformers.getCosineScheduleWithWarmup({
        numWarmupSteps: 4,
        numTrainingSteps: 30,
        numCycles: 1,
      }),
      'transformers.get_cosine_schedule_with_warmup(num_warmup_steps=4, num_training_steps=30, num_cycles=1)',
    ],
    [
      transformers.getCosineWithHardRestartsScheduleWithWarmup({
        numWarmupSteps: 0,
        numTrainingSteps: 30,
        numCycles: 3,
      }),
      'transformers.get_cosine_with_hard_restarts_schedule_with_warmup(0, 30, num_cycles=3)',
    ],
    [
      transformers.getPolynomialDecayScheduleWithWarmup({
        numWarmupSteps: 2,
        numTrainingSteps: 30,
        lrEnd: 1e-4,
        power: 3,
      }),
      'transformers.get_polynomial_decay_schedule_with_warmup(2, 30, lr_end=1e-4, power=3)',
    ],
    [
      transformers.getInverseSqrtSchedule({ numWarmupSteps: 4, timescale: 7 }),
      'transformers.get_inverse_sqrt_schedule(4, timescale=7)',
    ],
    [
      transformers.getCosineWithMinLrScheduleWithWarmup({
        numWarmupSteps: 4,
        numTrainingSteps: 30,
        minLr: 1e-3,
      }),
      'transformers.get_cosine_with_min_lr_schedule_with_warmup(4, 30, min_lr=1e-3)',
    ],
    [
      transformers.getCosineWithMinLrScheduleWithWarmupLrRate({
        numWarmupSteps: 4,
        numTrainingSteps: 30,
        minLrRate: 0.1,
        warmupLrRate: 0.05,
      }),
      'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(4, 30, min_lr_rate=0.1, warmup_lr_rate=0.05)',
    ],
    [
      transformers.getWsdSchedule({
        numWarmupSteps: 4,
        numDecaySteps: 10,
        numTrainingSteps: 30,
        warmupType: 'cosine',
        decayType: '1-sqrt',
        minLrRatio: 0.1,
      }),
      "transformers.get_wsd_schedule(4, 10, 30, warmup_type='cosine', decay_type='1-sqrt', min_lr_ratio=0.1)",
    ],
    [
      transformers.getScheduler({
        name: 'cosine',
        numWarmupSteps: 4,
        numTrainingSteps: 30,
        schedulerSpecificKwargs: { num_cycles: 2 },
      }),
      "transformers.get_scheduler('cosine', optimizer, 4, 30, {'num_cycles': 2})",
    ],
  ];
  for (const [bound, text] of cases) {
    it(`${bound.entry.qualifiedName} = ${text}`, () => {
      expect(curve(bound, opts)).toEqual(curve(text, opts));
      expect(specText(bound)).toBe(specText(text));
    });
  }

  it('getReduceOnPlateauSchedule drives a Scheduler with metrics', () => {
    const s = new Scheduler(transformers.getReduceOnPlateauSchedule({ patience: 0, mode: 'max' }), {
      lr: 0.1,
    });
    s.step(1);
    s.step(0.5);
    expect(s.lr[0]).toBeCloseTo(0.01, 15);
  });

  it('validates through the registry, with the library names in the messages', () => {
    expect(() =>
      transformers.getLinearScheduleWithWarmup({ numWarmupSteps: -1, numTrainingSteps: 3 }),
    ).toThrow(
      'transformers.get_linear_schedule_with_warmup: num_warmup_steps must be a non-negative integer, got -1',
    );
  });
});
