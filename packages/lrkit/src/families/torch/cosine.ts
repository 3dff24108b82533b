/** PyTorch's cosine schedulers: CosineAnnealingLR and CosineAnnealingWarmRestarts. */
import { rules } from '../../rules.js';
import { cosine } from '../../schedules/cosine.js';
import { cosineRestarts } from '../../schedules/cosineRestarts.js';
import type { RegistryEntry } from '../../registry/types.js';
import { between } from '../../compose/product.js';
import { memoLast } from '../../compose/memo.js';
import type { Schedule } from '../../schedule.js';
import type { ClosedFormPlan } from '../../registry/types.js';
import { etaMinParam, torchCommonParams } from './common.js';

/**
 * Each group anneals from its base lr to eta_min along one shared unit shape (1 → 0), evaluated
 * once per step for all groups: lr = eta_min + (base_lr − eta_min) · unit(epoch).
 */
function sharedUnit(unit: Schedule, etaMin: number): ClosedFormPlan {
  return {
    kind: 'closed-form',
    cyclesMomentum: false,
    bind: (groups) => {
      const shared = memoLast(unit);
      return groups.map((g) => ({ lr: between(shared, g.lr, etaMin) }));
    },
  };
}

export const CosineAnnealingLR: RegistryEntry = {
  name: 'CosineAnnealingLR',
  family: 'torch',
  qualifiedName: 'CosineAnnealingLR',
  doc:
    'lr = eta_min + (base_lr − eta_min) · (1 + cos(π · epoch / T_max)) / 2. Past T_max it keeps ' +
    'following the cosine back up (period 2·T_max), exactly as PyTorch does; it does not clamp.',
  params: [
    {
      name: 'T_max',
      type: { kind: 'number', rule: rules.positive },
      doc: 'epochs from base_lr down to eta_min',
    },
    etaMinParam,
    ...torchCommonParams,
  ],
  build: (a) =>
    sharedUnit(cosine({ from: 1, to: 0, period: a.T_max as number }), a.eta_min as number),
};

export const CosineAnnealingWarmRestarts: RegistryEntry = {
  name: 'CosineAnnealingWarmRestarts',
  family: 'torch',
  qualifiedName: 'CosineAnnealingWarmRestarts',
  doc:
    'SGDR: cosine from base_lr to eta_min over cycles of T_0·T_mult^i epochs, restarting at base_lr. ' +
    'Accepts fractional epochs (Scheduler.stepTo(epoch + i / iters)).',
  params: [
    {
      name: 'T_0',
      type: { kind: 'int', rule: rules.positiveInt },
      doc: 'epochs of the first cycle',
    },
    {
      name: 'T_mult',
      type: { kind: 'int', rule: rules.intAtLeastOne },
      default: 1,
      doc: 'growth factor of the cycle length',
    },
    etaMinParam,
    ...torchCommonParams,
  ],
  build: (a) =>
    sharedUnit(
      cosineRestarts({ from: 1, to: 0, period: a.T_0 as number, mult: a.T_mult as number }),
      a.eta_min as number,
    ),
};
