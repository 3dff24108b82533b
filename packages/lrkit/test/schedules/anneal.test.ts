import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ParameterError, anneal, type AnnealOptions } from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

describe('anneal', () => {
  const table: [AnnealOptions, steps: number[], expected: number[]][] = [
    [
      { from: 1, to: 0, steps: 2, shape: 'cos' },
      [0, 0.5, 1, 1.5, 2, 3, 1e9],
      [1, (1 + Math.SQRT1_2) / 2, 0.5, (1 - Math.SQRT1_2) / 2, 0, 0, 0],
    ],
    [
      { from: 0.004, to: 0.1, steps: 29, shape: 'cos' },
      [0, 14.5, 29, 100],
      [0.004, 0.052, 0.1, 0.1],
    ],
    [
      { from: 0.1, to: 1, steps: 4, shape: 'linear' },
      [0, 0.5, 1, 2, 4, 8, 1e9],
      [0.1, 0.2125, 0.325, 0.55, 1, 1, 1],
    ],
    [{ from: 2, to: 1, steps: 2.5, shape: 'linear' }, [1.25, 2.5, 3], [1.5, 1, 1]],
    [{ from: 1, to: 0, steps: 0.5, shape: 'cos' }, [0.25, 0.5, 1], [0.5, 0, 0]],
    [{ from: 0.3, to: 0.3, steps: 7, shape: 'cos' }, [0, 3, 7, 1e9], [0.3, 0.3, 0.3, 0.3]],
  ];
  for (const [options, steps, expected] of table) {
    const label = `anneal(${JSON.stringify(options)})`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = anneal(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 10, noNaN: true }));
  const length = fc.double({ min: 1e-3, max: 1e4, noNaN: true });
  const step = fc.double({ min: 0, max: 2e4, noNaN: true });

  it('property: cos shape is to + (from − to)·cos²(πp/2), linear is from·(1 − p) + to·p', () => {
    fc.assert(
      fc.property(value, value, length, step, (from, to, steps, t) => {
        const p = Math.min(t, steps) / steps;
        const c = Math.cos((Math.PI / 2) * p);
        const cos = anneal({ from, to, steps, shape: 'cos' })(t);
        const lin = anneal({ from, to, steps, shape: 'linear' })(t);
        const tol = { rel: 1e-12, abs: 1e-12 * Math.max(from, to, 1e-300) };
        return (
          close(cos, to + (from - to) * c * c, tol) && close(lin, from * (1 - p) + to * p, tol)
        );
      }),
    );
  });

  it('property: both shapes stay finite, ≥ 0 and within [min(from, to), max(from, to)]', () => {
    fc.assert(
      fc.property(
        value,
        value,
        length,
        step,
        fc.constantFrom('cos' as const, 'linear' as const),
        (from, to, steps, t, shape) => {
          const v = anneal({ from, to, steps, shape })(t);
          const lo = Math.min(from, to);
          const hi = Math.max(from, to);
          return Number.isFinite(v) && v >= 0 && v >= lo - 1e-15 * hi && v <= hi * (1 + 1e-15);
        },
      ),
    );
  });

  it('property: holds `to` from `steps` on', () => {
    fc.assert(
      fc.property(
        value,
        value,
        length,
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (from, to, steps, extra) => {
          const tol = { rel: 1e-12, abs: 1e-12 * Math.max(from, to, 1e-300) };
          return (
            close(anneal({ from, to, steps, shape: 'cos' })(steps + extra), to, tol) &&
            close(anneal({ from, to, steps, shape: 'linear' })(steps + extra), to, tol)
          );
        },
      ),
    );
  });

  const ok: AnnealOptions = { from: 1, to: 0, steps: 10, shape: 'cos' };
  const errors: [AnnealOptions, message: string][] = [
    [{ ...ok, from: -1 }, 'anneal: from must be a finite number ≥ 0, got -1'],
    [{ ...ok, from: NaN }, 'anneal: from must be a finite number ≥ 0, got NaN'],
    [{ ...ok, to: -0.5 }, 'anneal: to must be a finite number ≥ 0, got -0.5'],
    [{ ...ok, to: Infinity }, 'anneal: to must be a finite number ≥ 0, got Infinity'],
    [{ ...ok, steps: 0 }, 'anneal: steps must be a finite number > 0, got 0'],
    [{ ...ok, steps: -2 }, 'anneal: steps must be a finite number > 0, got -2'],
    [{ ...ok, steps: NaN }, 'anneal: steps must be a finite number > 0, got NaN'],
    [
      { ...ok, shape: 'linear', steps: Infinity },
      'anneal: steps must be a finite number > 0, got Infinity',
    ],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => anneal(options), ParameterError, message);
    });
  }
});
