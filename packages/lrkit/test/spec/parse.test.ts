/**
 * Tests for the spec parser: the Python-call form, its constant folding and lambdas, the JSON
 * form, and the message and column of every syntax error.
 *
 * @example npx vitest run test/spec/parse.test.ts
 */

import { describe, it, expect } from 'vitest';
import type { CallNode, SpecNode } from '../../src/spec/ast.js';
import { parseSpec, parseSpecJson, parseSpecText } from '../../src/spec/parse.js';
import { LrkitError, SpecSyntaxError } from '../../src/errors.js';

const num = (value: number, isInt: boolean, pos: number): SpecNode => ({
  kind: 'number',
  value,
  isInt,
  pos,
});
const str = (value: string, pos: number): SpecNode => ({ kind: 'string', value, pos });

/** The value of keyword `key` in a one-call spec. */
function kw(source: string, key: string): SpecNode {
  const found = parseSpec(source).kwargs.find((k) => k.name === key);
  if (!found) throw new Error(`no keyword ${key}`);
  return found.value;
}

/** The value of `F(a=<expr>)`. */
function value(expr: string): SpecNode {
  return kw(`F(a=${expr})`, 'a');
}

/** The folded number of `F(a=<expr>)`. */
function fold(expr: string): { value: number; isInt: boolean } {
  const node = value(expr);
  if (node.kind !== 'number') throw new Error(`${expr} is a ${node.kind}`);
  return { value: node.value, isInt: node.isInt };
}

/** The SpecSyntaxError thrown by `fn`. */
function syntaxError(fn: () => unknown): SpecSyntaxError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SpecSyntaxError) return err;
    throw err;
  }
  throw new Error('expected a SpecSyntaxError');
}

