/**
 * The registry: lookup (prefixes, did-you-mean), binding (positional, keyword, camelCase, JSON,
 * TS objects), canonical spec text and JSON that resolve back to the same schedule.
 */
import { describe, expect, it } from 'vitest';
import {
  LrkitError,
  curve,
  lookupEntry,
  registry,
  resolveSpec,
  specJson,
  specText,
} from '../../src/index.js';

describe('registry', () => {
  it('lists every PyTorch scheduler once, with docs and parameter docs', () => {
    const names = registry.filter((e) => e.family === 'torch').map((e) => e.name);
    expect(names).toEqual([
      'LambdaLR',
      'MultiplicativeLR',
      'StepLR',
      'MultiStepLR',
      'ConstantLR',
      'LinearLR',
      'ExponentialLR',
      'PolynomialLR',
      'CosineAnnealingLR',
      'CosineAnnealingWarmRestarts',
      'CyclicLR',
      'OneCycleLR',
      'SequentialLR',
      'ChainedScheduler',
      'ReduceLROnPlateau',
    ]);
    for (const e of registry) {
      expect(e.doc.length, e.name).toBeGreaterThan(20);
      for (const p of e.params) expect(p.doc.length, `${e.name}.${p.name}`).toBeGreaterThan(3);
    }
  });

  it('looks names up with PyTorch prefixes', () => {
    for (const n of [
      'StepLR',
      'torch.optim.lr_scheduler.StepLR',
      'lr_scheduler.StepLR',
      'optim.lr_scheduler.StepLR',
    ]) {
      expect(lookupEntry(n).name).toBe('StepLR');
    }
    expect(() => lookupEntry('torch.optim.lr_scheduler.Step')).toThrow(
      "unknown schedule 'torch.optim.lr_scheduler.Step'; did you mean 'StepLR'?",
    );
    expect(() => lookupEntry('Nonsense')).toThrow("unknown schedule 'Nonsense'");
  });

  it('binds positional, keyword and camelCase arguments alike', () => {
    const a = resolveSpec('StepLR(optimizer, 10, 0.5)');
    const b = resolveSpec('StepLR(step_size=10, gamma=0.5)');
    const c = resolveSpec({ name: 'StepLR', params: { stepSize: 10, gamma: 0.5 } });
    const d = resolveSpec({ name: 'StepLR', params: { step_size: 10, gamma: 0.5 } });
    for (const x of [a, b, c, d])
      expect(x.args).toMatchObject({ step_size: 10, gamma: 0.5, last_epoch: -1, verbose: false });
    expect(() => resolveSpec('StepLR(10, step_size=10)')).toThrow(
      "StepLR: got multiple values for parameter 'step_size'",
    );
    expect(() => resolveSpec('StepLR(optimizer, 1, 0.5, -1, False, 7)')).toThrow(
      'StepLR: takes at most 4 positional arguments, got 5',
    );
    expect(() => resolveSpec('StepLR(10, foo)')).toThrow(
      "StepLR: argument 2 is the name 'foo'; lrkit reads values only",
    );
    expect(() => resolveSpec(42 as never)).toThrow(LrkitError);
  });

  it('prints canonical text and JSON that resolve back to the same curve', () => {
    const specs = [
      'torch.optim.lr_scheduler.StepLR(optimizer, 10, gamma=0.5)',
      'OneCycleLR(max_lr=[0.1, 0.01], total_steps=100, anneal_strategy="linear", three_phase=True)',
      'SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=45)], milestones=[5])',
      "LambdaLR(lr_lambda=['lambda e: 0.95**e', 'lambda e: 1/(1+0.01*e)'])",
      'LambdaLR(lr_lambda=lambda epoch: min(1.0, (epoch + 1) / 10))',
      'ExponentialLR(gamma=(1e-4/0.1)**(1/10000))',
      "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=5, scale_fn='lambda x: 0.9**x', scale_mode='iterations')",
      "ReduceLROnPlateau(mode='max', patience=0, cooldown=3, min_lr=[0.001, 0.0001])",
    ];
    for (const spec of specs) {
      const text = specText(spec);
      expect(specText(text), spec).toBe(text); // idempotent
      const json = JSON.parse(JSON.stringify(specJson(spec))) as {
        name: string;
        params: Record<string, unknown>;
      };
      const opts = {
        lr: [0.1, 0.01],
        steps: 60,
        ...(spec.startsWith('Reduce')
          ? { metrics: Array.from({ length: 60 }, (_, i) => 1 / (1 + (i % 7))) }
          : {}),
      };
      const expected = curve(spec, opts);
      expect(curve(text, opts), text).toEqual(expected);
      expect(curve(json, opts), JSON.stringify(json)).toEqual(expected);
    }
    expect(specText('torch.optim.lr_scheduler.StepLR(optimizer, 10, gamma=0.5)')).toBe(
      'StepLR(step_size=10, gamma=0.5)',
    );
    expect(specText('ExponentialLR(gamma=0.5**2)')).toBe('ExponentialLR(gamma=0.25)');
    expect(specJson('SequentialLR(schedulers=[StepLR(step_size=1)], milestones=[])')).toEqual({
      name: 'SequentialLR',
      params: { schedulers: [{ name: 'StepLR', params: { step_size: 1 } }], milestones: [] },
    });
  });

  it('TypeScript functions bind but cannot be printed', () => {
    const bound = resolveSpec({
      name: 'LambdaLR',
      params: { lr_lambda: (e: number) => 1 / (e + 1) },
    });
    expect(() => specText(bound)).toThrow(
      "LambdaLR: lr_lambda is a TypeScript function, which cannot be written as spec text or saved; use an expression string such as 'lambda e: 0.95**e' to make it serialisable",
    );
  });
});

describe('pasted optimizer arguments', () => {
  it('are dropped positionally (any opt* name, also dotted) and as optimizer=…', () => {
    for (const spec of [
      'StepLR(optimizer, 10)',
      'StepLR(opt, 10)',
      'StepLR(self.optimizer, 10)',
      'StepLR(optimizer_g, 10)',
      'StepLR(optimizer=optimizer, step_size=10)',
    ]) {
      expect(specText(spec), spec).toBe('StepLR(step_size=10)');
    }
  });
});
