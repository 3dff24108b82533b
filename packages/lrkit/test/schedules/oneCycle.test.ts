import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ParameterError,
  annealPhases,
  oneCycle,
  type AnnealShape,
  type OneCycleOptions,
} from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

function interpolate(a: number, b: number, p: number, shape: AnnealShape): number {
  if (shape === 'linear') return a * (1 - p) + b * p;
  const c = Math.cos((Math.PI / 2) * p);
  return b + (a - b) * c * c;
}

/**
 * PyTorch OneCycleLR's phase scan: the first phase whose end t has not passed (the last phase
 * otherwise), measured from the end of the phase listed before it; past the last end, its value.
 */
function phaseScan(ends: number[], values: number[], shape: AnnealShape, t: number): number {
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i]!;
    if (t <= end || i === ends.length - 1) {
      const len = end - start;
      const p = len > 0 ? Math.min(t - start, len) / len : 1;
      return interpolate(values[i]!, values[i + 1]!, p, shape);
    }
    start = end;
  }
  throw new Error('unreachable');
}

type OneCycleArgs = OneCycleOptions & {
  initial: number;
  peak: number;
  final: number;
  shape: AnnealShape;
};

describe('oneCycle', () => {
  const table: [OneCycleArgs, steps: number[], expected: number[]][] = [
    // ends 0.3·100 − 1 and 99
    [
      { initial: 0.004, peak: 0.1, final: 4e-7, total: 100, shape: 'cos' },
      [0, 14.5, 29, 64, 99, 100, 1e9],
      [0.004, 0.052, 0.1, (0.1 + 4e-7) / 2, 4e-7, 4e-7, 4e-7],
    ],
    // three phases ending at 4, 8, 19
    [
      {
        initial: 1,
        peak: 10,
        final: 0,
        total: 20,
        pctStart: 0.25,
        threePhase: true,
        shape: 'linear',
      },
      [0, 2, 4, 6, 8, 13.5, 19, 20, 1e9],
      [1, 5.5, 10, 5.5, 1, 0.5, 0, 0, 0],
    ],
    // three phases with a tiny pct: ends −0.5, −1, 99 (out of order); step 0 is in the last phase,
    // measured from −1: p = 1/100
    [
      {
        initial: 1,
        peak: 10,
        final: 0,
        total: 100,
        pctStart: 0.005,
        threePhase: true,
        shape: 'linear',
      },
      [0, 49, 99, 150],
      [0.99, 0.5, 0, 0],
    ],
    // ends −0.6, −1.2, 99: p = (t + 1.2)/100.2
    [
      {
        initial: 1,
        peak: 10,
        final: 0,
        total: 100,
        pctStart: 0.004,
        threePhase: true,
        shape: 'linear',
      },
      [0, 10],
      [1 - 1.2 / 100.2, 1 - 11.2 / 100.2],
    ],
    // pct 0: ends −1, 9; the rise is skipped, the fall is measured from −1
    [
      { initial: 1, peak: 10, final: 0, total: 10, pctStart: 0, shape: 'linear' },
      [0, 4, 9, 10],
      [9, 5, 0, 0],
    ],
    // pct 1: ends 9, 9; the zero-length fall is skipped and its end value holds after step 9
    [
      { initial: 1, peak: 10, final: 0, total: 10, pctStart: 1, shape: 'linear' },
      [0, 4.5, 9, 10, 1e9],
      [1, 5.5, 10, 0, 0],
    ],
    // total 1: ends −0.7, 0
    [{ initial: 1, peak: 10, final: 0.5, total: 1, shape: 'cos' }, [0, 1, 1e9], [0.5, 0.5, 0.5]],
  ];
  for (const [options, steps, expected] of table) {
    const label = `oneCycle(${JSON.stringify(options)})`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = oneCycle(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 10, noNaN: true }));
  const config = fc.record({
    initial: value,
    peak: value,
    final: value,
    total: fc.integer({ min: 1, max: 5000 }),
    pctStart: fc.double({ min: 0, max: 1, noNaN: true }),
    threePhase: fc.boolean(),
    shape: fc.constantFrom('cos' as const, 'linear' as const),
  });
  const endsOf = ({ total: T, pctStart: p, threePhase }: Required<OneCycleOptions>) =>
    threePhase ? [p * T - 1, 2 * p * T - 2, T - 1] : [p * T - 1, T - 1];
  const valuesOf = (o: OneCycleArgs) =>
    o.threePhase ? [o.initial, o.peak, o.initial, o.final] : [o.initial, o.peak, o.final];

  it("property: PyTorch's phase scan, at integer and fractional steps", () => {
    fc.assert(
      fc.property(
        config,
        fc.double({ min: 0, max: 1.1, noNaN: true }),
        fc.boolean(),
        (o, x, whole) => {
          const t = whole ? Math.round(x * o.total) : x * o.total;
          const v = oneCycle(o)(t);
          const expected = phaseScan(endsOf(o), valuesOf(o), o.shape, t);
          const tol = { rel: 1e-9, abs: 1e-9 * Math.max(o.initial, o.peak, o.final, 1e-300) };
          return Number.isFinite(v) && close(v, expected, tol);
        },
      ),
    );
  });

  it('property: the linear shape is never negative, at any step', () => {
    fc.assert(
      fc.property(config, fc.double({ min: 0, max: 2, noNaN: true }), (o, x) => {
        const f = oneCycle({ ...o, shape: 'linear' });
        return [x * o.total, Math.floor(x * o.total), o.total - 1, o.total].every((t) => f(t) >= 0);
      }),
    );
  });

  it('property: holds `final` after the last step T − 1 (three phases: pct ≤ 0.5)', () => {
    fc.assert(
      fc.property(config, fc.double({ min: 1e-6, max: 1e9, noNaN: true }), (raw, extra) => {
        // with three phases and pct > 0.5 the second phase ends after T − 1 (at 2·pct·T − 2)
        const o = raw.threePhase ? { ...raw, pctStart: raw.pctStart / 2 } : raw;
        const tol = { rel: 1e-12, abs: 1e-12 * Math.max(o.initial, o.peak, o.final, 1e-300) };
        return close(oneCycle(o)(o.total - 1 + extra), o.final, tol);
      }),
    );
  });

  const ok: OneCycleArgs = { initial: 0.004, peak: 0.1, final: 4e-7, total: 100, shape: 'cos' };
  const errors: [OneCycleArgs, message: string][] = [
    [{ ...ok, total: 0 }, 'oneCycle: total must be a positive integer, got 0'],
    [{ ...ok, total: 2.5 }, 'oneCycle: total must be a positive integer, got 2.5'],
    [{ ...ok, total: -10 }, 'oneCycle: total must be a positive integer, got -10'],
    [{ ...ok, total: NaN }, 'oneCycle: total must be a positive integer, got NaN'],
    [{ ...ok, pctStart: 1.5 }, 'oneCycle: pctStart must be in [0, 1], got 1.5'],
    [{ ...ok, pctStart: -0.1 }, 'oneCycle: pctStart must be in [0, 1], got -0.1'],
    [{ ...ok, pctStart: NaN }, 'oneCycle: pctStart must be in [0, 1], got NaN'],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => oneCycle(options), ParameterError, message);
    });
  }

  it('rejects a negative value with a ParameterError', () => {
    expect(() => oneCycle({ ...ok, peak: -1 })).toThrow(ParameterError);
    expect(() => oneCycle({ ...ok, final: NaN })).toThrow(ParameterError);
  });
});

