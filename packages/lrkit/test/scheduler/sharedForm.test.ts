/**
 * The Scheduler's shared-schedule path (compose/product.ts `sharedAffine`): when
 * the groups' schedules are one shared schedule under a per-group constant map, a step evaluates
 * the shared schedule once. Its values must be the groups' own closures bit for bit (Object.is:
 * -0 and every last bit count), for every registered spec, any number of groups, any step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Scheduler,
  between,
  buildPlan,
  cosine,
  memoLast,
  registry,
  resolveSpec,
  scale,
  type ClosedFormPlan,
  type RegistryEntry,
  type Schedule,
} from '../../src/index.js';
import { sharedAffine } from '../../src/compose/product.js';
import {
  familyCaseInput,
  familyGolden,
  torchCaseInput,
  torchExtraGolden,
  torchGolden,
} from '../helpers/golden.js';

/** Element by element with Object.is, naming the first difference. */
function expectIdentical(actual: readonly number[], expected: readonly number[], context: string) {
  expect(actual.length, `${context}: length`).toBe(expected.length);
  actual.forEach((v, i) => {
    if (!Object.is(v, expected[i])) {
      expect.fail(`${context}: group ${i}: got ${v}, the group's closure gives ${expected[i]}`);
    }
  });
}

interface Case {
  name: string;
  spec: string;
  lr: number | readonly number[];
  momentum?: number;
  optimizer?: 'sgd' | 'adam';
  steps: number;
}

/** Every closed-form golden case of every family: together they cover the registry. */
function goldenCases(): Case[] {
  const torch = [...torchGolden().cases, ...torchExtraGolden().cases].map((c) => {
    const { spec, options } = torchCaseInput(c);
    return { name: `torch ${c.name}`, spec, ...options };
  });
  const families = familyGolden().cases.map((c) => {
    const { spec, options } = familyCaseInput(c);
    return { name: `${c.family} ${c.name}`, spec, lr: options.lr, steps: options.steps };
  });
  // entries without a golden case of their own
  const extra = [
    'keras.TimeBasedDecay(initial_learning_rate=0.1, decay=0.05)',
    'optax.warmup_exponential_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=5, transition_steps=3, decay_rate=0.8)',
    "optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 2, 'decay_steps': 10}, {'init_value': 0.0, 'peak_value': 0.05, 'warmup_steps': 2, 'decay_steps': 20}])",
    "transformers.get_scheduler('cosine', num_warmup_steps=3, num_training_steps=30)",
    'fastai.combined_cos(pct=0.25, start=0.01, middle=0.1, end=0.0001, total_steps=40)',
  ].map((spec) => ({ name: 'extra', spec, lr: [0.1, 0.2], steps: 40 }));
  return [...torch, ...families, ...extra].filter((c) => buildPlan(c.spec).kind === 'closed-form');
}

/** The metric-driven entries (ReduceLROnPlateau, timm's PlateauLRScheduler): no closed form. */
const isPlateau = (e: RegistryEntry) => /plateau/i.test(e.name);

/** Steps a Scheduler and compares every step with the bound plan's per-group closures. */
function checkAgainstClosures(c: Case, positions: readonly number[]) {
  const s = new Scheduler(c.spec, {
    lr: c.lr,
    ...(c.momentum !== undefined ? { momentum: c.momentum } : {}),
    ...(c.optimizer ? { optimizer: c.optimizer } : {}),
  });
  const plan = buildPlan(c.spec) as ClosedFormPlan;
  const closures = plan.bind(s.groups);
  for (const t of positions) {
    if (t === s.epoch + 1) s.step();
    else s.stepTo(t);
    const ctx = `${c.name} (${c.spec}) at ${t}`;
    expectIdentical(
      s.lr,
      closures.map((g) => g.lr(t)),
      `${ctx}: lr`,
    );
    if (plan.cyclesMomentum) {
      expectIdentical(
        s.momentum,
        closures.map((g, i) => (g.momentum ? g.momentum(t) : s.groups[i]!.momentum!)),
        `${ctx}: momentum`,
      );
    }
  }
}

