/**
 * `--steps` against a schedule's planned end: OneCycleLR(total_steps=5) may be stepped to index 5
 * and no further (PyTorch raises beyond; so does lrkit's Scheduler with past_end='throw'). Asking
 * `curve` or `plot` for more steps is a usage error with a hint, found from the plan before any
 * stepping.
 */
import { buildPlan, resolveSpec, type BoundSpec } from 'lrkit';
import { UsageError } from './args.js';

/** The (possibly nested) spec whose planned end throws, and what sets that end. */
function endOwner(bound: BoundSpec): BoundSpec | undefined {
  if (bound.entry.params.some((p) => p.name === 'past_end') && bound.args.past_end === 'throw') {
    return bound;
  }
  for (const def of bound.entry.params) {
    if (def.type.kind !== 'schedulers') continue;
    for (const child of bound.args[def.name] as BoundSpec[]) {
      const owner = endOwner(child);
      if (owner) return owner;
    }
  }
  return undefined;
}

/** `total_steps`, or `epochs × steps_per_epoch` when those set the length. */
function lengthParams(owner: BoundSpec): string {
  if ('total_steps' in owner.args && owner.args.total_steps === null && 'epochs' in owner.args) {
    return 'epochs × steps_per_epoch';
  }
  return 'total_steps';
}

/**
 * Throws a {@link UsageError} when `steps` goes past the end of `spec`'s plan:
 * `OneCycleLR(...) ends at step 5 (total_steps): use --steps 5 or less, or past_end='hold'`.
 * Specs that do not parse are left to the command (its own error names the problem).
 * @param spec the spec as given on the command line
 * @param steps the value of --steps
 * @example checkStepsWithinEnd('OneCycleLR(max_lr=0.1, total_steps=5)', 10) // throws UsageError
 */
export function checkStepsWithinEnd(spec: string, steps: number): void {
  const bound = resolveSpec(spec);
  const plan = buildPlan(bound);
  if (plan.kind !== 'closed-form' || !plan.end || plan.end.policy !== 'throw') return;
  const last = plan.end.lastIndex;
  if (steps <= last) return;
  const name = bound.entry.qualifiedName;
  const owner = endOwner(bound);
  const ownerName = owner?.entry.qualifiedName;
  const by = owner
    ? owner === bound
      ? lengthParams(owner)
      : `its ${ownerName}'s ${lengthParams(owner)}`
    : 'its planned end';
  const hold = owner
    ? owner === bound
      ? "past_end='hold'"
      : `past_end='hold' in ${ownerName}`
    : undefined;
  throw new UsageError(
    `${name}(...) ends at step ${last} (${by}): use --steps ${last} or less${hold ? `, or ${hold}` : ''}`,
  );
}
