/**
 * Starting values for a schedule picked from the list, so its curve shows at once. Defaults come
 * from the registry; only parameters the registry marks as required get a value here, chosen
 * from the chart's horizon (S steps). The user edits them in the form like any other value.
 */
import type { ParamDef, RegistryEntry } from 'lrkit';

const r = (v: number) => String(Math.max(1, Math.round(v)));

/** Complete starter specs for composites, whose required values are nested schedules or dicts. */
function composite(name: string, S: number): string | undefined {
  switch (name) {
    case 'SequentialLR':
      return `SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=${r(S / 10)}), CosineAnnealingLR(T_max=${r(S * 0.9)})], milestones=[${r(S / 10)}])`;
    case 'ChainedScheduler':
      return `ChainedScheduler(schedulers=[LinearLR(start_factor=0.1, total_iters=${r(S / 10)}), ExponentialLR(gamma=${(0.01 ** (1 / Math.max(1, S))).toPrecision(6)})])`;
    case 'optax.join_schedules':
      return `optax.join_schedules(schedules=[optax.linear_schedule(init_value=0.0, end_value=0.1, transition_steps=${r(S / 10)}), optax.cosine_decay_schedule(init_value=0.1, decay_steps=${r(S * 0.9)})], boundaries=[${r(S / 10)}])`;
    case 'optax.sgdr_schedule':
      return `optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': ${r(S / 20)}, 'decay_steps': ${r(S / 2)}}, {'init_value': 0.0, 'peak_value': 0.05, 'warmup_steps': ${r(S / 20)}, 'decay_steps': ${r(S / 2)}}])`;
    case 'fastai.combine_scheds':
      return `fastai.combine_scheds(pcts=[0.3, 0.7], scheds=[fastai.SchedCos(start=0.004, end=0.1), fastai.SchedCos(start=0.1, end=1e-06)], total_steps=${r(S)})`;
    case 'fastai.fit_one_cycle':
      return `fastai.fit_one_cycle(lr_max=0.1, total_steps=${r(S)})`;
    case 'fastai.fit_flat_cos':
      return `fastai.fit_flat_cos(lr=0.1, total_steps=${r(S)})`;
    case 'fastai.fit_sgdr':
      return `fastai.fit_sgdr(n_cycles=3, cycle_len=1, lr_max=0.1, total_steps=${r(S)})`;
    case 'transformers.get_scheduler':
      return `transformers.get_scheduler(name='cosine', num_warmup_steps=${r(S / 10)}, num_training_steps=${r(S)})`;
    case 'keras.PiecewiseConstantDecay':
      return `keras.PiecewiseConstantDecay(boundaries=[${r(S / 3)}, ${r((2 * S) / 3)}], values=[0.1, 0.01, 0.001])`;
    case 'optax.piecewise_constant_schedule':
      return `optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={${r(S / 3)}: 0.1, ${r((2 * S) / 3)}: 0.1})`;
    case 'fastai.combined_cos':
      return `fastai.combined_cos(pct=0.25, start=0.004, middle=0.1, end=1e-06, total_steps=${r(S)})`;
    case 'CyclicLR':
      return `CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=${r(S / 8)})`;
    default:
      return undefined;
  }
}

/** A value for one required parameter, as spec text. */
function exampleValue(entry: RegistryEntry, def: ParamDef, S: number): string | undefined {
  const n = def.name;
  const hasPeak = entry.params.some((p) => p.name === 'peak_value');
  switch (def.type.kind) {
    case 'int':
      if (/warmup/.test(n)) return r(S / 10);
      if (/num_decay_steps/.test(n)) return r(S / 5);
      if (/^(total|num_training_steps|decay_steps|t_initial|transition_steps)/.test(n)) return r(S);
      if (/^(step_size|T_0|first_decay_steps|cycle_len)$/.test(n)) return r(S / 4);
      if (n === 'n_cycles') return '3';
      return r(S / 10);
    case 'number':
    case 'perGroup':
      if (n === 'T_max') return r(S);
      if (n === 'decay_t') return r(S / 4);
      if (n === 'init_value') return hasPeak ? '0.001' : '0.1';
      if (/^(end|end_value)$/.test(n)) return '0.001';
      if (/gamma/.test(n)) return (0.01 ** (1 / Math.max(1, S))).toPrecision(6);
      if (/decay_rate/.test(n)) return '0.5';
      if (n === 'power') return '2';
      if (/^pct/.test(n)) return '0.25';
      if (n === 'start') return '0.1';
      return '0.1';
    case 'intList':
      return `[${r(S / 3)}, ${r((2 * S) / 3)}]`;
    case 'numberList':
      return '[0.1, 0.01]';
    case 'expr':
      return `lambda epoch: ${(0.01 ** (1 / Math.max(1, S))).toPrecision(6)} ** epoch`;
    case 'enum':
      return `'${def.type.choices[0] ?? ''}'`;
    default:
      return undefined;
  }
}

/** Spec text to start from when `entry` is picked, for a chart of S steps. */
export function starterSpec(entry: RegistryEntry, S: number): string {
  const whole = composite(entry.qualifiedName, S);
  if (whole) return whole;
  const parts: string[] = [];
  for (const def of entry.params) {
    let v: string | undefined;
    if (!('default' in def)) v = exampleValue(entry, def, S);
    else if (def.default === null && /^(total_steps|num_training_steps)$/.test(def.name)) v = r(S);
    else if (def.default === null && def.name === 'min_lr_rate') v = '0.1';
    if (v !== undefined) parts.push(`${def.name}=${v}`);
  }
  return `${entry.qualifiedName}(${parts.join(', ')})`;
}
