/** `lrkit list`, run as a spawned process: every registry entry, text and JSON, and its errors. */
import { describe, expect, it } from 'vitest';
import { registry } from 'lrkit';
import { lrkit } from './helpers/cli.js';

describe('lrkit list', () => {
  it('text: every schedule of every family, with each parameter and its default', () => {
    const r = lrkit(['list']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const e of registry) {
      expect(r.stdout, e.qualifiedName).toContain(`  ${e.qualifiedName}(`);
    }
    // a parameter row: name, type, default, doc (StepLR's gamma)
    expect(r.stdout).toMatch(/^ +gamma +number +0\.1 +decay factor$/m);
    expect(r.stdout).toMatch(/^ +step_size +int +required +epochs between decays$/m);
    expect(r.stdout).toContain(`${registry.length} schedules`);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/\x1b\[/); // not a terminal: no colour
  });

  it('--format json: one object per entry with typed parameters, in registry order', () => {
    const r = lrkit(['list', '--format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as {
      name: string;
      family: string;
      params: { name: string; type: string; default: unknown; required: boolean; doc: string }[];
    }[];
    expect(list.map((e) => e.name)).toEqual(registry.map((e) => e.qualifiedName));
    list.forEach((e, i) => {
      expect(e.family).toBe(registry[i]!.family);
      expect(e.params.map((p) => p.name)).toEqual(registry[i]!.params.map((p) => p.name));
    });
    const step = list.find((e) => e.name === 'StepLR')!;
    expect(step.params[0]).toEqual({
      name: 'step_size',
      type: 'int',
      default: null,
      required: true,
      nullable: false,
      doc: 'epochs between decays',
    });
    expect(step.params[1]).toMatchObject({ name: 'gamma', type: 'number', default: 0.1 });
  });

  it('--family keeps one family', () => {
    const r = lrkit(['list', '--family', 'optax', '--format', 'json']);
    const names = (JSON.parse(r.stdout) as { name: string }[]).map((e) => e.name);
    expect(names).toEqual(registry.filter((e) => e.family === 'optax').map((e) => e.qualifiedName));
    const t = lrkit(['list', '--family', 'keras']);
    expect(t.stdout).toContain('keras.CosineDecay(');
    expect(t.stdout).not.toContain('  StepLR(');
  });

  it('usage errors exit 2 with a did-you-mean', () => {
    const r = lrkit(['list', '--family', 'torh']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "lrkit list: error: --family: expected torch, keras, optax, transformers, timm, fastai, got 'torh'; did you mean 'torch'?\n",
    );
    const o = lrkit(['list', '--famly', 'torch']);
    expect(o.code).toBe(2);
    expect(o.stderr).toBe(
      "lrkit list: error: Unknown option '--famly'; did you mean '--family'? (lrkit list --help)\n",
    );
  });
});
