/** Loads the golden reference data copied into test/golden (recorded from the real libraries). */
import { readFileSync } from 'node:fs';

const dir = new URL('../golden/', import.meta.url);

/** JSON numbers as written by Python; non-finite values are the strings NaN/Infinity. */
export function decode(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new Error(`not a number: ${JSON.stringify(v)}`);
}

export interface TorchCase {
  name: string;
  scheduler: string;
  params: Record<string, unknown>;
  optimizer: { type: 'SGD' | 'Adam'; lrs: number[]; momentum?: number; betas?: number[] };
  metrics?: (number | string)[];
  steps: number;
  record_indices?: number[];
  lr: number[][];
  momentum: number[][] | null;
  notes: string;
  extra?: Record<string, unknown>;
  skip_reason?: string;
}

export function torchGolden(): { cases: TorchCase[] } {
  return JSON.parse(readFileSync(new URL('torch_lr_golden.json', dir), 'utf8')) as {
    cases: TorchCase[];
  };
}

/** A Python literal for a JSON value, as a user would type it in a spec. */
export function pyLiteral(v: unknown): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  const o = v as Record<string, unknown>;
  if (typeof o.scheduler === 'string')
    return pyCall(o.scheduler, o.params as Record<string, unknown>);
  return `{${Object.entries(o)
    .map(([k, x]) => `${pyLiteral(k)}: ${pyLiteral(x)}`)
    .join(', ')}}`;
}

/** `Name(key=value, ...)`: the spec line a user pastes for a golden case. */
export function pyCall(name: string, params: Record<string, unknown>): string {
  return `${name}(${Object.entries(params)
    .map(([k, v]) => `${k}=${pyLiteral(v)}`)
    .join(', ')})`;
}

/** The spec and `curve` options for a torch golden case. */
export function torchCaseInput(c: TorchCase) {
  const momentum = c.optimizer.type === 'Adam' ? c.optimizer.betas![0]! : c.optimizer.momentum!;
  return {
    spec: pyCall(c.scheduler, c.params),
    options: {
      steps: c.steps,
      lr: c.optimizer.lrs,
      momentum,
      optimizer: c.optimizer.type === 'Adam' ? ('adam' as const) : ('sgd' as const),
      ...(c.metrics ? { metrics: c.metrics.map(decode) } : {}),
    },
  };
}

/** More PyTorch 1.13 cases recorded the same way by scripts/record_torch_extra.py. */
export function torchExtraGolden(): { cases: TorchCase[] } {
  return JSON.parse(readFileSync(new URL('torch_extra_golden.json', dir), 'utf8')) as {
    cases: TorchCase[];
  };
}

export interface FamilyCase {
  family: 'keras' | 'optax' | 'transformers' | 'timm' | 'fastai';
  name: string;
  function: string;
  params: Record<string, unknown>;
  base_lrs: number[] | null;
  metrics?: (number | string)[];
  steps: number;
  values: number[][];
  values_float32?: number[][];
  momentum: number[][] | null;
  spec: string;
  float32?: boolean;
  skip_reason?: string;
  notes: string;
  noise_factors?: Record<string, number>;
  positions?: number[];
}

/** Reference trajectories of the Keras, optax, transformers, timm and fastai schedules. */
export function familyGolden(): { cases: FamilyCase[] } {
  return JSON.parse(readFileSync(new URL('family_reference.json', dir), 'utf8')) as {
    cases: FamilyCase[];
  };
}

/** The `curve` options of a family case: `--lr` from base_lrs, metrics for plateau cases. */
export function familyCaseInput(c: FamilyCase) {
  return {
    spec: c.spec,
    options: {
      steps: c.steps,
      lr: c.base_lrs ?? 0.1,
      ...(c.metrics ? { metrics: c.metrics.map(decode) } : {}),
    },
  };
}
