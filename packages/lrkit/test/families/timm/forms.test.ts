/**
 * The spec forms users paste for timm schedulers (positional arguments after the optimizer,
 * module paths, bare class names, JSON, camelCase keys) and the typed factories: each gives the
 * same curve as the canonical spec text.
 */
import { describe, expect, it } from 'vitest';
import {
  Scheduler,
  curve,
  lookupEntry,
  resolveSpec,
  specJson,
  specText,
} from '../../../src/index.js';
import * as timm from '../../../src/families/timm/factories.js';

const canonical =
  'timm.CosineLRScheduler(t_initial=100, lr_min=1e-05, warmup_t=5, warmup_lr_init=0.0001)';
const options = { lr: [0.1, 0.01], steps: 120 };
const expected = curve(canonical, options);

describe('timm spec forms', () => {
  const forms = [
    // a line pasted from a training script: the optimizer is dropped, positions follow timm's order
    'timm.CosineLRScheduler(optimizer, 100, 1e-05, warmup_t=5, warmup_lr_init=0.0001)',
    'timm.CosineLRScheduler(optimizer, 100, 1e-5, 1.0, 1.0, 1, 5, 0.0001)',
    'CosineLRScheduler(optimizer, t_initial=100, lr_min=1e-5, warmup_t=5, warmup_lr_init=1e-4)',
    'timm.scheduler.CosineLRScheduler(optimizer, t_initial=100, lr_min=1e-5, warmup_t=5, warmup_lr_init=1e-4)',
    'timm.scheduler.cosine_lr.CosineLRScheduler(optimizer, t_initial=100, lr_min=1e-5, warmup_t=5, warmup_lr_init=1e-4, t_in_epochs=False)',
    canonical,
  ];
  for (const form of forms) {
    it(form, () => {
      expect(curve(form, options)).toEqual(expected);
      expect(specText(form).startsWith('timm.CosineLRScheduler(t_initial=100, lr_min=1e-05')).toBe(
        true,
      );
    });
  }

  it('JSON and TS objects, in timm or camelCase spelling', () => {
    const params = { t_initial: 100, lr_min: 1e-5, warmup_t: 5, warmup_lr_init: 1e-4 };
    expect(curve({ name: 'timm.CosineLRScheduler', params }, options)).toEqual(expected);
    expect(
      curve(
        {
          name: 'CosineLRScheduler',
          params: { tInitial: 100, lrMin: 1e-5, warmupT: 5, warmupLrInit: 1e-4 },
        },
        options,
      ),
    ).toEqual(expected);
    expect(specJson(canonical)).toEqual({ name: 'timm.CosineLRScheduler', params });
  });

  it('every class by its qualified name, bare name and module path', () => {
    const modules: Record<string, string> = {
      CosineLRScheduler: 'cosine_lr',
      TanhLRScheduler: 'tanh_lr',
      PolyLRScheduler: 'poly_lr',
      StepLRScheduler: 'step_lr',
      MultiStepLRScheduler: 'multistep_lr',
      PlateauLRScheduler: 'plateau_lr',
    };
    for (const [name, module] of Object.entries(modules)) {
      const entry = lookupEntry(`timm.${name}`);
      expect(entry.family).toBe('timm');
      expect(entry.name).toBe(name);
      for (const alias of [name, `timm.scheduler.${name}`, `timm.scheduler.${module}.${name}`]) {
        expect(lookupEntry(alias)).toBe(entry);
      }
    }
  });

  it('positional arguments bind in timm’s order for every class', () => {
    const pairs: [positional: string, keywords: string][] = [
      [
        'timm.TanhLRScheduler(optimizer, 50, -6.0, 4.0, 0.001)',
        'timm.TanhLRScheduler(t_initial=50, lb=-6.0, ub=4.0, lr_min=0.001)',
      ],
      [
        'timm.PolyLRScheduler(optimizer, 50, 2.0, 0.001)',
        'timm.PolyLRScheduler(t_initial=50, power=2.0, lr_min=0.001)',
      ],
      [
        'timm.StepLRScheduler(optimizer, 7, 0.5, 3, 0.01, False)',
        'timm.StepLRScheduler(decay_t=7.0, decay_rate=0.5, warmup_t=3, warmup_lr_init=0.01, warmup_prefix=False)',
      ],
      [
        'timm.MultiStepLRScheduler(optimizer, [10, 20], 0.5, 3)',
        'timm.MultiStepLRScheduler(decay_t=[10, 20], decay_rate=0.5, warmup_t=3)',
      ],
    ];
    for (const [positional, keywords] of pairs) {
      expect(specText(positional)).toBe(keywords);
      expect(curve(positional, { lr: 0.1, steps: 60 })).toEqual(
        curve(keywords, { lr: 0.1, steps: 60 }),
      );
    }
    expect(
      specText("timm.PlateauLRScheduler(optimizer, 0.5, 2, False, 0.0, 1, 3, 0.001, 0.01, 'min')"),
    ).toBe(
      "timm.PlateauLRScheduler(decay_rate=0.5, patience_t=2, verbose=False, threshold=0.0, cooldown_t=1, warmup_t=3, warmup_lr_init=0.001, lr_min=0.01, mode='min')",
    );
  });

  it('noise_range_t as a tuple, a list or a single step', () => {
    const a = curve('timm.CosineLRScheduler(t_initial=50, noise_range_t=(10, 30))', options);
    const b = curve('timm.CosineLRScheduler(t_initial=50, noise_range_t=[10, 30])', options);
    expect(a).toEqual(b);
    // raw values print as lists (ints as ints or floats: both read back the same)
    expect(specText('timm.CosineLRScheduler(t_initial=50, noise_range_t=(10, 30))')).toMatch(
      /^timm\.CosineLRScheduler\(t_initial=50, noise_range_t=\[10(\.0)?, 30(\.0)?\]\)$/,
    );
    expect(
      resolveSpec('timm.CosineLRScheduler(t_initial=50, noise_range_t=25)').args.noise_range_t,
    ).toBe(25);
  });
});