describe('Scheduler shared-schedule path', () => {
  const cases = goldenCases();

  it('the golden cases cover every registry entry', () => {
    const covered = new Set(cases.map((c) => resolveSpec(c.spec).entry));
    const missing = registry.filter((e) => !covered.has(e) && !isPlateau(e));
    expect(missing.map((e) => e.qualifiedName)).toEqual([]);
  });

  it('gives every golden case exactly the per-group closures, step by step and at fractional epochs', () => {
    for (const c of cases) {
      const steps = Array.from({ length: Math.min(c.steps, 120) }, (_, k) => k + 1);
      checkAgainstClosures(c, [...steps, 0.5, 2.25, Math.min(c.steps, 7) + 0.75, 1]);
    }
  });

  it('is taken for the multiplicative, cosine and cycling PyTorch schedulers', () => {
    const groups = [0.1, 0.2, 0.3].map((lr) => ({ lr, momentum: 0.9 }));
    const forms = (spec: string) => {
      const schedules = (buildPlan(spec) as ClosedFormPlan).bind(groups);
      return [
        sharedAffine(schedules.map((g) => g.lr))?.kind,
        sharedAffine(schedules.map((g) => g.momentum))?.kind,
      ];
    };
    expect(forms('StepLR(step_size=30, gamma=0.1)')).toEqual(['scale', undefined]);
    expect(forms('CosineAnnealingLR(T_max=100, eta_min=0.001)')).toEqual(['between', undefined]);
    expect(forms('OneCycleLR(max_lr=0.1, total_steps=100)')).toEqual(['scale', 'between']);
    expect(forms('CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=10)')).toEqual([
      'between',
      'between',
    ]);
    expect(forms('keras.CosineDecay(initial_learning_rate=0.1, decay_steps=100)')).toEqual([
      'same',
      undefined,
    ]);
    // one lambda per group: no shared schedule, each group's closure is called
    expect(forms('LambdaLR(lr_lambda=[lambda e: 0.9**e, lambda e: 0.8**e, lambda e: 1])')).toEqual([
      undefined,
      undefined,
    ]);
  });

  const specs = [
    'StepLR(step_size=3, gamma=0.7)',
    'MultiStepLR(milestones=[2, 5, 5, 9], gamma=0.3)',
    'ExponentialLR(gamma=0.93)',
    'LinearLR(start_factor=0.2, end_factor=0.9, total_iters=7)',
    'ConstantLR(factor=0.4, total_iters=4)',
    'PolynomialLR(total_iters=9, power=1.7)',
    'LambdaLR(lr_lambda=lambda e: 1 / (1 + 0.3 * e))',
    'CosineAnnealingLR(T_max=13, eta_min=0.0003)',
    'CosineAnnealingWarmRestarts(T_0=4, T_mult=2, eta_min=0.0001)',
    "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=5, mode='triangular2')",
    "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=3, step_size_down=6, mode='exp_range', gamma=0.97)",
    'OneCycleLR(max_lr=0.3, total_steps=60)',
    "OneCycleLR(max_lr=0.3, total_steps=60, anneal_strategy='linear', three_phase=True)",
  ];

  it('gives any number of groups exactly the per-group closures (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...specs),
        fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.double({ min: 0, max: 60, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (spec, lr, positions) => {
          checkAgainstClosures({ name: 'property', spec, lr, steps: 60 }, positions);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('sharedAffine', () => {
  const unit = memoLast(cosine({ from: 1, to: 0, period: 10 }));
  /** What the Scheduler computes from the form: offset[g] + coef[g] · s(t) for each group. */
  const valuesAt = (fs: Schedule[], t: number) => {
    const form = sharedAffine(fs)!;
    const u = form.schedule(t);
    return fs.map((_f, g) => form.offset[g]! + form.coef[g]! * u);
  };

  it('recognises scale and between of one shared schedule and unwraps its memo', () => {
    const form = sharedAffine([scale(unit, 0.1), scale(unit, 0.3)])!;
    expect(form.kind).toBe('scale');
    expect(form.schedule).not.toBe(unit); // the cosine itself, not its memo
    expect([...form.coef]).toEqual([0.1, 0.3]);
    const b = sharedAffine([between(unit, 0.1, 0.001), between(unit, 0.3, 0.002)])!;
    expect(b.kind).toBe('between');
    expect([...b.offset]).toEqual([0.001, 0.002]);
    expect([...b.coef]).toEqual([0.1 - 0.001, 0.3 - 0.002]);
    expect(sharedAffine([unit, unit])?.kind).toBe('same');
    expect([...sharedAffine([scale(unit, 0.1)])!.offset]).toEqual([-0]);
  });

  it('refuses schedules that share no form', () => {
    const other = memoLast(cosine({ from: 1, to: 0, period: 20 }));
    expect(sharedAffine([scale(unit, 0.1), scale(other, 0.1)])).toBeUndefined();
    expect(sharedAffine([scale(unit, 0.1), between(unit, 0.1, 0)])).toBeUndefined();
    expect(sharedAffine([scale(unit, 0.1), undefined])).toBeUndefined();
    expect(sharedAffine([undefined])).toBeUndefined();
    expect(sharedAffine([])).toBeUndefined();
  });

  it('computes each group with its closure’s own expression (signed zeros and rounding too)', () => {
    const special: [string, Schedule][] = [
      ['-0', () => -0],
      ['+0', () => 0],
      ['Infinity', () => Infinity],
      ['NaN', () => NaN],
      ['the least subnormal', () => 5e-324],
    ];
    for (const [label, s] of special) {
      for (const fs of [[scale(s, 0.5)], [scale(s, 0)], [between(s, 0.5, 0)], [s, s]]) {
        expectIdentical(
          valuesAt(fs, 3),
          fs.map((f) => f(3)),
          `shared schedule ${label}`,
        );
      }
    }
    const fs = [0.1, 0.7, 1e-300, 3].map((lr) => between(unit, lr, 1e-4));
    for (const t of [0, 1, 2.5, 7, 10, 33]) {
      expectIdentical(
        valuesAt(fs, t),
        fs.map((f) => f(t)),
        `between at ${t}`,
      );
    }
  });
});
