import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError, constant } from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

describe('constant', () => {
  const steps = [0, 1, 2.5, 1000, 1e9];
  const table: [value: number, expected: number[]][] = [
    [0.1, [0.1, 0.1, 0.1, 0.1, 0.1]],
    [0, [0, 0, 0, 0, 0]],
    [1e-300, [1e-300, 1e-300, 1e-300, 1e-300, 1e-300]],
    [3e300, [3e300, 3e300, 3e300, 3e300, 3e300]],
  ];
  for (const [value, expected] of table) {
    it(`constant(${value}) at steps ${steps.join(', ')}`, () => {
      const f = constant(value);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        `constant(${value})`,
      );
    });
  }

  it('property: f(t) = value for any valid value and step', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e300, noNaN: true }),
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        (value, t) => {
          const v = constant(value)(t);
          return Number.isFinite(v) && v >= 0 && close(v, value);
        },
      ),
    );
  });

  const errors: [value: unknown, message: string][] = [
    [-1, 'constant: value must be a finite number ≥ 0, got -1'],
    [-1e-300, 'constant: value must be a finite number ≥ 0, got -1e-300'],
    [NaN, 'constant: value must be a finite number ≥ 0, got NaN'],
    [Infinity, 'constant: value must be a finite number ≥ 0, got Infinity'],
    [-Infinity, 'constant: value must be a finite number ≥ 0, got -Infinity'],
    ['0.1', "constant: value must be a finite number ≥ 0, got '0.1'"],
    [undefined, 'constant: value must be a finite number ≥ 0, got nothing'],
    [null, 'constant: value must be a finite number ≥ 0, got None'],
  ];
  for (const [value, message] of errors) {
    it(`rejects ${String(value)}: ${message}`, () => {
      expectThrows(() => constant(value as number), ParameterError, message);
    });
  }

  it('the error carries fn, param, rule and value', () => {
    try {
      constant(-2);
      expect.fail('constant(-2) did not throw');
    } catch (e) {
      expect(e).toBeInstanceOf(ParameterError);
      const p = e as ParameterError;
      expect([p.fn, p.param, p.rule, p.value]).toEqual([
        'constant',
        'value',
        'must be a finite number ≥ 0',
        -2,
      ]);
    }
  });
});
