/**
 * The scheduler's saved state: explicit, versioned JSON. Everything a fresh process needs to
 * continue is here (the spec as text, the groups' base values and the counters); numbers JSON
 * cannot hold (±Infinity in ReduceLROnPlateau's `best`) are written as strings.
 */
import { SchedulerError, formatValue } from '../errors.js';

export const STATE_FORMAT = 'lrkit.scheduler';
export const STATE_VERSION = 1;

export interface SchedulerState {
  format: typeof STATE_FORMAT;
  version: number;
  /** Canonical spec text; null when the spec holds TypeScript functions (not serialisable). */
  spec: string | null;
  optimizer: 'sgd' | 'adam';
  /** Each group's base lr and initial momentum/beta1. */
  groups: { lr: number; momentum: number | null }[];
  /** Steps taken (PyTorch's `last_epoch`); fractional after `stepTo` with a fraction. */
  epoch: number;
  lastLr: number[];
  lastMomentum: number[];
  /** ReduceLROnPlateau's counters, null for closed-form schedulers. */
  plateau: {
    best: number | string;
    numBadEpochs: number;
    cooldownCounter: number;
    /** timm noise: the lrs under the last noisy output (absent without noise). */
    cleanLr?: number[];
  } | null;
}

/** JSON-safe number: non-finite values become the strings 'Infinity', '-Infinity', 'NaN'. */
export function encodeNumber(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

export function decodeNumber(v: number | string): number {
  if (typeof v === 'number') return v;
  if (v === 'Infinity' || v === '-Infinity' || v === 'NaN') return Number(v);
  throw new SchedulerError(`state: expected a number, got ${formatValue(v)}`);
}

function fail(what: string, value: unknown): never {
  throw new SchedulerError(`state: ${what}, got ${formatValue(value)}`);
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Validates a parsed state object, with a message that names the first bad field. */
export function readState(saved: unknown): SchedulerState {
  if (typeof saved !== 'object' || saved === null) fail('must be an object', saved);
  const s = saved as Record<string, unknown>;
  if (s.format !== STATE_FORMAT) fail(`format must be '${STATE_FORMAT}'`, s.format);
  if (typeof s.version !== 'number') fail('version must be a number', s.version);
  if (s.version > STATE_VERSION) {
    throw new SchedulerError(
      `state: version ${s.version} was written by a newer lrkit; this one reads version ${STATE_VERSION}`,
    );
  }
  if (s.version !== STATE_VERSION) fail(`version must be ${STATE_VERSION}`, s.version);
  if (s.spec !== null && typeof s.spec !== 'string') fail('spec must be text or null', s.spec);
  if (s.optimizer !== 'sgd' && s.optimizer !== 'adam')
    fail("optimizer must be 'sgd' or 'adam'", s.optimizer);
  if (!Array.isArray(s.groups) || s.groups.length === 0)
    fail('groups must be a non-empty list', s.groups);
  for (const g of s.groups as unknown[]) {
    const group = g as Record<string, unknown>;
    if (typeof g !== 'object' || g === null || !isNum(group.lr))
      fail('each group needs a numeric lr', g);
    if (group.momentum !== null && !isNum(group.momentum))
      fail('a group momentum must be a number or null', g);
  }
  if (!isNum(s.epoch) || s.epoch < 0) fail('epoch must be a number ≥ 0', s.epoch);
  const n = s.groups.length;
  for (const key of ['lastLr', 'lastMomentum'] as const) {
    const v = s[key];
    if (!Array.isArray(v) || v.length !== n || !v.every(isNum)) {
      fail(`${key} must be a list of ${n} numbers`, v);
    }
  }
  if (s.plateau !== null) {
    const p = s.plateau as Record<string, unknown>;
    if (
      typeof p !== 'object' ||
      !Number.isInteger(p.numBadEpochs) ||
      !Number.isInteger(p.cooldownCounter)
    ) {
      fail('plateau must hold best, numBadEpochs and cooldownCounter', p);
    }
    decodeNumber(p.best as number | string);
    if (p.cleanLr !== undefined) {
      const c = p.cleanLr;
      if (!Array.isArray(c) || c.length !== n || !c.every(isNum)) {
        fail(`plateau.cleanLr must be a list of ${n} numbers`, c);
      }
    }
  }
  return s as unknown as SchedulerState;
}
