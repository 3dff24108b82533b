/**
 * Example specs for the export tests: at least one per registry entry (the coverage test checks
 * this), plus specs chosen to reach every kind of description node and every special path of the
 * writers (lambdas with math names, long joins, overflowing powers, PyTorch's divergent cases).
 */

export interface Example {
  readonly spec: string;
  /** Base lr of each param group. */
  readonly lr: readonly number[];
  /** N: values 0..N are compared. Below total_steps for OneCycleLR (PyTorch extrapolates there). */
  readonly steps: number;
  /** ReduceLROnPlateau-like specs: metrics[k − 1] for the k-th step. */
  readonly metrics?: readonly number[];
}

const one = [0.1];

export const examples: readonly Example[] = [
  // ---- torch
  { spec: 'LambdaLR(lr_lambda=lambda e: 0.95**e)', lr: one, steps: 30 },
  { spec: "LambdaLR(lr_lambda='lambda e: 0.5 * (1 + cos(pi * e / 20))')", lr: one, steps: 30 },
  {
    spec: "LambdaLR(lr_lambda='max(0.1, math.exp(-epoch / 10)) if epoch % 7 else 1.0')",
    lr: one,
    steps: 30,
  },
  {
    spec: "LambdaLR(lr_lambda=['lambda e: 1 / (e + 1)', 'lambda e: e // 3 + 1'])",
    lr: [0.1, 0.01],
    steps: 12,
  },
  { spec: "MultiplicativeLR(lr_lambda='lambda e: 0.95')", lr: one, steps: 20 },
  {
    spec: "MultiplicativeLR(lr_lambda='lambda e: 0.9 if e % 3 else 1.1')",
    lr: one,
    steps: 40,
  },
  {
    spec: "MultiplicativeLR(lr_lambda=['lambda e: 0.97', 'lambda e: 1 - 1 / (e + 10)'])",
    lr: [0.1, 0.01],
    steps: 25,
  },
  { spec: 'StepLR(step_size=10, gamma=0.9)', lr: one, steps: 40 },
  { spec: 'StepLR(step_size=3, gamma=0.5)', lr: [0.1, 0.02], steps: 12 },
  { spec: 'MultiStepLR(milestones=[30, 10, 10, 20], gamma=0.5)', lr: one, steps: 40 },
  { spec: 'ConstantLR(factor=0.5, total_iters=4)', lr: one, steps: 10 },
  { spec: 'ConstantLR(factor=0.5, total_iters=0)', lr: one, steps: 5 },
  { spec: 'LinearLR(start_factor=0.25, end_factor=1.0, total_iters=8)', lr: one, steps: 12 },
  { spec: 'LinearLR(start_factor=0.25, total_iters=0)', lr: one, steps: 5 },
  { spec: 'ExponentialLR(gamma=0.9)', lr: one, steps: 60 },
  { spec: 'ExponentialLR(gamma=1.05)', lr: one, steps: 30 },
  { spec: 'PolynomialLR(total_iters=20, power=2.0)', lr: one, steps: 25 },
  { spec: 'CosineAnnealingLR(T_max=20, eta_min=0.001)', lr: [0.1, 0.05], steps: 50 },
  { spec: 'CosineAnnealingWarmRestarts(T_0=5, T_mult=2, eta_min=0.001)', lr: one, steps: 40 },
  { spec: 'CosineAnnealingWarmRestarts(T_0=7)', lr: one, steps: 30 },
  { spec: 'CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=4)', lr: one, steps: 20 },
  {
    spec: "CyclicLR(base_lr=[0.01, 0.001], max_lr=[0.1, 0.01], step_size_up=3, step_size_down=5, mode='triangular2')",
    lr: [0.1, 0.01],
    steps: 40,
  },
  {
    spec: "CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=5, mode='exp_range', gamma=0.97)",
    lr: one,
    steps: 30,
  },
  {
    spec: "CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=3, scale_fn='lambda x: 0.9**x', scale_mode='iterations')",
    lr: one,
    steps: 20,
  },
  { spec: 'OneCycleLR(max_lr=0.1, total_steps=50)', lr: one, steps: 49 },
  {
    spec: "OneCycleLR(max_lr=[0.1, 0.05], total_steps=30, anneal_strategy='linear', three_phase=True)",
    lr: [0.1, 0.05],
    steps: 29,
  },
  {
    spec: 'OneCycleLR(max_lr=0.1, total_steps=10, pct_start=0.05, three_phase=True)',
    lr: one,
    steps: 9,
  },
  {
    spec: "OneCycleLR(max_lr=0.1, epochs=4, steps_per_epoch=5, past_end='hold')",
    lr: one,
    steps: 19,
  },
  {
    spec: 'SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=20)], milestones=[5])',
    lr: one,
    steps: 30,
  },
  {
    spec: 'SequentialLR(schedulers=[ConstantLR(factor=0.5, total_iters=2), ExponentialLR(gamma=0.9), StepLR(step_size=3)], milestones=[0, 6])',
    lr: one,
    steps: 15,
  },
  {
    spec: 'ChainedScheduler(schedulers=[ConstantLR(factor=0.1, total_iters=2), ExponentialLR(gamma=0.9)])',
    lr: one,
    steps: 10,
  },
  {
    spec: 'ChainedScheduler(schedulers=[CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=2), ExponentialLR(gamma=0.9)])',
    lr: one,
    steps: 10,
  },
  {
    spec: 'ChainedScheduler(schedulers=[ExponentialLR(gamma=0.9), CosineAnnealingLR(T_max=5)])',
    lr: one,
    steps: 8,
  },
  {
    spec: "ChainedScheduler(schedulers=[MultiplicativeLR(lr_lambda='lambda e: 0.95'), StepLR(step_size=3, gamma=0.5), LinearLR(start_factor=0.2, total_iters=4)])",
    lr: one,
    steps: 15,
  },
  {
    spec: 'ReduceLROnPlateau(patience=1, factor=0.5)',
    lr: one,
    steps: 8,
    metrics: [1, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8],
  },
  // ---- keras
  { spec: 'keras.ExponentialDecay(0.1, 10, 0.5)', lr: one, steps: 40 },
  { spec: 'keras.ExponentialDecay(0.1, 7, 0.5, staircase=True)', lr: one, steps: 30 },
  {
    spec: 'keras.PiecewiseConstantDecay(boundaries=[10, 25, 40], values=[0.1, 0.05, 0.01, 0.001])',
    lr: one,
    steps: 50,
  },
  {
    spec: 'keras.PiecewiseConstantDecay(boundaries=[2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26], values=[0.1, 0.09, 0.08, 0.07, 0.06, 0.05, 0.04, 0.03, 0.02, 0.01, 0.009, 0.008, 0.007, 0.006])',
    lr: one,
    steps: 30,
  },
  {
    spec: 'keras.PolynomialDecay(0.1, 50, end_learning_rate=0.001, power=2.0)',
    lr: one,
    steps: 60,
  },
  {
    spec: 'keras.PolynomialDecay(0.1, 10, end_learning_rate=0.001, cycle=True)',
    lr: one,
    steps: 30,
  },
  {
    spec: 'keras.PolynomialDecay(0.1, 7, end_learning_rate=0.01, power=0.5, cycle=True)',
    lr: one,
    steps: 40,
  },
  { spec: 'keras.InverseTimeDecay(0.1, 10, 0.5)', lr: one, steps: 40 },
  { spec: 'keras.InverseTimeDecay(0.1, 10, 0.5, staircase=True)', lr: one, steps: 40 },
  { spec: 'keras.CosineDecay(0.1, 50)', lr: one, steps: 60 },
  {
    spec: 'keras.CosineDecay(0.0, 40, alpha=0.1, warmup_target=0.1, warmup_steps=10)',
    lr: one,
    steps: 60,
  },
  { spec: 'keras.CosineDecayRestarts(0.1, 10, t_mul=2.0, alpha=0.01)', lr: one, steps: 80 },
  { spec: 'keras.CosineDecayRestarts(0.1, 10, t_mul=1.5, m_mul=0.5)', lr: one, steps: 60 },
  { spec: 'keras.CosineDecayRestarts(0.1, 7, m_mul=0.8, alpha=0.05)', lr: one, steps: 40 },
  { spec: 'keras.TimeBasedDecay(0.1, decay=0.01)', lr: one, steps: 30 },
  // ---- optax
  { spec: 'optax.constant_schedule(0.1)', lr: one, steps: 10 },
  { spec: 'optax.linear_schedule(0.1, 0.001, 50, transition_begin=10)', lr: one, steps: 70 },
  { spec: 'optax.polynomial_schedule(0.1, 0.001, 2, 50, transition_begin=10)', lr: one, steps: 70 },
  {
    spec: 'optax.piecewise_constant_schedule(0.1, {10: 0.5, 25: 0.1, 40: 2.0})',
    lr: one,
    steps: 50,
  },
  {
    spec: 'optax.piecewise_constant_schedule(0.1, {2: 0.9, 4: 0.9, 6: 0.9, 8: 0.9, 10: 0.9, 12: 0.9, 14: 0.9, 16: 0.9, 18: 0.9, 20: 0.9, 22: 0.9, 24: 0.9, 26: 0.9, 28: 0.9})',
    lr: one,
    steps: 32,
  },
  {
    spec: "optax.piecewise_interpolate_schedule('cosine', 0.1, {10: 2.0, 30: 0.05, 50: 1.0})",
    lr: one,
    steps: 60,
  },
  {
    spec: 'optax.exponential_decay(0.1, 10, 0.5, transition_begin=5, end_value=0.01)',
    lr: one,
    steps: 60,
  },
  { spec: 'optax.exponential_decay(0.1, 3, 1.5, staircase=True)', lr: one, steps: 30 },
  { spec: 'optax.cosine_decay_schedule(0.1, 50, alpha=0.1, exponent=2.0)', lr: one, steps: 60 },
  { spec: 'optax.warmup_constant_schedule(0.0, 0.1, 10)', lr: one, steps: 20 },
  {
    spec: 'optax.warmup_cosine_decay_schedule(0.0, 0.1, 10, 60, end_value=0.001)',
    lr: one,
    steps: 70,
  },
  {
    spec: 'optax.warmup_exponential_decay_schedule(0.0, 0.1, 10, 10, 0.5, end_value=0.001)',
    lr: one,
    steps: 70,
  },
  { spec: 'optax.linear_onecycle_schedule(100, 0.1)', lr: one, steps: 110 },
  { spec: 'optax.cosine_onecycle_schedule(60, 1.0)', lr: one, steps: 65 },
  {
    spec: "optax.sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 5, 'decay_steps': 20}, {'init_value': 0.0, 'peak_value': 0.05, 'warmup_steps': 5, 'decay_steps': 30}])",
    lr: one,
    steps: 55,
  },
  {
    spec: 'optax.join_schedules([optax.constant_schedule(0.1), optax.linear_schedule(0.1, 0.0, 20), optax.cosine_decay_schedule(0.05, 30)], [10, 30])',
    lr: one,
    steps: 70,
  },
  // ---- transformers
  { spec: 'get_constant_schedule()', lr: one, steps: 10 },
  { spec: 'get_constant_schedule_with_warmup(num_warmup_steps=10)', lr: one, steps: 20 },
  {
    spec: 'get_linear_schedule_with_warmup(num_warmup_steps=10, num_training_steps=100)',
    lr: one,
    steps: 110,
  },
  {
    spec: 'get_cosine_schedule_with_warmup(num_warmup_steps=10, num_training_steps=100)',
    lr: one,
    steps: 110,
  },
  {
    spec: 'get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=5, num_training_steps=40, num_cycles=2)',
    lr: one,
    steps: 45,
  },
  {
    spec: 'get_polynomial_decay_schedule_with_warmup(num_warmup_steps=10, num_training_steps=100, lr_end=0.0001, power=2.0)',
    lr: one,
    steps: 110,
  },
  { spec: 'get_inverse_sqrt_schedule(num_warmup_steps=10)', lr: one, steps: 60 },
  {
    spec: 'get_reduce_on_plateau_schedule(patience=1)',
    lr: one,
    steps: 6,
    metrics: [1, 1, 1, 0.5, 0.5, 0.5],
  },
  {
    spec: 'get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=10, num_training_steps=100, min_lr=0.001)',
    lr: one,
    steps: 110,
  },
  {
    spec: 'get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=8, num_training_steps=60, min_lr_rate=0.1)',
    lr: one,
    steps: 65,
  },
  {
    spec: "get_wsd_schedule(num_warmup_steps=10, num_decay_steps=20, num_training_steps=100, decay_type='linear')",
    lr: one,
    steps: 105,
  },
  {
    spec: 'get_linear_schedule_with_warmup(num_warmup_steps=0, num_training_steps=30)',
    lr: [0.1, 0.02],
    steps: 35,
  },
  {
    spec: 'get_cosine_schedule_with_warmup(num_warmup_steps=4, num_training_steps=40, num_cycles=1.5)',
    lr: one,
    steps: 50,
  },
  {
    spec: 'get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=8, num_training_steps=60, min_lr=0.005, warmup_lr_rate=0.2)',
    lr: one,
    steps: 65,
  },
  {
    spec: "get_wsd_schedule(num_warmup_steps=10, num_decay_steps=20, num_stable_steps=15, warmup_type='cosine', decay_type='1-sqrt', min_lr_ratio=0.1)",
    lr: one,
    steps: 55,
  },
  {
    spec: "get_wsd_schedule(num_warmup_steps=10, num_decay_steps=30, num_training_steps=30, warmup_type='1-sqrt', num_cycles=1.25)",
    lr: one,
    steps: 40,
  },
  {
    spec: "get_scheduler('linear', num_warmup_steps=10, num_training_steps=100)",
    lr: one,
    steps: 105,
  },
  {
    spec: "get_scheduler('cosine_with_restarts', num_warmup_steps=3, num_training_steps=30, scheduler_specific_kwargs={'num_cycles': 3})",
    lr: one,
    steps: 35,
  },
  // ---- timm
  {
    spec: 'timm.CosineLRScheduler(t_initial=100, lr_min=1e-05, t_in_epochs=False)',
    lr: one,
    steps: 120,
  },
  {
    spec: 'timm.TanhLRScheduler(t_initial=100, lr_min=1e-05, warmup_t=5, warmup_lr_init=0.0001, t_in_epochs=False)',
    lr: one,
    steps: 110,
  },
  {
    spec: 'timm.PolyLRScheduler(t_initial=100, lr_min=1e-05, warmup_t=5, warmup_lr_init=0.0001, t_in_epochs=False)',
    lr: one,
    steps: 110,
  },
  {
    spec: 'timm.StepLRScheduler(decay_t=30, decay_rate=0.5, t_in_epochs=False)',
    lr: one,
    steps: 100,
  },
  {
    spec: 'timm.MultiStepLRScheduler(decay_t=[10, 25, 40], decay_rate=0.5, t_in_epochs=False)',
    lr: one,
    steps: 60,
  },
  {
    spec: 'timm.CosineLRScheduler(t_initial=10, lr_min=0.001, cycle_mul=2.0, cycle_decay=0.5, cycle_limit=3, warmup_t=4, warmup_lr_init=0.01, k_decay=1.5)',
    lr: [0.1, 0.05],
    steps: 90,
  },
  {
    spec: 'timm.CosineLRScheduler(t_initial=7, cycle_mul=0.5, cycle_limit=10, warmup_t=3, warmup_prefix=True)',
    lr: one,
    steps: 20,
  },
  {
    spec: 'timm.TanhLRScheduler(t_initial=8, lb=-4.0, ub=2.0, lr_min=1e-4, cycle_limit=3, cycle_decay=0.8, warmup_t=3)',
    lr: one,
    steps: 40,
  },
  {
    spec: 'timm.PolyLRScheduler(t_initial=6, power=2.0, cycle_mul=1.5, cycle_limit=4, k_decay=0.5)',
    lr: one,
    steps: 60,
  },
  {
    spec: 'timm.StepLRScheduler(decay_t=2.5, decay_rate=0.8, warmup_t=2, warmup_lr_init=0.001, warmup_prefix=False)',
    lr: one,
    steps: 30,
  },
  {
    spec: 'timm.CosineLRScheduler(t_initial=20, noise_range_t=[5, 15], t_in_epochs=False)',
    lr: one,
    steps: 25,
  },
  {
    spec: "timm.PlateauLRScheduler(decay_rate=0.5, patience_t=2, cooldown_t=1, mode='min')",
    lr: one,
    steps: 8,
    metrics: [1, 1, 1, 1, 1, 1, 1, 1],
  },
  {
    spec: "timm.PlateauLRScheduler(decay_rate=0.5, patience_t=1, warmup_t=3, warmup_lr_init=0.001, lr_min=0.001, mode='min', noise_range_t=[4, 12], noise_pct=0.2, noise_seed=7)",
    lr: [0.1, 0.05],
    steps: 16,
    metrics: [1, 0.5, 0.4, 0.9, 0.9, 0.8, 0.8, 0.8, NaN, 0.7, 0.7, 0.7, 0.7, 0.6, 0.6, 0.6],
  },
  // ---- fastai
  { spec: 'fastai.SchedLin(start=0.1, end=0.001, total_steps=50)', lr: one, steps: 50 },
  { spec: 'fastai.SchedCos(start=0.1, end=0.001, total_steps=50)', lr: one, steps: 50 },
  { spec: 'fastai.SchedNo(start=0.05, end=0.5, total_steps=10)', lr: one, steps: 10 },
  { spec: 'fastai.SchedExp(start=1e-07, end=10, total_steps=100)', lr: one, steps: 100 },
  { spec: 'fastai.SchedPoly(start=0.1, end=0.001, power=2, total_steps=50)', lr: one, steps: 50 },
  {
    spec: 'fastai.combine_scheds(pcts=[0.3, 0.3, 0.4], scheds=[fastai.SchedCos(0.01, 0.1), fastai.SchedLin(0.1, 0.02), fastai.SchedExp(0.02, 1e-4)], total_steps=50)',
    lr: one,
    steps: 50,
  },
  { spec: 'fastai.combined_cos(0.25, 0.01, 0.1, 0.001, total_steps=40)', lr: one, steps: 40 },
  { spec: 'fastai.fit_one_cycle(lr_max=0.01, total_steps=100)', lr: [0.01], steps: 100 },
  { spec: 'fastai.fit_flat_cos(lr=0.01, total_steps=100)', lr: [0.01], steps: 100 },
  {
    spec: 'fastai.fit_sgdr(n_cycles=3, cycle_len=1, lr_max=0.01, cycle_mult=2, total_steps=70)',
    lr: [0.01],
    steps: 70,
  },
  { spec: 'fastai.fit_one_cycle(3, 0.01, steps_per_epoch=7)', lr: [0.01], steps: 25 },
  { spec: 'fastai.fit_sgdr(3, 1, 0.01, steps_per_epoch=10)', lr: [0.01], steps: 75 },
  {
    spec: 'fastai.fit_flat_cos(2, lr=0.01, steps_per_epoch=9, pct_start=0.6)',
    lr: [0.01],
    steps: 20,
  },
  {
    spec: 'fastai.combine_scheds(pcts=[1 / 7, 2 / 7, 4 / 7], scheds=[fastai.SchedLin(0.0, 0.1), fastai.SchedPoly(0.1, 0.01, 0.5), fastai.SchedNo(0.01, 0.01)], total_steps=21)',
    lr: one,
    steps: 25,
  },
];