describe('timm typed factories', () => {
  const same: [factory: ReturnType<typeof timm.cosineLRScheduler>, text: string][] = [
    [
      timm.cosineLRScheduler({ tInitial: 100, lrMin: 1e-5, warmupT: 5, warmupLrInit: 1e-4 }),
      canonical,
    ],
    [
      timm.cosineLRScheduler({
        tInitial: 10,
        cycleMul: 2,
        cycleDecay: 0.8,
        cycleLimit: 4,
        kDecay: 1.5,
        noiseRangeT: [5, 20],
        noisePct: 0.3,
        noiseSeed: 7,
        warmupPrefix: true,
        warmupT: 3,
      }),
      'timm.CosineLRScheduler(t_initial=10, cycle_mul=2, cycle_decay=0.8, cycle_limit=4, warmup_t=3, warmup_prefix=True, noise_range_t=[5, 20], noise_pct=0.3, noise_seed=7, k_decay=1.5)',
    ],
    [
      timm.tanhLRScheduler({ tInitial: 50, lb: -6, ub: 2, lrMin: 1e-4, cycleLimit: 2 }),
      'timm.TanhLRScheduler(t_initial=50, lb=-6, ub=2, lr_min=0.0001, cycle_limit=2)',
    ],
    [
      timm.polyLRScheduler({ tInitial: 100, power: 2, warmupT: 5, tInEpochs: false }),
      'timm.PolyLRScheduler(t_initial=100, power=2, warmup_t=5, t_in_epochs=False)',
    ],
    [
      timm.stepLRScheduler({ decayT: 30, decayRate: 0.5, warmupT: 5, warmupLrInit: 1e-4 }),
      'timm.StepLRScheduler(decay_t=30, decay_rate=0.5, warmup_t=5, warmup_lr_init=0.0001)',
    ],
    [
      timm.multiStepLRScheduler({ decayT: [10, 25, 40], decayRate: 0.5, warmupT: 3 }),
      'timm.MultiStepLRScheduler(decay_t=[10, 25, 40], decay_rate=0.5, warmup_t=3)',
    ],
  ];
  for (const [bound, text] of same) {
    it(text, () => {
      expect(curve(bound, { lr: [0.1, 0.01], steps: 150 })).toEqual(
        curve(text, { lr: [0.1, 0.01], steps: 150 }),
      );
      expect(curve(specText(bound), { lr: 0.1, steps: 150 })).toEqual(
        curve(text, { lr: 0.1, steps: 150 }),
      );
    });
  }

  it('plateauLRScheduler', () => {
    const bound = timm.plateauLRScheduler({
      decayRate: 0.5,
      patienceT: 1,
      mode: 'min',
      warmupT: 2,
      warmupLrInit: 0.01,
      noiseType: 'uniform',
    });
    const text =
      "timm.PlateauLRScheduler(decay_rate=0.5, patience_t=1, warmup_t=2, warmup_lr_init=0.01, mode='min', noise_type='uniform')";
    expect(specText(bound)).toBe(text);
    const metrics = [3, 2, 2, 2, 2, 1, 1, 1, 1, 1];
    expect(curve(bound, { lr: 0.1, steps: 10, metrics })).toEqual(
      curve(text, { lr: 0.1, steps: 10, metrics }),
    );
    expect(new Scheduler(bound, { lr: 0.1 }).lr).toEqual([0.01]);
  });

  it('validation is the registry’s', () => {
    expect(() => timm.stepLRScheduler({ decayT: 0 })).toThrow(
      'timm.StepLRScheduler: decay_t must be a finite number > 0, got 0',
    );
  });
});
