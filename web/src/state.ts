/**
 * The page state and its URL form. Everything a shared link restores lives here; the URL is
 * only ever read as data (numbers are parsed and range-checked, words are matched against fixed
 * lists, spec text stays text until lrkit's parser reads it) — nothing in it is evaluated.
 */

export type Tab = 'design' | 'solve' | 'train';
export const TABS: readonly Tab[] = ['design', 'solve', 'train'];
export const EXPORT_TO = ['torch', 'keras', 'optax', 'ts'] as const;
export type ExportTo = (typeof EXPORT_TO)[number];
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** One designed schedule: its spec text, the base lr it scales, and whether it is drawn. */
export interface Item {
  spec: string;
  lr: number;
  hidden: boolean;
}

export interface SolveState {
  initial: string;
  final: string;
  gamma: string;
  totalSteps: string;
  updates: string;
  stepSize: string;
}

export interface TrainState {
  /** Indices into `items` of the schedules trained side by side (2–4). */
  picks: number[];
  epochs: number;
  batch: number;
  optimizer: OptimizerName;
  /** LR range test: start lr, end lr, iterations. */
  rtStart: number;
  rtEnd: number;
  rtIters: number;
}

export interface State {
  items: Item[];
  /** The item the designer edits. */
  sel: number;
  /** Horizon of the chart: steps 0..steps. */
  steps: number;
  log: boolean;
  tab: Tab;
  exportTo: ExportTo;
  solve: SolveState;
  train: TrainState;
}

export const MAX_ITEMS = 8;
export const MAX_STEPS = 10_000_000;
const MAX_SPEC = 2000;

export function defaultState(): State {
  return {
    items: [
      { spec: 'OneCycleLR(max_lr=0.1, total_steps=1000)', lr: 0.1, hidden: false },
      { spec: 'CosineAnnealingLR(T_max=1000)', lr: 0.1, hidden: false },
    ],
    sel: 0,
    steps: 1000,
    log: false,
    tab: 'design',
    exportTo: 'torch',
    solve: {
      initial: '0.1',
      final: '0.001',
      gamma: '',
      totalSteps: '1000',
      updates: '3',
      stepSize: '',
    },
    train: {
      picks: [0, 1],
      epochs: 4,
      batch: 16,
      optimizer: 'momentum',
      rtStart: 1e-5,
      rtEnd: 10,
      rtIters: 100,
    },
  };
}

function num(v: string | null, lo: number, hi: number, int: boolean): number | undefined {
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < lo || n > hi) return undefined;
  if (int && !Number.isInteger(n)) return undefined;
  return n;
}

function oneOf<T extends string>(v: string | null, choices: readonly T[]): T | undefined {
  return choices.find((c) => c === v);
}

function text(v: string | null, max = 40): string | undefined {
  return v === null ? undefined : v.slice(0, max);
}

/** Encodes the state as a URL hash (`#s=...&lr=...`), in a stable order. */
export function encodeState(state: State): string {
  const p = new URLSearchParams();
  for (const it of state.items) {
    p.append('s', it.spec);
    p.append('lr', String(it.lr));
  }
  const hidden = state.items.flatMap((it, i) => (it.hidden ? [i] : []));
  if (hidden.length) p.set('hide', hidden.join(','));
  p.set('sel', String(state.sel));
  p.set('steps', String(state.steps));
  if (state.log) p.set('log', '1');
  p.set('tab', state.tab);
  p.set('to', state.exportTo);
  const s = state.solve;
  p.set('si', s.initial);
  p.set('sf', s.final);
  if (s.gamma) p.set('sg', s.gamma);
  p.set('sm', s.totalSteps);
  if (s.updates) p.set('su', s.updates);
  if (s.stepSize) p.set('sn', s.stepSize);
  const t = state.train;
  p.set('tp', t.picks.join(','));
  p.set('te', String(t.epochs));
  p.set('tb', String(t.batch));
  p.set('topt', t.optimizer);
  p.set('rs', String(t.rtStart));
  p.set('re', String(t.rtEnd));
  p.set('ri', String(t.rtIters));
  return '#' + p.toString();
}

/**
 * Decodes a URL hash into a state. Unknown keys are ignored; a value that is out of range or of
 * the wrong kind falls back to the default for that field (spec text is kept as text: the page
 * shows lrkit's error for it).
 */
export function decodeState(hash: string): State {
  const d = defaultState();
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.trim() === '') return d;
  const p = new URLSearchParams(raw);
  const specs = p.getAll('s').slice(0, MAX_ITEMS);
  const lrs = p.getAll('lr');
  const hidden = new Set((p.get('hide') ?? '').split(',').map((x) => num(x, 0, MAX_ITEMS, true)));
  const items: Item[] = specs.map((spec, i) => ({
    spec: spec.slice(0, MAX_SPEC),
    lr: num(lrs[i] ?? null, 0, 1e6, false) ?? 0.1,
    hidden: hidden.has(i),
  }));
  const state: State = { ...d, items: specs.length ? items : d.items };
  const n = state.items.length;
  state.sel = Math.min(num(p.get('sel'), 0, MAX_ITEMS, true) ?? 0, Math.max(0, n - 1));
  state.steps = num(p.get('steps'), 1, MAX_STEPS, true) ?? d.steps;
  state.log = p.get('log') === '1';
  state.tab = oneOf(p.get('tab'), TABS) ?? d.tab;
  state.exportTo = oneOf(p.get('to'), EXPORT_TO) ?? d.exportTo;
  state.solve = {
    initial: text(p.get('si')) ?? d.solve.initial,
    final: text(p.get('sf')) ?? d.solve.final,
    gamma: text(p.get('sg')) ?? '',
    totalSteps: text(p.get('sm')) ?? d.solve.totalSteps,
    updates: p.has('su') || p.has('sn') ? (text(p.get('su')) ?? '') : d.solve.updates,
    stepSize: text(p.get('sn')) ?? '',
  };
  if (p.has('sf') === false && p.has('sg')) state.solve.final = '';
  const picks = (p.get('tp') ?? '')
    .split(',')
    .map((x) => num(x, 0, n - 1, true))
    .filter((x): x is number => x !== undefined);
  state.train = {
    picks: p.has('tp') ? [...new Set(picks)].slice(0, 4) : d.train.picks.filter((i) => i < n),
    epochs: num(p.get('te'), 1, 50, true) ?? d.train.epochs,
    batch: num(p.get('tb'), 8, 1024, true) ?? d.train.batch,
    optimizer: oneOf(p.get('topt'), OPTIMIZERS) ?? d.train.optimizer,
    rtStart: num(p.get('rs'), 1e-12, 1e3, false) ?? d.train.rtStart,
    rtEnd: num(p.get('re'), 1e-12, 1e6, false) ?? d.train.rtEnd,
    rtIters: num(p.get('ri'), 10, 1000, true) ?? d.train.rtIters,
  };
  return state;
}
