/**
 * The closed-form descriptions the primitives and compositions register: each names its kind and
 * the constants its closure captured; undescribed parts are found; equal schedules share a key.
 * (That registering them changed no value is shown by test/schedules and test/compose.)
 */
import { describe as group, expect, it } from 'vitest';
import {
  anneal,
  between,
  clamp,
  constant,
  cosine,
  cosineRestarts,
  cyclic,
  cyclicMode,
  exponential,
  hold,
  join,
  linear,
  memoLast,
  multiStep,
  oneCycle,
  polynomial,
  product,
  repeat,
  resolveSpec,
  scale,
  step,
  warmup,
} from '../../src/index.js';
import type { ExprValue } from '../../src/registry/types.js';
import { cosineDecay } from '../../src/schedules/cosineDecay.js';
import { inverseSqrt } from '../../src/schedules/inverseSqrt.js';
import { inverseTime } from '../../src/schedules/inverseTime.js';
import {
  describe,
  descriptionOf,
  structuralKey,
  undescribedPart,
  unwrapMemo,
} from '../../src/export/describe.js';

group('describe', () => {
  it('registers each primitive with its constants', () => {
    expect(descriptionOf(constant(0.1))).toEqual({ kind: 'constant', value: 0.1 });
    expect(descriptionOf(linear({ from: 0, to: 1, steps: 4 }))).toEqual({
      kind: 'linear',
      from: 0,
      to: 1,
      steps: 4,
      delta: 1,
    });
    expect(descriptionOf(linear({ from: 0, to: 1, steps: 0 }))).toEqual({
      kind: 'constant',
      value: 1,
    });
    expect(descriptionOf(polynomial({ from: 1, to: 0.25, steps: 4, power: 2 }))).toEqual({
      kind: 'polynomial',
      to: 0.25,
      steps: 4,
      power: 2,
      span: 0.75,
    });
    expect(
      descriptionOf(exponential({ initial: 0.1, rate: 0.5, steps: 3, staircase: true })),
    ).toEqual({
      kind: 'exponential',
      initial: 0.1,
      rate: 0.5,
      steps: 3,
      staircase: true,
    });
    expect(descriptionOf(step({ initial: 1, gamma: 0.5, stepSize: 10 }))).toEqual({
      kind: 'step',
      initial: 1,
      gamma: 0.5,
      stepSize: 10,
    });
    expect(descriptionOf(multiStep({ initial: 1, gamma: 0.1, milestones: [20, 10, 10] }))).toEqual({
      kind: 'multiStep',
      initial: 1,
      gamma: 0.1,
      milestones: [10, 10, 20],
    });
    expect(descriptionOf(cosine({ from: 1, to: 0.5, period: 10 }))).toEqual({
      kind: 'cosine',
      to: 0.5,
      period: 10,
      span: 0.5,
    });
    expect(descriptionOf(cosineDecay({ initial: 1, steps: 10, alpha: 0.25 }))).toEqual({
      kind: 'cosineDecay',
      initial: 1,
      steps: 10,
      alpha: 0.25,
      exponent: 1,
      keep: 0.75,
    });
    expect(descriptionOf(cosineRestarts({ from: 1, to: 0, period: 5, mult: 2 }))).toEqual({
      kind: 'cosineRestarts',
      to: 0,
      period: 5,
      mult: 2,
      span: 1,
    });
    expect(descriptionOf(anneal({ from: 1, to: 0, steps: 2, shape: 'cos' }))).toEqual({
      kind: 'anneal',
      shape: 'cos',
      from: 1,
      to: 0,
      steps: 2,
      coefficient: 0.5,
    });
    expect(descriptionOf(anneal({ from: 1, to: 0, steps: 2, shape: 'linear' }))).toMatchObject({
      coefficient: -1,
    });
    expect(descriptionOf(inverseSqrt({ initial: 1, timescale: 10 }))).toEqual({
      kind: 'inverseSqrt',
      initial: 1,
      timescale: 10,
    });
    expect(descriptionOf(inverseTime({ initial: 1, rate: 0 }))).toEqual({
      kind: 'constant',
      value: 1,
    });
    expect(descriptionOf(inverseTime({ initial: 1, rate: 0.5, steps: 2 }))).toEqual({
      kind: 'inverseTime',
      initial: 1,
      rate: 0.5,
      steps: 2,
      staircase: false,
    });
  });

  it('registers the cyclic wave with its amplitude', () => {
    const mode = cyclicMode('exp_range', 0.9);
    expect(descriptionOf(mode.scale)).toEqual({
      kind: 'cyclicScale',
      mode: 'exp_range',
      gamma: 0.9,
    });
    const wave = cyclic({ base: 0, peak: 1, stepSizeUp: 1, stepSizeDown: 3, ...mode });
    expect(descriptionOf(wave)).toEqual({
      kind: 'cyclic',
      base: 0,
      height: 1,
      total: 4,
      ratio: 0.25,
      scaleMode: 'iterations',
      scale: mode.scale,
    });
  });

  it('registers compositions with their children by reference', () => {
    const a = constant(1);
    const b = linear({ from: 1, to: 0, steps: 10 });
    expect(descriptionOf(join([a, b], [5], { at: 'previous' }))).toEqual({
      kind: 'join',
      schedules: [a, b],
      boundaries: [5],
      at: 'previous',
    });
    expect(join([a], [])).toBe(a);
    expect(descriptionOf(product([a, b]))).toEqual({ kind: 'product', schedules: [a, b] });
    expect(descriptionOf(scale(b, 0.1))).toEqual({ kind: 'scale', schedule: b, k: 0.1 });
    expect(descriptionOf(between(b, 0.1, 0.001))).toEqual({
      kind: 'between',
      schedule: b,
      to: 0.001,
      span: 0.099,
    });
    expect(descriptionOf(clamp(b, { min: 0.2 }))).toEqual({
      kind: 'clamp',
      schedule: b,
      min: 0.2,
      max: Infinity,
    });
    expect(descriptionOf(hold(b, 5))).toEqual({ kind: 'hold', schedule: b, until: 5 });
    expect(descriptionOf(repeat(b, 5))).toEqual({ kind: 'repeat', schedule: b, period: 5 });
    const m = memoLast(b);
    expect(descriptionOf(m)).toEqual({ kind: 'memo', schedule: b });
    expect(unwrapMemo(memoLast(m))).toBe(b);
    expect(descriptionOf(warmup(a, { steps: 3 }))?.kind).toBe('join');
  });

  it('registers the shifted phases of a one-cycle with out-of-order ends', () => {
    // pct_start 0.05 of 10 steps, three phases: ends −0.5, −1, 9 (PyTorch's phase scan)
    const s = oneCycle({
      initial: 0.04,
      peak: 1,
      final: 0,
      total: 10,
      pctStart: 0.05,
      threePhase: true,
      shape: 'cos',
    });
    expect(undescribedPart(s)).toBeUndefined();
    expect(structuralKey(s)).toContain('shift;');
  });

  it('registers lambdas with their source and parameter', () => {
    const lambda = resolveSpec("LambdaLR(lr_lambda='0.95**epoch')").args.lr_lambda as ExprValue;
    expect(descriptionOf(lambda.fn)).toEqual({
      kind: 'lambda',
      source: '0.95**epoch',
      param: 'epoch',
    });
    const fromFunction = resolveSpec({ name: 'LambdaLR', params: { lr_lambda: (e: number) => e } })
      .args.lr_lambda as ExprValue;
    expect(descriptionOf(fromFunction.fn)).toBeUndefined();
  });

  it('finds the first undescribed part, with its path', () => {
    const bare = (t: number) => t;
    expect(undescribedPart(bare)).toBe('schedule');
    expect(undescribedPart(scale(join([constant(1), bare], [5]), 2))).toBe(
      'schedule → scale.schedule → join.schedules[1]',
    );
    expect(undescribedPart(scale(join([constant(1), constant(2)], [5]), 2))).toBeUndefined();
  });

  it('keys equal closed forms equally, bit for bit', () => {
    const k = (x: number) => structuralKey(scale(cosine({ from: 1, to: 0, period: 10 }), x));
    expect(k(0.1)).toBe(k(0.1));
    expect(k(0.1)).not.toBe(k(0.1 + 2 ** -56));
    expect(structuralKey(memoLast(constant(0)))).toBe(structuralKey(constant(0)));
    expect(structuralKey(constant(0))).not.toBe(structuralKey(constant(-0)));
  });

  it('describe() returns the function it registers', () => {
    const f = (t: number) => 2 * t;
    expect(describe(f, { kind: 'constant', value: 2 })).toBe(f);
    expect(descriptionOf(f)).toEqual({ kind: 'constant', value: 2 });
  });
});
