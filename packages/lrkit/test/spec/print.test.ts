/**
 * Tests for printing spec trees: canonical Python text, the JSON form, and round trips through
 * the parser (exact to the bit for numbers).
 *
 * @example npx vitest run test/spec/print.test.ts
 */

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { CallNode, NumberNode, SpecNode, StringNode } from '../../src/spec/ast.js';
import { parseSpec, parseSpecJson } from '../../src/spec/parse.js';
import { printSpec, specToJson } from '../../src/spec/print.js';

const num = (value: number, isInt = Number.isInteger(value)): NumberNode => ({
  kind: 'number',
  value,
  isInt,
  pos: -1,
});
const str = (value: string): StringNode => ({ kind: 'string', value, pos: -1 });
const call = (name: string, kwargs: Record<string, SpecNode>, args: SpecNode[] = []): CallNode => ({
  kind: 'call',
  name,
  args,
  kwargs: Object.entries(kwargs).map(([k, value]) => ({ name: k, value, pos: -1 })),
  pos: -1,
});

/** A tree without positions; numbers as text that tells every double apart (-0 included). */
function strip(node: SpecNode): unknown {
  switch (node.kind) {
    case 'number':
      return { n: Object.is(node.value, -0) ? '-0' : String(node.value), isInt: node.isInt };
    case 'string':
    case 'bool':
      return { kind: node.kind, value: node.value };
    case 'none':
      return { kind: 'none' };
    case 'list':
      return { kind: 'list', tuple: node.tuple, items: node.items.map(strip) };
    case 'dict':
      return { dict: node.entries.map((e) => [strip(e.key), strip(e.value)]) };
    case 'name':
      return { name: node.name };
    case 'lambda':
      return { lambda: node.source };
    case 'call':
      return {
        call: node.name,
        args: node.args.map(strip),
        kwargs: node.kwargs.map((k) => [k.name, strip(k.value)]),
      };
  }
}

/** Every number in a tree, in order. */
function numbersOf(node: SpecNode): number[] {
  switch (node.kind) {
    case 'number':
      return [node.value];
    case 'list':
      return node.items.flatMap(numbersOf);
    case 'dict':
      return node.entries.flatMap((e) => [...numbersOf(e.key), ...numbersOf(e.value)]);
    case 'call':
      return [...node.args.flatMap(numbersOf), ...node.kwargs.flatMap((k) => numbersOf(k.value))];
    default:
      return [];
  }
}

function expectSameTree(actual: SpecNode, expected: SpecNode): void {
  expect(strip(actual)).toEqual(strip(expected));
  const a = numbersOf(actual);
  const b = numbersOf(expected);
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Object.is(v, b[i])).toBe(true));
}

describe('printSpec', () => {
  it('prints calls canonically', () => {
    const src =
      'torch.optim.lr_scheduler.OneCycleLR( optimizer,max_lr=[0.1,0.01] ,total_steps=100,anneal_strategy="linear",three_phase=True,)';
    expect(printSpec(parseSpec(src))).toBe(
      "torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=[0.1, 0.01], total_steps=100, anneal_strategy='linear', three_phase=True)",
    );
    expect(
      printSpec(
        parseSpec(
          'SequentialLR(schedulers=[LinearLR(start_factor=0.1,total_iters=5),CosineAnnealingLR(T_max=45)],milestones=[5])',
        ),
      ),
    ).toBe(
      'SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=45)], milestones=[5])',
    );
  });

  it('prints tuples, dicts, None, lambdas and names', () => {
    expect(printSpec(parseSpec("F((1,), (1, 2), (), {10: 0.5, 'k': None}, lambda e: e, x)"))).toBe(
      "F((1,), (1, 2), (), {10: 0.5, 'k': None}, lambda e: e, x)",
    );
  });

  it.each([
    [num(10), '10'],
    [num(-3), '-3'],
    [num(1e22), '10000000000000000000000'],
    [num(1, false), '1.0'],
    [num(-2, false), '-2.0'],
    [num(0.1), '0.1'],
    [num(123.456), '123.456'],
    [num(0.0001), '0.0001'],
    [num(0.00001234), '1.234e-05'],
    [num(1e-5), '1e-05'],
    [num(1e15, false), '1000000000000000.0'],
    [num(1e16, false), '1e+16'],
    [num(123456789012345680000, false), '1.2345678901234568e+20'],
    [num(5e-324), '5e-324'],
    [num(1.7976931348623157e308, false), '1.7976931348623157e+308'],
    [num(-0, false), '-0.0'],
    [num(0, false), '0.0'],
    [num(NaN), "float('nan')"],
    [num(Infinity), "float('inf')"],
    [num(-Infinity), "-float('inf')"],
  ])('prints the number %j as Python repr does: %s', (node, text) => {
    expect(printSpec(node)).toBe(text);
    expectSameTree(parseSpec(`F(a=${text})`).kwargs[0]!.value, node);
  });

  it.each([
    ['plain', "'plain'"],
    ["it's", String.raw`'it\'s'`],
    ['say "hi"', `'say "hi"'`],
    ['a\\b', String.raw`'a\\b'`],
    ['line\nnext\ttab\rcr', String.raw`'line\nnext\ttab\rcr'`],
    ['\x00\x1f\x7f', String.raw`'\x00\x1f\x7f'`],
    ['é → 😀', "'é → 😀'"],
  ])('quotes the string %j as %s', (value, text) => {
    expect(printSpec(str(value))).toBe(text);
    expect(parseSpec(`F(${text})`).args[0]).toEqual({ kind: 'string', value, pos: 2 });
  });
});