describe('parseSpec: the examples', () => {
  it('reads keyword arguments', () => {
    expect(parseSpec('StepLR(step_size=10, gamma=0.9)')).toEqual({
      kind: 'call',
      name: 'StepLR',
      args: [],
      kwargs: [
        { name: 'step_size', value: num(10, true, 17), pos: 7 },
        { name: 'gamma', value: num(0.9, false, 27), pos: 21 },
      ],
      pos: 0,
    });
  });

  it('keeps dotted names whole and reads a bare identifier as a name', () => {
    const src =
      "torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=[0.1, 0.01], total_steps=100, anneal_strategy='linear', three_phase=True)";
    expect(parseSpec(src)).toEqual({
      kind: 'call',
      name: 'torch.optim.lr_scheduler.OneCycleLR',
      args: [{ kind: 'name', name: 'optimizer', pos: 36 }],
      kwargs: [
        {
          name: 'max_lr',
          value: {
            kind: 'list',
            items: [num(0.1, false, 55), num(0.01, false, 60)],
            tuple: false,
            pos: 54,
          },
          pos: 47,
        },
        { name: 'total_steps', value: num(100, true, 79), pos: 67 },
        { name: 'anneal_strategy', value: str('linear', 100), pos: 84 },
        { name: 'three_phase', value: { kind: 'bool', value: true, pos: 122 }, pos: 110 },
      ],
      pos: 0,
    });
  });

  it('reads nested calls', () => {
    const src =
      'SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=45)], milestones=[5])';
    expect(parseSpec(src)).toEqual({
      kind: 'call',
      name: 'SequentialLR',
      args: [],
      kwargs: [
        {
          name: 'schedulers',
          value: {
            kind: 'list',
            items: [
              {
                kind: 'call',
                name: 'LinearLR',
                args: [],
                kwargs: [
                  { name: 'start_factor', value: num(0.1, false, 47), pos: 34 },
                  { name: 'total_iters', value: num(5, true, 64), pos: 52 },
                ],
                pos: 25,
              },
              {
                kind: 'call',
                name: 'CosineAnnealingLR',
                args: [],
                kwargs: [{ name: 'T_max', value: num(45, true, 92), pos: 86 }],
                pos: 68,
              },
            ],
            tuple: false,
            pos: 24,
          },
          pos: 13,
        },
        {
          name: 'milestones',
          value: { kind: 'list', items: [num(5, true, 110)], tuple: false, pos: 109 },
          pos: 98,
        },
      ],
      pos: 0,
    });
  });

  it('keeps lambdas written as strings as strings', () => {
    const src = "LambdaLR(lr_lambda=['lambda e: 0.95**e', 'lambda e: 1/(1+0.01*e)'])";
    expect(kw(src, 'lr_lambda')).toEqual({
      kind: 'list',
      items: [str('lambda e: 0.95**e', 20), str('lambda e: 1/(1+0.01*e)', 41)],
      tuple: false,
      pos: 19,
    });
  });

  it('keeps an inline lambda as its exact source text', () => {
    const src = 'LambdaLR(lr_lambda=lambda epoch: min(1.0, (epoch + 1) / 10))';
    expect(parseSpec(src)).toEqual({
      kind: 'call',
      name: 'LambdaLR',
      args: [],
      kwargs: [
        {
          name: 'lr_lambda',
          value: { kind: 'lambda', source: 'lambda epoch: min(1.0, (epoch + 1) / 10)', pos: 19 },
          pos: 9,
        },
      ],
      pos: 0,
    });
  });

  it('reads dicts with int keys', () => {
    const src =
      'optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={10: 0.5, 25: 0.1})';
    expect(parseSpec(src)).toEqual({
      kind: 'call',
      name: 'optax.piecewise_constant_schedule',
      args: [],
      kwargs: [
        { name: 'init_value', value: num(0.1, false, 45), pos: 34 },
        {
          name: 'boundaries_and_scales',
          value: {
            kind: 'dict',
            entries: [
              { key: num(10, true, 73), value: num(0.5, false, 77) },
              { key: num(25, true, 82), value: num(0.1, false, 86) },
            ],
            pos: 72,
          },
          pos: 50,
        },
      ],
      pos: 0,
    });
  });

  it('reads positional arguments and string-keyed dicts', () => {
    const src =
      "transformers.get_scheduler('warmup_stable_decay', num_warmup_steps=10, num_training_steps=100, scheduler_specific_kwargs={'num_decay_steps': 30})";
    expect(parseSpec(src)).toEqual({
      kind: 'call',
      name: 'transformers.get_scheduler',
      args: [str('warmup_stable_decay', 27)],
      kwargs: [
        { name: 'num_warmup_steps', value: num(10, true, 67), pos: 50 },
        { name: 'num_training_steps', value: num(100, true, 90), pos: 71 },
        {
          name: 'scheduler_specific_kwargs',
          value: {
            kind: 'dict',
            entries: [{ key: str('num_decay_steps', 122), value: num(30, true, 141) }],
            pos: 121,
          },
          pos: 95,
        },
      ],
      pos: 0,
    });
  });

  it('folds constant arithmetic into one number that starts where the expression does', () => {
    expect(parseSpec('ExponentialLR(gamma=(1e-4/0.1)**(1/10000))')).toEqual({
      kind: 'call',
      name: 'ExponentialLR',
      args: [],
      // Python: (1e-4/0.1)**(1/10000) == 0.9993094630025899
      kwargs: [{ name: 'gamma', value: num(0.9993094630025899, false, 20), pos: 14 }],
      pos: 0,
    });
  });
});

