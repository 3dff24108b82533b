import { describe, expect, it } from 'vitest';
import {
  LrkitError,
  ParameterError,
  SchedulerError,
  SpecSyntaxError,
  UnknownNameError,
} from '../src/index.js';
import { didYouMean, formatValue } from '../src/errors.js';
import { checkOptionKeys } from '../src/options.js';

describe('formatValue', () => {
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = circular;
  const table: [label: string, value: unknown, text: string][] = [
    ['a string', 'abc', "'abc'"],
    ['the empty string', '', "''"],
    ['zero', 0, '0'],
    ['negative zero', -0, '0'],
    ['a negative number', -0.001, '-0.001'],
    ['a large number', 1e21, '1e+21'],
    ['a tiny number', 5e-324, '5e-324'],
    ['NaN', NaN, 'NaN'],
    ['Infinity', Infinity, 'Infinity'],
    ['-Infinity', -Infinity, '-Infinity'],
    ['null', null, 'None'],
    ['undefined', undefined, 'nothing'],
    ['true', true, 'True'],
    ['false', false, 'False'],
    ['a function', () => 1, 'a function'],
    ['an empty list', [], '[]'],
    ['a list', [1, 'a', null, NaN, false], "[1, 'a', None, NaN, False]"],
    ['a nested list', [[1, 2], [3], []], '[[1, 2], [3], []]'],
    ['an object', { a: 1, b: 'x' }, '{"a":1,"b":"x"}'],
    ['a bigint', 10n, '10'],
    ['a circular object', circular, '[object Object]'],
  ];
  for (const [label, value, text] of table) {
    it(`${label} → ${text}`, () => {
      expect(formatValue(value)).toBe(text);
    });
  }
});

describe('didYouMean', () => {
  const names = ['StepLR', 'MultiStepLR', 'ExponentialLR', 'CosineAnnealingLR', 'OneCycleLR'];
  const table: [received: string, known: string[], suggestion: string | undefined][] = [
    // exact match ignoring case, spelled as known
    ['steplr', names, 'StepLR'],
    ['ONECYCLELR', names, 'OneCycleLR'],
    // one edit
    ['StpLR', names, 'StepLR'],
    ['ExponentalLR', names, 'ExponentialLR'],
    // a transposition is two edits: within the limit of 2
    ['SetpLR', names, 'StepLR'],
    // containment counts as distance 1
    ['Exponential', names, 'ExponentialLR'],
    ['MultiStep', names, 'MultiStepLR'],
    // ties go to the first known name
    ['ab', ['ax', 'ay'], 'ax'],
    // the limit: max(2, ⌊length/3⌋)
    ['abcdefghi', ['abcxyzghi'], 'abcxyzghi'],
    ['abcdefghi', ['abxxyzghi'], undefined],
    ['abcd', ['abxy'], 'abxy'],
    ['abcd', ['axyz'], undefined],
    ['Plateau', ['ReduceLROnPlateau'], 'ReduceLROnPlateau'],
    ['ReduceLROnPlateauScheduler', ['ReduceLROnPlateau'], 'ReduceLROnPlateau'],
    ['torch.optim.lr_scheduler.StepLR', ['StepLR'], 'StepLR'],
    ['xyz', names, undefined],
    ['StepLR', [], undefined],
  ];
  for (const [received, known, suggestion] of table) {
    it(`'${received}' in [${known.join(', ')}] → ${suggestion ?? 'nothing'}`, () => {
      expect(didYouMean(received, known)).toBe(suggestion);
    });
  }

  it('takes any iterable', () => {
    expect(didYouMean('gama', new Set(['gamma', 'step_size']))).toBe('gamma');
    expect(didYouMean('gama', new Map([['gamma', 1]]).keys())).toBe('gamma');
  });
});

describe('SpecSyntaxError', () => {
  it('message names the column; caret() puts ^ under it', () => {
    const e = new SpecSyntaxError("unexpected ')'", 'StepLR(step_size=10))', 21);
    expect(e.message).toBe("unexpected ')' at column 21");
    expect(e.caret()).toBe(`StepLR(step_size=10))\n${' '.repeat(20)}^`);
  });

  const table: [source: string, column: number, caret: string][] = [
    ['abc', 1, 'abc\n^'],
    ['abc', 3, 'abc\n  ^'],
    // one past the end (unexpected end of input)
    ['abc', 4, 'abc\n   ^'],
    // columns below 1 put the caret at the start
    ['abc', 0, 'abc\n^'],
    ['abc', -5, 'abc\n^'],
    ['', 1, '\n^'],
  ];
  for (const [source, column, caret] of table) {
    it(`column ${column} of '${source}'`, () => {
      expect(new SpecSyntaxError('bad', source, column).caret()).toBe(caret);
    });
  }

  it('is an LrkitError that keeps its reason, source and column', () => {
    const e = new SpecSyntaxError('expected a name', 'StepLR(=1)', 8);
    expect(e).toBeInstanceOf(LrkitError);
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.reason, e.source, e.column, e.message]).toEqual([
      'SpecSyntaxError',
      'expected a name',
      'StepLR(=1)',
      8,
      'expected a name at column 8',
    ]);
  });
});