describe('annealPhases', () => {
  const table: [
    ends: number[],
    values: number[],
    AnnealShape,
    steps: number[],
    expected: number[],
  ][] = [
    [[4, 9], [0.1, 1, 0.01], 'linear', [0, 2, 4, 4.5, 9, 1e9], [0.1, 0.55, 1, 0.901, 0.01, 0.01]],
    // zero-length middle phase: skipped; the last phase starts from its end value 0.5 after step 4
    [
      [4, 4, 9],
      [0.1, 1, 0.5, 0],
      'linear',
      [0, 2, 4, 4.5, 5, 9, 20],
      [0.1, 0.55, 1, 0.45, 0.4, 0, 0],
    ],
    // zero-length first phase: its end value applies at step 0
    [[0, 10], [0.2, 1, 0], 'linear', [0, 5, 10], [1, 0.5, 0]],
    // out-of-order ends: steps after 5 go to the last phase, measured from 3
    [
      [5, 3, 10],
      [0, 1, 0.5, 0.2],
      'linear',
      [3, 5, 6, 10, 11],
      [0.6, 1, 0.5 + (0.2 - 0.5) * (3 / 7), 0.2, 0.2],
    ],
    [[2, 6], [1, 0, 1], 'cos', [0, 1, 2, 4, 6, 7], [1, 0.5, 0, 0.5, 1, 1]],
  ];
  for (const [ends, values, shape, steps, expected] of table) {
    const label = `annealPhases(${JSON.stringify(ends)}, ${JSON.stringify(values)}, '${shape}')`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = annealPhases(ends, values, shape);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  it("property: PyTorch's phase scan for arbitrary (unordered, repeated) ends", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -4, max: 40 }).map((k) => k / 4),
          { minLength: 1, maxLength: 5 },
        ),
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.constantFrom('cos' as const, 'linear' as const),
        fc.integer({ min: 0, max: 48 }).map((k) => k / 4),
        (ends, pool, shape, t) => {
          const values = pool.slice(0, ends.length + 1);
          const v = annealPhases(ends, values, shape)(t);
          const tol = { rel: 1e-9, abs: 1e-9 * Math.max(...values, 1e-300) };
          return close(v, phaseScan(ends, values, shape, t), tol);
        },
      ),
    );
  });

  it('rejects a value list that does not have one more item than the ends', () => {
    expect(() => annealPhases([4, 9], [1, 2], 'linear')).toThrowError(
      /^annealPhases: 2 phases need 3 values, got 2$/,
    );
    expect(() => annealPhases([4], [1, 2, 3], 'cos')).toThrowError(
      /^annealPhases: 1 phases need 2 values, got 3$/,
    );
  });
});