describe('parseSpec: numbers', () => {
  it.each([
    ['10', 10, true],
    ['0', 0, true],
    ['0.5', 0.5, false],
    ['1e-4', 1e-4, false],
    ['1E5', 1e5, false],
    ['.5', 0.5, false],
    ['5.', 5, false],
    ['5.e1', 50, false],
    ['1_000_000', 1000000, true],
    ['1_000.000_1', 1000.0001, false],
    ['0x1F', 31, true],
    ['0o17', 15, true],
    ['0b101', 5, true],
    ['00', 0, true],
  ])('reads the literal %s', (text, expected, isInt) => {
    expect(fold(text)).toEqual({ value: expected, isInt });
  });

  it.each([
    ["float('inf')", Infinity],
    ["float('-inf')", -Infinity],
    ['float("Infinity")', Infinity],
    ["float('nan')", NaN],
    ["float(' 1_0.5 ')", 10.5],
    ['float(3)', 3],
    ['math.inf', Infinity],
    ['-math.inf', -Infinity],
    ['math.pi', Math.PI],
    ['math.e', Math.E],
    ['inf', Infinity],
    ['nan', NaN],
    ['np.inf', Infinity],
  ])('reads %s as a float', (text, expected) => {
    expect(fold(text)).toEqual({ value: expected, isInt: false });
  });

  it('reads True, False and None', () => {
    expect(value('True')).toEqual({ kind: 'bool', value: true, pos: 4 });
    expect(value('False')).toEqual({ kind: 'bool', value: false, pos: 4 });
    expect(value('None')).toEqual({ kind: 'none', pos: 4 });
  });

  // Expected values and int-ness are what CPython 3 prints for the same expression.
  it.each([
    ['-2**2', -4, true],
    ['2**-1', 0.5, false],
    ['2**3**2', 512, true],
    ['-3**-2', -0.1111111111111111, false],
    ['(-2)**3', -8, true],
    ['(-2.0)**3', -8, false],
    ['2**0.5', 1.4142135623730951, false],
    ['1 + 2 * 3', 7, true],
    ['(1 + 2) * 3', 9, true],
    ['10 - 2 - 3', 5, true],
    ['6 / 3', 2, false],
    ['1 / 3', 0.3333333333333333, false],
    ['7 // 2', 3, true],
    ['7 // -2', -4, true],
    ['-7 // 2', -4, true],
    ['7.5 // -2', -4, false],
    ['-7 % 3', 2, true],
    ['7 % -3', -2, true],
    ['-7.0 % 3', 2, false],
    ['7 % -3.0', -2, false],
    ['0.1 + 0.2', 0.30000000000000004, false],
    ['+5', 5, true],
    ['- -5', 5, true],
    // Python's int 33333333333333333333, as the nearest double.
    ['10**20 // 3', 3.3333333333333332e19, true],
    ['2**64 / 2**60', 16, false],
    ['(10**400 + 1) // 10**399', 10, true],
    ['10**400 / 10**399', 10, false],
    ['1e308 * 10', Infinity, false],
    ['1 ** nan', 1, false],
    ['(-1) ** inf', 1, false],
    ['2 ** 0', 1, true],
  ])('folds %s like Python', (expr, expected, isInt) => {
    expect(fold(expr)).toEqual({ value: expected, isInt });
  });

  it('keeps the sign of zero as Python does', () => {
    expect(Object.is(fold('-0.0').value, -0)).toBe(true);
    expect(Object.is(fold('-0').value, 0)).toBe(true);
    expect(Object.is(fold('-0.0 // 1').value, -0)).toBe(true);
    expect(Object.is(fold('0.0 % -5').value, -0)).toBe(true);
    expect(Object.is(fold('-0.0 % 5').value, 0)).toBe(true);
  });

  it('gives a folded number the start of its expression, parentheses included', () => {
    expect(value('-0.5')).toEqual(num(-0.5, false, 4));
    expect(value('(0.5)')).toEqual(num(0.5, false, 4));
    expect(value('  2 * 3')).toEqual(num(6, true, 6));
    expect(value('(StepLR())')).toMatchObject({ kind: 'call', pos: 5 });
  });
});