describe('specToJson', () => {
  it('writes name and params, and args only when there are positional arguments', () => {
    expect(specToJson(parseSpec('StepLR(step_size=10, gamma=0.9)'))).toEqual({
      name: 'StepLR',
      params: { step_size: 10, gamma: 0.9 },
    });
    expect(
      specToJson(parseSpec("get_scheduler('cosine', optimizer, num_warmup_steps=10)")),
    ).toEqual({
      name: 'get_scheduler',
      params: { num_warmup_steps: 10 },
      args: ['cosine', 'optimizer'],
    });
  });

  it('writes nested calls, lambdas, non-finite numbers, tuples and dicts', () => {
    const node = parseSpec(
      "SequentialLR(schedulers=[LambdaLR(lr_lambda=lambda e: 0.9 ** e), ConstantLR(factor=float('nan'))], r=(math.inf, -inf), d={10: 0.5, 'a': None, 2.5: True})",
    );
    expect(specToJson(node)).toEqual({
      name: 'SequentialLR',
      params: {
        schedulers: [
          { name: 'LambdaLR', params: { lr_lambda: 'lambda e: 0.9 ** e' } },
          { name: 'ConstantLR', params: { factor: 'NaN' } },
        ],
        r: ['Infinity', '-Infinity'],
        d: { '10': 0.5, a: null, '2.5': true },
      },
    });
  });

  it('keeps a __proto__ dict key as data', () => {
    const json = specToJson(parseSpec("F(d={'__proto__': 1})")) as { params: { d: object } };
    expect(Object.keys(json.params.d)).toEqual(['__proto__']);
    expect(JSON.stringify(json)).toBe('{"name":"F","params":{"d":{"__proto__":1}}}');
  });

  it('is read back by parseSpecJson', () => {
    const node = parseSpec(
      "SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=5)], milestones=[5], k={'num_decay_steps': 30})",
    );
    expectSameTree(parseSpecJson(JSON.parse(JSON.stringify(specToJson(node)))), node);
  });
});

// ---------------------------------------------------------------------------------------------
// Round-trip properties
// ---------------------------------------------------------------------------------------------

/** Words the parser reads as something other than a bare name. */
const NOT_A_NAME = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except ' +
    'finally for from global if import in is lambda nonlocal not or pass raise return try while ' +
    'with yield inf nan float'
  ).split(' '),
);

const identArb = fc
  .stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/)
  .filter((s) => !NOT_A_NAME.has(s));
const dottedArb = fc
  .array(identArb, { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('.'))
  .filter((s) => !/^(math|np|numpy)\.(inf|nan|pi|e|tau)$/.test(s));

const intArb: fc.Arbitrary<NumberNode> = fc
  .oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.maxSafeInteger(),
    fc.double({ min: -1e300, max: 1e300, noNaN: true }).map(Math.trunc),
  )
  .filter((v) => !Object.is(v, -0))
  .map((v) => num(v, true));
const floatArb: fc.Arbitrary<NumberNode> = fc
  .oneof(
    fc.double(),
    fc.double({ min: -1, max: 1 }),
    fc.constantFrom(0.1, 1e-5, 1e-300, 5e-324, 1e300, 1.7976931348623157e308, 1, -2, 1e16, 1e21),
  )
  .map((v) => num(v, false));
const numberArb = fc.oneof(intArb, floatArb);

const stringArb: fc.Arbitrary<StringNode> = fc
  .oneof(
    fc.string({
      unit: fc.constantFrom("'", '"', '\\', 'a', 'b', ' ', '\n', '\t', '\r', '\x00', '#', ')', 'é'),
    }),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('lambda e: e', '\\n', "\\'"),
  )
  .map(str);

const lambdaArb: fc.Arbitrary<SpecNode> = fc
  .constantFrom(
    'lambda e: 0.95 ** e',
    'lambda epoch: min(1.0, (epoch + 1) / 10)',
    "lambda e, k=2: e if e < k else {'a': [1, 2]}['a'][0]",
    'lambda: 0.1',
  )
  .map((source) => ({ kind: 'lambda', source, pos: -1 }));