describe('error classes', () => {
  it('ParameterError: `<fn>: <param> <rule>, got <value>`', () => {
    const e = new ParameterError('StepLR', 'step_size', 'must be a positive integer', 0);
    expect(e).toBeInstanceOf(LrkitError);
    expect([e.name, e.message]).toEqual([
      'ParameterError',
      'StepLR: step_size must be a positive integer, got 0',
    ]);
    expect(new ParameterError('f', 'x', 'must be a list', [1, 'a']).message).toBe(
      "f: x must be a list, got [1, 'a']",
    );
  });

  it('UnknownNameError: with and without context and suggestion', () => {
    const full = new UnknownNameError('parameter', 'gama', 'gamma', 'StepLR');
    expect(full).toBeInstanceOf(LrkitError);
    expect([full.name, full.message]).toEqual([
      'UnknownNameError',
      "StepLR: unknown parameter 'gama'; did you mean 'gamma'?",
    ]);
    expect(new UnknownNameError('schedule', 'Foo', undefined).message).toBe(
      "unknown schedule 'Foo'",
    );
    expect(new UnknownNameError('schedule', 'StepL', 'StepLR').message).toBe(
      "unknown schedule 'StepL'; did you mean 'StepLR'?",
    );
  });

  it('SchedulerError and LrkitError names', () => {
    const s = new SchedulerError('stepped past the end');
    expect(s).toBeInstanceOf(LrkitError);
    expect([s.name, s.message]).toEqual(['SchedulerError', 'stepped past the end']);
    expect(new LrkitError('x').name).toBe('LrkitError');
  });
});

describe('didYouMean prefers the closest containing name (regression)', () => {
  it("'MultiStepLRs' → 'MultiStepLR', not 'StepLR'", () => {
    expect(didYouMean('MultiStepLRs', ['StepLR', 'MultiStepLR'])).toBe('MultiStepLR');
  });
});

describe('checkOptionKeys (shared by every function that takes an options object)', () => {
  const known = ['patience', 'factor', 'minLr'];
  const thrown = (options: unknown, what?: string): Error => {
    try {
      checkOptionKeys('reduceLROnPlateau', options, known, what);
    } catch (e) {
      return e as Error;
    }
    return expect.fail('expected an error');
  };

  it('passes known keys, an empty object and no options at all', () => {
    expect(() => checkOptionKeys('f', { patience: 3, factor: 0.5 }, known)).not.toThrow();
    expect(() => checkOptionKeys('f', {}, known)).not.toThrow();
    expect(() => checkOptionKeys('f', undefined, known)).not.toThrow();
  });

  it('names an unknown key and the closest known one', () => {
    const e = thrown({ patience: 1, patiense: 3 });
    expect(e).toBeInstanceOf(UnknownNameError);
    expect(e).toBeInstanceOf(LrkitError);
    expect(e.message).toBe(
      "reduceLROnPlateau: unknown option 'patiense'; did you mean 'patience'?",
    );
    // case and snake_case slips too; a key set to undefined is still a typo
    expect(thrown({ min_lr: undefined }).message).toBe(
      "reduceLROnPlateau: unknown option 'min_lr'; did you mean 'minLr'?",
    );
  });

  it('lists the known keys when none is close; `what` renames the kind of key', () => {
    expect(thrown({ monitorr: 'loss', x: 1 }).message).toBe(
      "reduceLROnPlateau: unknown option 'monitorr'; known options: patience, factor, minLr",
    );
    expect(thrown({ factr: 1 }, 'warmup option').message).toBe(
      "reduceLROnPlateau: unknown warmup option 'factr'; did you mean 'factor'?",
    );
  });

  it('options that are not an object are a ParameterError', () => {
    for (const [bad, shown] of [
      [null, 'None'],
      [[1], '[1]'],
      [3, '3'],
      ['patience', "'patience'"],
    ] as const) {
      const e = thrown(bad);
      expect(e).toBeInstanceOf(ParameterError);
      expect(e.message).toBe(`reduceLROnPlateau: options must be an object, got ${shown}`);
    }
  });
});