describe('parseSpec: strings, lists, tuples, layout', () => {
  it('reads both quote styles and backslash escapes', () => {
    expect(value(String.raw`'it\'s'`)).toEqual(str("it's", 4));
    expect(value(String.raw`"say \"hi\""`)).toEqual(str('say "hi"', 4));
    expect(value(String.raw`'a\\b\nc\td'`)).toEqual(str('a\\b\nc\td', 4));
    expect(value(String.raw`'\x41\u00e9'`)).toEqual(str('Aé', 4));
    expect(value(String.raw`'\d'`)).toEqual(str('\\d', 4));
    expect(value(String.raw`r'\d\n'`)).toEqual(str('\\d\\n', 4));
    expect(value(`"it's"`)).toEqual(str("it's", 4));
    expect(value(`'a' "b"`)).toEqual(str('ab', 4));
  });

  it('reads tuples, grouping and lists with trailing commas', () => {
    expect(value('(1, 2)')).toEqual({
      kind: 'list',
      items: [num(1, true, 5), num(2, true, 8)],
      tuple: true,
      pos: 4,
    });
    expect(value('(1,)')).toEqual({ kind: 'list', items: [num(1, true, 5)], tuple: true, pos: 4 });
    expect(value('()')).toEqual({ kind: 'list', items: [], tuple: true, pos: 4 });
    expect(value('(1)')).toEqual(num(1, true, 4));
    expect(value('("a")')).toEqual(str('a', 5));
    expect(value('[1, 2,]')).toEqual({
      kind: 'list',
      items: [num(1, true, 5), num(2, true, 8)],
      tuple: false,
      pos: 4,
    });
    expect(value('[]')).toEqual({ kind: 'list', items: [], tuple: false, pos: 4 });
    expect(value("{'a': 1,}")).toEqual({
      kind: 'dict',
      entries: [{ key: str('a', 5), value: num(1, true, 10) }],
      pos: 4,
    });
    expect(value('{}')).toEqual({ kind: 'dict', entries: [], pos: 4 });
    expect(value('{-1: 2, 0.5: 3}')).toMatchObject({
      entries: [{ key: num(-1, true, 5) }, { key: num(0.5, false, 12) }],
    });
    expect(parseSpec('F(1, a=2,)')).toMatchObject({
      args: [num(1, true, 2)],
      kwargs: [{ name: 'a' }],
    });
  });

  it('allows whitespace, newlines, comments and continuations between tokens', () => {
    const src = [
      'scheduler = torch.optim.lr_scheduler.StepLR(  # pasted',
      '    optimizer,',
      '    step_size = 10,  # every ten epochs',
      '    gamma=0.5 \\',
      '      * 2,',
      ')',
    ].join('\n');
    const node = parseSpec(src);
    expect(node).toEqual({
      kind: 'call',
      name: 'torch.optim.lr_scheduler.StepLR',
      args: [{ kind: 'name', name: 'optimizer', pos: src.indexOf('optimizer') }],
      kwargs: [
        {
          name: 'step_size',
          value: num(10, true, src.indexOf('10')),
          pos: src.indexOf('step_size'),
        },
        { name: 'gamma', value: num(1, false, src.indexOf('0.5')), pos: src.indexOf('gamma') },
      ],
      pos: 12,
    });
  });

  it('accepts CRLF line ends', () => {
    expect(parseSpec('StepLR(\r\n  step_size=10,\r\n)').kwargs[0]!.name).toBe('step_size');
  });
});

