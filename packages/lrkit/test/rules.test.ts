import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError, rules, type Rule } from '../src/index.js';
import { check, require as requireRule } from '../src/rules.js';

type RuleName = keyof typeof rules;

/** Each rule's message text, and values it must accept and reject. */
const table: [RuleName, text: string, accepts: number[], rejects: number[]][] = [
  [
    'finite',
    'must be a finite number',
    [0, -0, -1e300, 1e300, 0.5, -7, Number.MIN_VALUE],
    [NaN, Infinity, -Infinity],
  ],
  [
    'nonNegative',
    'must be a finite number ≥ 0',
    [0, -0, Number.MIN_VALUE, 0.5, 1e300],
    [-Number.MIN_VALUE, -1, NaN, Infinity, -Infinity],
  ],
  [
    'positive',
    'must be a finite number > 0',
    [Number.MIN_VALUE, 0.5, 1, 1e300],
    [0, -0, -1, NaN, Infinity],
  ],
  ['positiveInt', 'must be a positive integer', [1, 2, 1e15], [0, -1, 0.5, 1.5, NaN, Infinity]],
  [
    'nonNegativeInt',
    'must be a non-negative integer',
    [0, -0, 1, 1e15],
    [-1, 0.5, NaN, Infinity, -Infinity],
  ],
  [
    'unitInterval',
    'must be in [0, 1]',
    [0, -0, 0.5, 1],
    [-Number.MIN_VALUE, 1 + Number.EPSILON, -1, 2, NaN, Infinity],
  ],
  [
    'unitIntervalOpenLeft',
    'must be in (0, 1]',
    [Number.MIN_VALUE, 0.5, 1],
    [0, -0, 1 + Number.EPSILON, NaN, Infinity],
  ],
  [
    'unitIntervalOpenRight',
    'must be in [0, 1)',
    [0, 0.5, 1 - Number.EPSILON / 2],
    [1, -Number.MIN_VALUE, NaN, -Infinity],
  ],
  [
    'atLeastOne',
    'must be a finite number ≥ 1',
    [1, 1 + Number.EPSILON, 1.5, 1e300],
    [1 - Number.EPSILON / 2, 0, -1, NaN, Infinity],
  ],
  ['intAtLeastOne', 'must be an integer ≥ 1', [1, 2, 1e15], [0, 1.5, -1, NaN, Infinity]],
];

describe('rules', () => {
  for (const [name, text, accepts, rejects] of table) {
    describe(name, () => {
      const rule: Rule = rules[name];
      it(`text is '${text}'`, () => {
        expect(rule.text).toBe(text);
      });
      it(`accepts ${accepts.map(String).join(', ')}`, () => {
        for (const v of accepts) expect(rule.test(v), `${name}.test(${v})`).toBe(true);
      });
      it(`rejects ${rejects.map(String).join(', ')}`, () => {
        for (const v of rejects) expect(rule.test(v), `${name}.test(${v})`).toBe(false);
      });
    });
  }

  it('property: each rule agrees with its definition on arbitrary doubles', () => {
    const defs: Record<RuleName, (v: number) => boolean> = {
      finite: (v) => v - v === 0,
      nonNegative: (v) => v - v === 0 && v >= 0,
      positive: (v) => v - v === 0 && v > 0,
      positiveInt: (v) => v - v === 0 && Math.floor(v) === v && v > 0,
      nonNegativeInt: (v) => v - v === 0 && Math.floor(v) === v && v >= 0,
      unitInterval: (v) => v >= 0 && v <= 1,
      unitIntervalOpenLeft: (v) => v > 0 && v <= 1,
      unitIntervalOpenRight: (v) => v >= 0 && v < 1,
      atLeastOne: (v) => v - v === 0 && v >= 1,
      intAtLeastOne: (v) => v - v === 0 && Math.floor(v) === v && v >= 1,
    };
    fc.assert(
      fc.property(
        fc.oneof(fc.double(), fc.integer({ min: -5, max: 5 }), fc.double({ min: -2, max: 2 })),
        (v) => table.every(([name]) => rules[name].test(v) === defs[name](v)),
      ),
      { numRuns: 1000 },
    );
  });
});

describe('check', () => {
  it('returns a value that satisfies the rule', () => {
    expect(check('f', 'x', 0.5, rules.unitInterval)).toBe(0.5);
    expect(check('f', 'x', 0, rules.nonNegativeInt)).toBe(0);
  });

  const errors: [value: unknown, Rule, message: string][] = [
    [-1, rules.nonNegative, 'StepLR: gamma must be a finite number ≥ 0, got -1'],
    [0, rules.positiveInt, 'StepLR: gamma must be a positive integer, got 0'],
    [1.5, rules.unitInterval, 'StepLR: gamma must be in [0, 1], got 1.5'],
    [NaN, rules.finite, 'StepLR: gamma must be a finite number, got NaN'],
    ['0.5', rules.unitInterval, "StepLR: gamma must be in [0, 1], got '0.5'"],
    [undefined, rules.finite, 'StepLR: gamma must be a finite number, got nothing'],
    [null, rules.finite, 'StepLR: gamma must be a finite number, got None'],
    [true, rules.finite, 'StepLR: gamma must be a finite number, got True'],
    [[1], rules.finite, 'StepLR: gamma must be a finite number, got [1]'],
    [1n, rules.finite, 'StepLR: gamma must be a finite number, got 1'],
  ];
  for (const [value, rule, message] of errors) {
    it(`throws: ${message}`, () => {
      let error: unknown;
      try {
        check('StepLR', 'gamma', value, rule);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ParameterError);
      const p = error as ParameterError;
      expect(p.message).toBe(message);
      expect([p.fn, p.param, p.rule, p.value]).toEqual(['StepLR', 'gamma', rule.text, value]);
    });
  }
});

describe('require', () => {
  it('does nothing when the condition holds', () => {
    expect(() => requireRule('CyclicLR', 'max_lr', true, 'must be > base_lr', 1)).not.toThrow();
  });

  it('throws a ParameterError with the given text when it does not', () => {
    let error: unknown;
    try {
      requireRule('CyclicLR', 'max_lr', false, 'must be > base_lr (0.1)', 0.05);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as Error).message).toBe('CyclicLR: max_lr must be > base_lr (0.1), got 0.05');
  });
});
