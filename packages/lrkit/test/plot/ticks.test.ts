import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { formatTick, niceTicks } from '../../src/plot/index.js';
import { formatTicks } from '../../src/plot/ticks.js';
import { expectThrows } from '../helpers/errors.js';

describe('niceTicks', () => {
  it('linear: round steps covering the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.1, 0.7, 3)).toEqual([0.2, 0.4, 0.6]);
    expect(niceTicks(-3, 17, 4)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(2, 2, 5)).toEqual([2]);
  });
  it('log: decades, thinned when there are too many', () => {
    expect(niceTicks(1e-7, 10, 10, true)).toEqual([1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10]);
    expect(niceTicks(1e-7, 10, 4, true)).toEqual([1e-6, 1e-3, 1]);
    expect(niceTicks(0.05, 300, 8, true)).toEqual([0.1, 1, 10, 100]);
  });
  it('log: within one decade falls back to 1-2-5 values', () => {
    expect(niceTicks(0.15, 0.9, 5, true)).toEqual([0.2, 0.5]);
    expect(niceTicks(3, 40, 5, true)).toEqual([5, 10, 20]);
  });
  it('validates its arguments', () => {
    expectThrows(
      () => niceTicks(0, 1, 5, true),
      ParameterError,
      'niceTicks: min must be > 0 on a log axis, got 0',
    );
    expectThrows(
      () => niceTicks(2, 1, 5),
      ParameterError,
      'niceTicks: max must be finite and ≥ min (2), got 1',
    );
    expectThrows(
      () => niceTicks(0, 1, 0),
      ParameterError,
      'niceTicks: count must be a positive integer, got 0',
    );
    expectThrows(
      () => niceTicks(NaN, 1, 3),
      ParameterError,
      'niceTicks: min must be finite, got NaN',
    );
  });
});

describe('formatTick', () => {
  it('short labels', () => {
    expect([0, 0.25, 12, 1e-7, 0.001, 25000, 250000, 0.1 + 0.2, -0.5].map(formatTick)).toEqual([
      '0',
      '0.25',
      '12',
      '1e-7',
      '0.001',
      '25000',
      '2.5e5',
      '0.3',
      '-0.5',
    ]);
  });
});

describe('formatTicks', () => {
  it('one notation per linear axis: scientific for all non-zero ticks when one needs it', () => {
    expect(formatTicks([0, 50000, 100000, 150000])).toEqual(['0', '5e4', '1e5', '1.5e5']);
    expect(formatTicks([-0.001, -0.0005, 0, 0.0005, 0.001])).toEqual([
      '-1e-3',
      '-5e-4',
      '0',
      '5e-4',
      '1e-3',
    ]);
    expect(formatTicks([0.0005, 0.00125])).toEqual(['5e-4', '1.25e-3']);
    expect(formatTicks([0.00125, 0.0025])).toEqual(['0.00125', '0.0025']); // none needs it
  });

  it('plain ticks, and log axes, keep formatTick', () => {
    expect(formatTicks([0, 0.25, 0.5])).toEqual(['0', '0.25', '0.5']);
    expect(formatTicks([1e-5, 1e-4, 0.001, 0.01], true)).toEqual(['1e-5', '1e-4', '0.001', '0.01']);
    expect(formatTicks([])).toEqual([]);
  });
});