describe('parseSpec: lambdas', () => {
  const lambdaOf = (expr: string): string => {
    const node = value(expr);
    if (node.kind !== 'lambda') throw new Error(`not a lambda: ${node.kind}`);
    return node.source;
  };

  it.each([
    ['lambda e: 0.95 ** e'],
    ['lambda e: [1, 2][e % 2]'],
    ["lambda e: {'a': (1, 2)}['a'][0]"],
    ["lambda e: len('),]}') * e"],
    ['lambda e: 1.0 if e < 5 else 0.1'],
    ['lambda e, k=2: e * k'],
    ['lambda: 0.1'],
    ['lambda e: lambda x, y: x'],
    ['lambda e: (lambda x: x)(e)'],
  ])('takes %s verbatim', (src) => {
    expect(lambdaOf(src)).toBe(src);
  });

  it('ends a lambda at , ) ] } at depth 0 and trims it', () => {
    expect(parseSpec('F(lambda e: e * 2 , 3)').args).toEqual([
      { kind: 'lambda', source: 'lambda e: e * 2', pos: 2 },
      num(3, true, 20),
    ]);
    expect(value('[lambda e: e, 1]')).toMatchObject({
      items: [{ kind: 'lambda', source: 'lambda e: e' }, num(1, true, 18)],
    });
    expect(value('{1: lambda e: e}')).toMatchObject({
      entries: [{ value: { kind: 'lambda', source: 'lambda e: e', pos: 8 } }],
    });
  });

  it('keeps a multi-line lambda but not its trailing comment', () => {
    const src = 'LambdaLR(lr_lambda=lambda e: min(1.0,\n    e / 10)  # warm up\n)';
    expect(kw(src, 'lr_lambda')).toEqual({
      kind: 'lambda',
      source: 'lambda e: min(1.0,\n    e / 10)',
      pos: 19,
    });
  });
});

