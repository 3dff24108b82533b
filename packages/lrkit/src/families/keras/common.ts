/**
 * What the Keras schedule entries share: the `keras.` naming, and the parameters that several
 * `keras.optimizers.schedules` classes have with the same name, type and meaning.
 */
import { rules } from '../../rules.js';
import type { ParamDef } from '../../registry/types.js';

/** The naming of a Keras entry: `keras.<ClassName>`. */
export const keras = (name: string) => ({
  name,
  family: 'keras' as const,
  qualifiedName: `keras.${name}`,
});

/** `initial_learning_rate`: the schedule's scale (Keras schedules ignore the optimizer's lr). */
export const initialLearningRateParam: ParamDef = {
  name: 'initial_learning_rate',
  type: { kind: 'number', rule: rules.nonNegative },
  doc: 'learning rate at step 0',
};

/**
 * `decay_steps` (`first_decay_steps`): a positive integer, as Keras documents it (Keras itself only
 * checks `> 0` and would also take a fraction).
 */
export function decayStepsParam(doc: string, name = 'decay_steps'): ParamDef {
  return { name, type: { kind: 'int', rule: rules.positiveInt }, doc };
}

/** `staircase` of ExponentialDecay and InverseTimeDecay. */
export const staircaseParam: ParamDef = {
  name: 'staircase',
  type: { kind: 'bool' },
  default: false,
  doc: 'decay in whole jumps at multiples of decay_steps (floor(step / decay_steps))',
};

/** `alpha` of the cosine schedules: the floor as a fraction of the peak. */
export const alphaParam: ParamDef = {
  name: 'alpha',
  type: { kind: 'number', rule: rules.unitInterval },
  default: 0.0,
  doc: 'lowest lr as a fraction of the peak, in [0, 1]',
};

/** `name`: Keras's op name scope; accepted so a pasted line binds (positions included). */
export function nameParam(defaultName: string): ParamDef {
  return {
    name: 'name',
    type: { kind: 'string' },
    default: defaultName,
    doc: 'ignored (the name scope of the Keras ops)',
  };
}
