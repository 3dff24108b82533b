/**
 * The spellings users paste for Keras schedules — module paths, positional arguments in Keras's
 * order (the `name` argument included), aliases, a whole assignment line — and the typed
 * factories, which give the same curve as the spec text.
 */
import { describe, expect, it } from 'vitest';
import { curve, lookupEntry, registry, specJson, specText } from '../../../src/index.js';
import * as keras from '../../../src/families/keras/factories.js';
import { kerasEntries } from '../../../src/families/keras/index.js';

const opts = { lr: 0.1, steps: 40 };
const lr = (spec: Parameters<typeof curve>[0]) => curve(spec, opts).lr[0];

describe('keras entries', () => {
  it('are registered under keras.<Keras class name>, with the family and aliases', () => {
    expect(kerasEntries.map((e) => e.qualifiedName)).toEqual([
      'keras.ExponentialDecay',
      'keras.PiecewiseConstantDecay',
      'keras.PolynomialDecay',
      'keras.InverseTimeDecay',
      'keras.CosineDecay',
      'keras.CosineDecayRestarts',
      'keras.TimeBasedDecay',
    ]);
    for (const e of kerasEntries) {
      expect(e.family).toBe('keras');
      expect(e.qualifiedName).toBe(`keras.${e.name}`);
      expect(registry).toContain(e);
      expect(e.doc.length).toBeGreaterThan(40);
      for (const p of e.params) expect(p.doc.length, `${e.name}.${p.name}`).toBeGreaterThan(0);
    }
  });

  it('take the parameters of the Keras constructors, in order', () => {
    const names = (n: string) => lookupEntry(n).params.map((p) => p.name);
    expect(names('keras.ExponentialDecay')).toEqual([
      'initial_learning_rate',
      'decay_steps',
      'decay_rate',
      'staircase',
      'name',
    ]);
    expect(names('keras.PiecewiseConstantDecay')).toEqual(['boundaries', 'values', 'name']);
    expect(names('keras.PolynomialDecay')).toEqual([
      'initial_learning_rate',
      'decay_steps',
      'end_learning_rate',
      'power',
      'cycle',
      'name',
    ]);
    expect(names('keras.InverseTimeDecay')).toEqual([
      'initial_learning_rate',
      'decay_steps',
      'decay_rate',
      'staircase',
      'name',
    ]);
    expect(names('keras.CosineDecay')).toEqual([
      'initial_learning_rate',
      'decay_steps',
      'alpha',
      'name',
      'warmup_target',
      'warmup_steps',
    ]);
    expect(names('keras.CosineDecayRestarts')).toEqual([
      'initial_learning_rate',
      'first_decay_steps',
      't_mul',
      'm_mul',
      'alpha',
      'name',
    ]);
    expect(names('keras.TimeBasedDecay')).toEqual(['initial_learning_rate', 'decay']);
  });

  it('have the Keras defaults', () => {
    const defaults = (n: string) =>
      Object.fromEntries(
        lookupEntry(n)
          .params.filter((p) => 'default' in p)
          .map((p) => [p.name, p.default]),
      );
    expect(defaults('keras.ExponentialDecay')).toEqual({
      staircase: false,
      name: 'ExponentialDecay',
    });
    expect(defaults('keras.PiecewiseConstantDecay')).toEqual({ name: 'PiecewiseConstant' });
    expect(defaults('keras.PolynomialDecay')).toEqual({
      end_learning_rate: 0.0001,
      power: 1.0,
      cycle: false,
      name: 'PolynomialDecay',
    });
    expect(defaults('keras.InverseTimeDecay')).toEqual({
      staircase: false,
      name: 'InverseTimeDecay',
    });
    expect(defaults('keras.CosineDecay')).toEqual({
      alpha: 0.0,
      name: 'CosineDecay',
      warmup_target: null,
      warmup_steps: 0,
    });
    expect(defaults('keras.CosineDecayRestarts')).toEqual({
      t_mul: 2.0,
      m_mul: 1.0,
      alpha: 0.0,
      name: 'SGDRDecay',
    });
    expect(defaults('keras.TimeBasedDecay')).toEqual({ decay: 0.0 });
  });
});