describe('parseSpec: errors', () => {
  it.each([
    // [source, message, column]
    ['', 'spec is empty at column 1', 1],
    ['   # nothing', 'spec is empty at column 1', 1],
    ['0.5', 'expected a call such as StepLR(step_size=10), got a number at column 1', 1],
    [
      'StepLR',
      "expected a call such as StepLR(step_size=10), got 'StepLR' without parentheses at column 1",
      1,
    ],
    ["'StepLR'", 'expected a call such as StepLR(step_size=10), got a string at column 1', 1],
    ['StepLR(gamma=$)', "unexpected character '$' at column 14", 14],
    ['StepLR(gamma=0.9;)', "unexpected character ';' at column 17", 17],
    ['StepLR(gamma=‘x’)', `unexpected character '‘' (a curly quote; use ' or ") at column 14`, 14],
    ["StepLR(mode='min)", 'unterminated string at column 13', 13],
    ['StepLR(mode="min\n")', 'line 1: unterminated string at column 13', 13],
    ['StepLR(gamma=0.9', "missing ')' (the '(' at column 7 was never closed) at column 17", 17],
    ['StepLR(gamma=[0.9', "missing ']' (the '[' at column 14 was never closed) at column 18", 18],
    ['StepLR(gamma=0.9]', "expected ')' (to close the '(' at column 7), got ']' at column 17", 17],
    ['F(a=[1, 2)', "expected ']' (to close the '[' at column 5), got ')' at column 10", 10],
    ['F(a={1: 2)', "expected '}' (to close the '{' at column 5), got ')' at column 10", 10],
    ['StepLR(gamma=0.9))', "unmatched ')' at column 18", 18],
    [')', "unmatched ')' at column 1", 1],
    ['StepLR(gamma=0.9 step_size=3)', "expected ',' or ')', got 'step_size' at column 18", 18],
    ['StepLR(gamma=)', "expected a value, got ')' at column 14", 14],
    [
      'StepLR(gamma=0.9, 10)',
      'StepLR: positional argument follows keyword argument at column 19',
      19,
    ],
    ['StepLR(gamma=0.9, gamma=0.5)', "StepLR: keyword argument 'gamma' repeated at column 19", 19],
    [
      'a.StepLR(gamma=0.9, gamma=0.5)',
      "a.StepLR: keyword argument 'gamma' repeated at column 21",
      21,
    ],
    ['StepLR(gamma=0.9) x', "unexpected text after the call: 'x' at column 19", 19],
    ['StepLR(), StepLR()', "unexpected text after the call: ', StepLR()' at column 9", 9],
    ['StepLR(1=2)', 'StepLR: keyword must be an identifier, got 1 at column 8', 8],
    ["StepLR('a'=2)", "StepLR: keyword must be an identifier, got 'a' at column 8", 8],
    ['StepLR(a.b=2)', 'StepLR: keyword must be an identifier, got a.b at column 8', 8],
    ['StepLR(True=2)', 'StepLR: keyword must be an identifier, got True at column 8', 8],
    [
      'StepLR(*args)',
      'StepLR: *args unpacking is not supported; write the arguments out at column 8',
      8,
    ],
    [
      'StepLR(step_size=1, **kw)',
      'StepLR: **kwargs unpacking is not supported; write the keyword arguments out at column 21',
      21,
    ],
    ['F(a=[*x])', "'*' unpacking is not supported; write the values out at column 6", 6],
    ["F(a='a' * 2)", "'*' needs numbers on both sides, got a string at column 5", 5],
    ['F(a=2 + None)', "'+' needs numbers on both sides, got None at column 9", 9],
    ['F(a=[1] * 2)', "'*' needs numbers on both sides, got a list at column 5", 5],
    ["F(a=-'x')", "unary '-' needs a number, got a string at column 6", 6],
    ['F(a=1 / 0)', 'division by zero at column 9', 9],
    ['F(a=1 // 0.0)', 'division by zero at column 10', 10],
    ['F(a=1 % (2 - 2))', 'division by zero at column 9', 9],
    ['F(a=0 ** -1)', '0.0 cannot be raised to a negative power (division by zero) at column 5', 5],
    [
      'F(a=(-8) ** 0.5)',
      'a negative number raised to a fractional power is complex at column 5',
      5,
    ],
    ['F(a=10.0 ** 400)', 'numeric result out of range at column 10', 10],
    ['F(a=10 ** 400)', 'integer is too large to convert to a float at column 5', 5],
    ['F(a=1e)', "invalid number literal '1e' at column 5", 5],
    ['F(a=1__0)', "invalid number literal '1__0' at column 5", 5],
    ['F(a=010)', 'leading zeros in decimal integer literals are not permitted at column 5', 5],
    ["F(a=float('x'))", "could not convert string to float: 'x' at column 11", 11],
    ["F(a=f'x')", 'f-strings are not supported; write a plain string at column 5', 5],
    ['F(a={1, 2})', 'sets are not supported; use a list such as [1, 2] at column 5', 5],
    ['F(a={1: 2, 3})', "expected ':' after the dict key, got '}' at column 13", 13],
    ['F(a={1: 2, 1: 3})', 'duplicate dict key 1 at column 12', 12],
    ['F(a={None: 2})', 'dict keys must be numbers or strings, got None at column 6', 6],
    ['F(a=lambda e)', "lambda is missing ':' before its body at column 5", 5],
    ['F(a=lambda e: )', 'lambda has an empty body at column 15', 15],
    [
      'F(a=lambda e: (e])',
      "expected ')' (to close the '(' at column 15), got ']' at column 17",
      17,
    ],
    ['F(a=lambda e: (e', "missing ')' (the '(' at column 15 was never closed) at column 17", 17],
    ["F(a=lambda e: 'e)", 'unterminated string at column 15', 15],
    ['F(a=if)', "unexpected keyword 'if' at column 5", 5],
    ['F(a=torch.)', "expected a name after '.', got ')' at column 11", 11],
  ])('%j', (source, message, column) => {
    const err = syntaxError(() => parseSpec(source));
    expect(err.message).toBe(message);
    expect(err.column).toBe(column);
    expect(err).toBeInstanceOf(LrkitError);
  });

  it('reports the line of an error in a multi-line spec and the column within it', () => {
    const err = syntaxError(() => parseSpec('StepLR(\n  step_size=10,\n  gamma=$,\n)'));
    expect(err.message).toBe("line 3: unexpected character '$' at column 9");
    expect(err.column).toBe(9);
    expect(err.source).toBe('  gamma=$,');
    expect(err.caret()).toBe('  gamma=$,\n        ^');
  });

  it('points at the opening bracket by line in a multi-line spec', () => {
    const err = syntaxError(() => parseSpec('StepLR(\n  step_size=10,\n  gamma=0.5'));
    expect(err.message).toBe(
      "line 3: missing ')' (the '(' at line 1 column 7 was never closed) at column 12",
    );
    expect(err.column).toBe(12);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const err = syntaxError(() => parseSpec(`F(a=${'['.repeat(500)}${']'.repeat(500)})`));
    expect(err.message).toBe('spec is nested too deeply at column 204');
    expect(err.column).toBe(204);
    expect(parseSpec(`F(a=${'['.repeat(100)}${']'.repeat(100)})`).kwargs).toHaveLength(1);
  });

  it('renders a caret under the column', () => {
    const err = syntaxError(() => parseSpec('StepLR(gamma=0.9))'));
    expect(err.caret()).toBe('StepLR(gamma=0.9))\n                 ^');
  });
});

