/** Every PyTorch scheduler lrkit reproduces, by its PyTorch class name. */
import type { RegistryEntry } from '../../registry/types.js';
import {
  ConstantLR,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  MultiStepLR,
  MultiplicativeLR,
  PolynomialLR,
  StepLR,
} from './basic.js';
import { ChainedScheduler, SequentialLR } from './composite.js';
import { CosineAnnealingLR, CosineAnnealingWarmRestarts } from './cosine.js';
import { CyclicLR, OneCycleLR } from './cyclic.js';
import { ReduceLROnPlateau } from './plateau.js';

export const torchEntries: readonly RegistryEntry[] = [
  LambdaLR,
  MultiplicativeLR,
  StepLR,
  MultiStepLR,
  ConstantLR,
  LinearLR,
  ExponentialLR,
  PolynomialLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  OneCycleLR,
  SequentialLR,
  ChainedScheduler,
  ReduceLROnPlateau,
];

/** Prefixes a pasted PyTorch line may carry before the class name. */
export const torchPrefixes = [
  'torch.optim.lr_scheduler.',
  'optim.lr_scheduler.',
  'lr_scheduler.',
  'torch.',
];