describe('pasted keras specs', () => {
  const same: [canonical: string, pasted: string[]][] = [
    [
      'keras.ExponentialDecay(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5, staircase=True)',
      [
        'keras.ExponentialDecay(0.1, 10, 0.5, True)',
        'keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5, staircase=True)',
        'tf.keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5, staircase=True, name="lr")',
        'lr_schedule = tf.keras.optimizers.schedules.ExponentialDecay(\n    0.1,\n    decay_steps=10,\n    decay_rate=0.5,\n    staircase=True)',
        '{"name": "keras.ExponentialDecay", "params": {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5, "staircase": true}}',
      ],
    ],
    [
      'keras.CosineDecay(initial_learning_rate=0.0, decay_steps=30, alpha=0.1, warmup_target=0.1, warmup_steps=5)',
      [
        // `name` is Keras's 4th positional argument, before warmup_target
        "keras.CosineDecay(0.0, 30, 0.1, 'CosineDecay', 0.1, 5)",
        "tf.keras.optimizers.schedules.CosineDecay(0.0, 30, 0.1, 'warm', warmup_target=0.1, warmup_steps=5)",
      ],
    ],
    [
      'keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=5, t_mul=1.5, m_mul=0.9, alpha=0.01)',
      [
        'keras.CosineDecayRestarts(0.1, 5, 1.5, 0.9, 0.01)',
        'tf.keras.experimental.CosineDecayRestarts(0.1, 5, 1.5, 0.9, 0.01)',
        'keras.experimental.CosineDecayRestarts(0.1, 5, t_mul=1.5, m_mul=0.9, alpha=0.01)',
      ],
    ],
    [
      'keras.CosineDecay(initial_learning_rate=0.1, decay_steps=20)',
      ['tf.keras.experimental.CosineDecay(0.1, 20)', 'keras.experimental.CosineDecay(0.1, 20)'],
    ],
    [
      'keras.PiecewiseConstantDecay(boundaries=[10, 20], values=[1.0, 0.5, 0.1])',
      [
        'keras.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])',
        'keras.optimizers.schedules.PiecewiseConstantDecay((10, 20), (1.0, 0.5, 0.1))',
        'keras.PiecewiseConstantDecay(boundaries=[10.0, 20], values=[1, 0.5, 0.1])',
      ],
    ],
    [
      'keras.PolynomialDecay(initial_learning_rate=0.1, decay_steps=30, end_learning_rate=0.01, power=0.5, cycle=True)',
      [
        'keras.PolynomialDecay(0.1, 30, 0.01, 0.5, True)',
        'keras.PolynomialDecay(0.1, 30, 1e-2, power=1/2, cycle=True)',
      ],
    ],
    [
      'keras.InverseTimeDecay(initial_learning_rate=0.1, decay_steps=1, decay_rate=0.5)',
      [
        'keras.InverseTimeDecay(0.1, 1.0, 0.5)',
        'keras.TimeBasedDecay(0.1, 0.5)',
        'keras.LegacyTimeBasedDecay(initial_learning_rate=0.1, decay=0.5)',
      ],
    ],
  ];
  for (const [canonical, pasted] of same) {
    for (const p of pasted) {
      it(`${p} ≡ ${canonical}`, () => {
        expect(lr(p)).toEqual(lr(canonical));
      });
    }
  }

  it('print back as canonical keyword text under the keras. name', () => {
    expect(specText('tf.keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5)')).toBe(
      'keras.ExponentialDecay(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5)',
    );
    expect(specText('tf.keras.experimental.CosineDecay(0.1, 20, name="x")')).toBe(
      "keras.CosineDecay(initial_learning_rate=0.1, decay_steps=20, name='x')",
    );
    expect(specText('keras.LegacyTimeBasedDecay(0.1, 0.5)')).toBe(
      'keras.TimeBasedDecay(initial_learning_rate=0.1, decay=0.5)',
    );
    expect(specJson('keras.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])')).toEqual({
      name: 'keras.PiecewiseConstantDecay',
      params: { boundaries: [10, 20], values: [1, 0.5, 0.1] },
    });
  });
});

describe('typed keras factories', () => {
  const pairs: [ReturnType<typeof keras.exponentialDecay>, string][] = [
    [
      keras.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 }),
      'keras.ExponentialDecay(0.1, 10, 0.5)',
    ],
    [
      keras.exponentialDecay({
        initialLearningRate: 0.1,
        decaySteps: 10,
        decayRate: 0.5,
        staircase: true,
        name: 'lr',
      }),
      "keras.ExponentialDecay(0.1, 10, 0.5, True, 'lr')",
    ],
    [
      keras.piecewiseConstantDecay({ boundaries: [5, 15], values: [0.1, 0.01, 0.001] }),
      'keras.PiecewiseConstantDecay([5, 15], [0.1, 0.01, 0.001])',
    ],
    [
      keras.polynomialDecay({
        initialLearningRate: 0.1,
        decaySteps: 12,
        endLearningRate: 0.001,
        power: 2,
        cycle: true,
      }),
      'keras.PolynomialDecay(0.1, 12, 0.001, 2.0, True)',
    ],
    [
      keras.polynomialDecay({ initialLearningRate: 0.1, decaySteps: 12 }),
      'keras.PolynomialDecay(0.1, 12)',
    ],
    [
      keras.inverseTimeDecay({
        initialLearningRate: 0.1,
        decaySteps: 3,
        decayRate: 0.2,
        staircase: true,
      }),
      'keras.InverseTimeDecay(0.1, 3, 0.2, True)',
    ],
    [
      keras.cosineDecay({
        initialLearningRate: 0,
        decaySteps: 20,
        alpha: 0.1,
        warmupTarget: 0.1,
        warmupSteps: 5,
      }),
      'keras.CosineDecay(0.0, 20, 0.1, warmup_target=0.1, warmup_steps=5)',
    ],
    [
      keras.cosineDecay({ initialLearningRate: 0.1, decaySteps: 20, warmupTarget: null }),
      'keras.CosineDecay(0.1, 20, warmup_target=None)',
    ],
    [
      keras.cosineDecayRestarts({
        initialLearningRate: 0.1,
        firstDecaySteps: 4,
        tMul: 1.5,
        mMul: 0.8,
        alpha: 0.1,
      }),
      'keras.CosineDecayRestarts(0.1, 4, 1.5, 0.8, 0.1)',
    ],
    [
      keras.timeBasedDecay({ initialLearningRate: 0.1, decay: 0.01 }),
      'keras.TimeBasedDecay(0.1, 0.01)',
    ],
    [keras.timeBasedDecay({ initialLearningRate: 0.1 }), 'keras.TimeBasedDecay(0.1)'],
  ];
  for (const [bound, spec] of pairs) {
    it(`${spec}: same curve and the same canonical text`, () => {
      expect(lr(bound)).toEqual(lr(spec));
      expect(specText(bound)).toBe(specText(spec));
    });
  }

  it('accept the Keras snake_case spellings too', () => {
    const bound = keras.exponentialDecay({
      initial_learning_rate: 0.1,
      decay_steps: 10,
      decay_rate: 0.5,
    } as never);
    expect(lr(bound)).toEqual(lr('keras.ExponentialDecay(0.1, 10, 0.5)'));
  });
});
