/**
 * timm's `timm.scheduler` classes, as registry entries named `timm.<name>` (also found by their
 * bare class names and their module paths, e.g. `timm.scheduler.cosine_lr.CosineLRScheduler`).
 */
import type { RegistryEntry } from '../../registry/types.js';
import { CosineLRScheduler, PolyLRScheduler, TanhLRScheduler } from './cycled.js';
import { PlateauLRScheduler } from './plateau.js';
import { MultiStepLRScheduler, StepLRScheduler } from './step.js';

export const timmEntries: readonly RegistryEntry[] = [
  CosineLRScheduler,
  TanhLRScheduler,
  PolyLRScheduler,
  StepLRScheduler,
  MultiStepLRScheduler,
  PlateauLRScheduler,
];

/**
 * Longer module paths a pasted line may carry; each is read as `timm.` (the module files first,
 * so that they are not cut at `timm.scheduler.`).
 */
export const timmPrefixes: readonly string[] = [
  'timm.scheduler.cosine_lr.',
  'timm.scheduler.tanh_lr.',
  'timm.scheduler.poly_lr.',
  'timm.scheduler.step_lr.',
  'timm.scheduler.multistep_lr.',
  'timm.scheduler.plateau_lr.',
  'timm.scheduler.',
];
