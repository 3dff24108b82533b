/**
 * The syntax tree of a spec: what `StepLR(step_size=10, gamma=0.9)` or its JSON form parses to,
 * before the registry gives it meaning. Every node carries `pos`, the 0-based offset of its first
 * character in the source (-1 when the node came from JSON), so errors can point at a column.
 */

/** A literal number (constant arithmetic such as `(1e-4/0.1)**(1/1e4)` is folded while parsing). */
export interface NumberNode {
  kind: 'number';
  value: number;
  /** True when written without a fraction or exponent (`10`), as Python's int. */
  isInt: boolean;
  pos: number;
}
export interface StringNode {
  kind: 'string';
  value: string;
  pos: number;
}
export interface BoolNode {
  kind: 'bool';
  value: boolean;
  pos: number;
}
export interface NoneNode {
  kind: 'none';
  pos: number;
}
/** `[a, b]` and `(a, b)` both parse to a list (tuple=true for the latter). */
export interface ListNode {
  kind: 'list';
  items: SpecNode[];
  tuple: boolean;
  pos: number;
}
/** `{10: 0.5, 'a': 1}`: keys are numbers or strings, in source order. */
export interface DictNode {
  kind: 'dict';
  entries: { key: NumberNode | StringNode; value: SpecNode }[];
  pos: number;
}
/** A bare identifier such as `optimizer` (a pasted PyTorch line's first argument). */
export interface NameNode {
  kind: 'name';
  name: string;
  pos: number;
}
/** A Python lambda written inline, kept as source text (compiled later by spec/expr.ts). */
export interface LambdaNode {
  kind: 'lambda';
  source: string;
  pos: number;
}
/** `name(args..., key=value...)`; `name` keeps its dots (`keras.CosineDecay`). */
export interface CallNode {
  kind: 'call';
  name: string;
  args: SpecNode[];
  kwargs: { name: string; value: SpecNode; pos: number }[];
  pos: number;
}

export type SpecNode =
  | NumberNode
  | StringNode
  | BoolNode
  | NoneNode
  | ListNode
  | DictNode
  | NameNode
  | LambdaNode
  | CallNode;

const SPEC_NODE_KINDS: ReadonlySet<string> = new Set([
  'number',
  'string',
  'bool',
  'none',
  'list',
  'dict',
  'name',
  'lambda',
  'call',
]);

/** True for a spec syntax node (`{kind, pos, ...}` from the parser or the JSON reader). */
export function isSpecNode(value: unknown): value is SpecNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    SPEC_NODE_KINDS.has((value as { kind?: unknown }).kind as string) &&
    typeof (value as { pos?: unknown }).pos === 'number'
  );
}