const leafArb: fc.Arbitrary<SpecNode> = fc.oneof(
  numberArb,
  stringArb,
  fc.boolean().map((value): SpecNode => ({ kind: 'bool', value, pos: -1 })),
  fc.constant<SpecNode>({ kind: 'none', pos: -1 }),
  identArb.map((name): SpecNode => ({ kind: 'name', name, pos: -1 })),
  lambdaArb,
);

/** The dict-key identity Python uses: 1 and 1.0 are the same key, 1 and '1' are not. */
function keyId(key: NumberNode | StringNode): string {
  return key.kind === 'string' ? `s:${key.value}` : `n:${String(key.value)}`;
}

/**
 * Random spec trees. `jsonSafe` keeps to what the JSON form can carry faithfully enough to
 * compare after normalizing: string dict keys that are not integer-like and never look like a
 * call ("name"/"scheduler"/"params"), which specToJson cannot tell apart.
 */
function treeArb(jsonSafe: boolean): fc.Arbitrary<CallNode> {
  const keyArb: fc.Arbitrary<NumberNode | StringNode> = jsonSafe
    ? identArb.map((s) => str(`k${s}`))
    : fc.oneof(numberArb, stringArb);
  const { call: callArb } = fc.letrec<{ value: SpecNode; call: CallNode }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafArb,
      fc
        .record({ items: fc.array(tie('value'), { maxLength: 4 }), tuple: fc.boolean() })
        .map(({ items, tuple }): SpecNode => ({ kind: 'list', items, tuple, pos: -1 })),
      fc
        .uniqueArray(fc.record({ key: keyArb, value: tie('value') }), {
          maxLength: 4,
          selector: (e) => keyId(e.key),
        })
        .map((entries): SpecNode => ({ kind: 'dict', entries, pos: -1 })),
      tie('call'),
    ),
    call: fc
      .record({
        name: dottedArb,
        args: fc.array(tie('value'), { maxLength: 3 }),
        kwargs: fc.uniqueArray(fc.record({ name: identArb, value: tie('value') }), {
          maxLength: 4,
          selector: (k) => k.name,
        }),
      })
      .map(({ name, args, kwargs }): CallNode => ({
        kind: 'call',
        name,
        args,
        kwargs: kwargs.map((k) => ({ ...k, pos: -1 })),
        pos: -1,
      })),
  }));
  return callArb;
}

/** What a tree becomes after specToJson → JSON text → parseSpecJson. */
function throughJson(node: SpecNode): SpecNode {
  switch (node.kind) {
    case 'number': {
      if (Number.isNaN(node.value)) return str('NaN');
      if (!Number.isFinite(node.value)) return str(node.value > 0 ? 'Infinity' : '-Infinity');
      const value = Object.is(node.value, -0) ? 0 : node.value;
      return num(value, Number.isInteger(value));
    }
    case 'list':
      return { kind: 'list', items: node.items.map(throughJson), tuple: false, pos: -1 };
    case 'dict':
      return {
        kind: 'dict',
        entries: node.entries.map((e) => ({ key: e.key, value: throughJson(e.value) })),
        pos: -1,
      };
    case 'name':
      return str(node.name);
    case 'lambda':
      return str(node.source);
    case 'call':
      return {
        ...node,
        args: node.args.map(throughJson),
        kwargs: node.kwargs.map((k) => ({ ...k, value: throughJson(k.value) })),
      };
    default:
      return node;
  }
}

describe('round trips', () => {
  it('parseSpec(printSpec(tree)) is the same tree, bit for bit, and printing is idempotent', () => {
    fc.assert(
      fc.property(treeArb(false), (tree) => {
        const text = printSpec(tree);
        const back = parseSpec(text);
        expectSameTree(back, tree);
        expect(printSpec(back)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('parseSpecJson(JSON of specToJson(tree)) is the tree as JSON can carry it', () => {
    fc.assert(
      fc.property(treeArb(true), (tree) => {
        const json = JSON.parse(JSON.stringify(specToJson(tree))) as unknown;
        expectSameTree(parseSpecJson(json), throughJson(tree));
      }),
      { numRuns: 500 },
    );
  });

  it('parses what it prints for trees built by hand', () => {
    const tree = call('F', {
      a: num(-0.0, false),
      b: { kind: 'list', items: [num(1)], tuple: true, pos: -1 },
      c: { kind: 'dict', entries: [{ key: num(-1.5), value: str("'\\") }], pos: -1 },
      d: call('G', {}, [num(NaN), num(-Infinity)]),
    });
    expect(printSpec(tree)).toBe(
      "F(a=-0.0, b=(1,), c={-1.5: '\\'\\\\'}, d=G(float('nan'), -float('inf')))",
    );
    expectSameTree(parseSpec(printSpec(tree)), tree);
  });
});