describe('parseSpecJson', () => {
  it('reads name, params and args', () => {
    expect(
      parseSpecJson({
        name: 'transformers.get_scheduler',
        args: ['cosine'],
        params: { num_warmup_steps: 10, ratio: 0.5, flag: true, none: null, l: [1, 2.5] },
      }),
    ).toEqual({
      kind: 'call',
      name: 'transformers.get_scheduler',
      args: [str('cosine', -1)],
      kwargs: [
        { name: 'num_warmup_steps', value: num(10, true, -1), pos: -1 },
        { name: 'ratio', value: num(0.5, false, -1), pos: -1 },
        { name: 'flag', value: { kind: 'bool', value: true, pos: -1 }, pos: -1 },
        { name: 'none', value: { kind: 'none', pos: -1 }, pos: -1 },
        {
          name: 'l',
          value: {
            kind: 'list',
            items: [num(1, true, -1), num(2.5, false, -1)],
            tuple: false,
            pos: -1,
          },
          pos: -1,
        },
      ],
      pos: -1,
    });
  });

  it('accepts "scheduler" for "name" and a missing top-level params', () => {
    expect(parseSpecJson({ scheduler: 'StepLR', params: {} })).toEqual({
      kind: 'call',
      name: 'StepLR',
      args: [],
      kwargs: [],
      pos: -1,
    });
    expect(parseSpecJson({ name: 'ConstantLR' })).toMatchObject({ name: 'ConstantLR', kwargs: [] });
  });

  it('reads nested schedules, plain dicts, lambda strings and non-finite strings', () => {
    const node = parseSpecJson({
      name: 'SequentialLR',
      params: {
        schedulers: [
          { name: 'LinearLR', params: { start_factor: 0.1 } },
          { scheduler: 'LambdaLR', params: { lr_lambda: 'lambda e: 0.9 ** e' } },
        ],
        boundaries: { '10': 0.5, name: 'not a call' },
        bad: ['NaN', 'Infinity', '-Infinity'],
      },
    });
    expect(node.kwargs).toEqual([
      {
        name: 'schedulers',
        value: {
          kind: 'list',
          items: [
            {
              kind: 'call',
              name: 'LinearLR',
              args: [],
              kwargs: [{ name: 'start_factor', value: num(0.1, false, -1), pos: -1 }],
              pos: -1,
            },
            {
              kind: 'call',
              name: 'LambdaLR',
              args: [],
              kwargs: [{ name: 'lr_lambda', value: str('lambda e: 0.9 ** e', -1), pos: -1 }],
              pos: -1,
            },
          ],
          tuple: false,
          pos: -1,
        },
        pos: -1,
      },
      {
        name: 'boundaries',
        value: {
          kind: 'dict',
          entries: [
            { key: str('10', -1), value: num(0.5, false, -1) },
            { key: str('name', -1), value: str('not a call', -1) },
          ],
          pos: -1,
        },
        pos: -1,
      },
      {
        name: 'bad',
        value: {
          kind: 'list',
          items: [str('NaN', -1), str('Infinity', -1), str('-Infinity', -1)],
          tuple: false,
          pos: -1,
        },
        pos: -1,
      },
    ]);
  });

  it.each([
    [
      42,
      'spec JSON: the spec must be an object with "name" and "params", e.g. {"name": "StepLR", "params": {"step_size": 10}}',
    ],
    [
      { params: {} },
      'spec JSON: the spec must be an object with "name" and "params", e.g. {"name": "StepLR", "params": {"step_size": 10}}',
    ],
    [
      { name: 'StepLR', scheduler: 'StepLR', params: {} },
      'spec JSON: the spec must be an object with "name" and "params"; give "name" or "scheduler", not both',
    ],
    [
      { name: 'StepLR', params: [] },
      'spec JSON: the spec must be an object with "name" and "params"; "params" must be an object, got []',
    ],
    [
      { name: 'StepLR', params: {}, extra: 1 },
      'spec JSON: the spec must be an object with "name" and "params"; unexpected key "extra"',
    ],
    [
      { name: 'StepLR', params: {}, args: 'x' },
      `spec JSON: the spec must be an object with "name" and "params"; "args" must be an array, got 'x'`,
    ],
    [
      { name: 'Step LR', params: {} },
      'spec JSON: name must be a schedule name such as "StepLR", got "Step LR"',
    ],
    [
      { name: 'StepLR', params: { 'step size': 1 } },
      'spec JSON: params key "step size" is not a valid keyword name',
    ],
    [
      {
        name: 'S',
        params: {
          schedulers: [
            { name: 'A', params: {} },
            { name: 3, params: {} },
          ],
        },
      },
      'spec JSON: params.schedulers[1] must be an object with "name" and "params"; "name" must be a string, got 3',
    ],
    [
      { name: 'S', params: { schedulers: [{ name: 'A', params: 5 }] } },
      'spec JSON: params.schedulers[0] must be an object with "name" and "params"; "params" must be an object, got 5',
    ],
    [
      { name: 'S', params: { x: { 'a b': [undefined] } } },
      'spec JSON: params.x["a b"][0] must be a JSON value, got undefined',
    ],
    [
      { name: 'S', args: [{ name: 'A', params: { f: () => 1 } }] },
      'spec JSON: args[0].params.f must be a JSON value, got function',
    ],
  ])('rejects %j', (input, message) => {
    expect(() => parseSpecJson(input)).toThrow(LrkitError);
    expect(() => parseSpecJson(input)).toThrow(message);
    try {
      parseSpecJson(input);
    } catch (err) {
      expect((err as Error).message).toBe(message);
    }
  });
});

describe('parseSpecText', () => {
  it('reads JSON when the text starts with {', () => {
    const node: CallNode = parseSpecText('  {"name": "StepLR", "params": {"step_size": 10}}\n');
    expect(node).toEqual({
      kind: 'call',
      name: 'StepLR',
      args: [],
      kwargs: [{ name: 'step_size', value: num(10, true, -1), pos: -1 }],
      pos: -1,
    });
  });

  it('reads Python otherwise', () => {
    expect(parseSpecText(' StepLR(step_size=10)')).toMatchObject({ name: 'StepLR', pos: 1 });
  });

  it.each([
    ['{"name": }', 'invalid JSON: unexpected "}", expected a value at column 10', 10],
    [
      '{"name": "X" "params": {}}',
      `invalid JSON: unexpected "\\"", expected ',' or '}' at column 14`,
      14,
    ],
    ['{"name": "X}', 'invalid JSON: unterminated string at column 10', 10],
    [
      "{'name': 'X'}",
      `invalid JSON: unexpected "'", expected a property name in double quotes at column 2`,
      2,
    ],
    [
      '{"name": "X", "params": {}} x',
      'invalid JSON: unexpected text after the JSON value at column 29',
      29,
    ],
    [
      '{\n  "name": "X",\n  "params": {"a": [1, 2}\n}',
      `line 3: invalid JSON: unexpected "}", expected ',' or ']' at column 24`,
      24,
    ],
  ])('turns a JSON syntax error into a SpecSyntaxError: %j', (source, message, column) => {
    const err = syntaxError(() => parseSpecText(source));
    expect(err.message).toBe(message);
    expect(err.column).toBe(column);
  });
});
