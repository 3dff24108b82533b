/**
 * The README's TF.js examples are the files examples/tfjs-fit.mjs and examples/tfjs-resume.mjs,
 * verbatim, and the output shown under each is what the file really prints (run here with node, importing the built 'lrkit/tfjs' through
 * the workspace link — `npm test` builds first). The printed values are also checked against
 * lrkit's own Scheduler and the problem's exact solution.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/scheduler/Scheduler.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const file = 'examples/tfjs-fit.mjs';
const source = readFileSync(`${root}${file}`, 'utf8');
const readme = readFileSync(`${root}README.md`, 'utf8');

describe(file, () => {
  it('is in README.md verbatim, in a js block', () => {
    expect(readme).toContain('```js\n' + source + '```\n');
  });

  it('runs, and prints exactly the output shown in README.md', () => {
    const out = execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8' });
    const after = readme.slice(readme.indexOf('```js\n' + source));
    const shown = /```text\n([\s\S]*?)```/.exec(after)?.[1];
    expect(shown).toBe(out);

    const line = (label: string) =>
      out
        .split('\n')
        .find((l) => l.includes(label))!
        .split(':')[1]!
        .trim()
        .split(' ')
        .map(Number);
    // OneCycleLR, 5 epochs × 8 batches: history.lr is the lr of each epoch's last batch
    const s = new Scheduler('OneCycleLR(max_lr=0.1, total_steps=40)', { lr: 0.01, momentum: 0.9 });
    const at = [7, 15, 23, 31, 39].map((k) => s.stepTo(k)[0]!);
    const mom = [7, 15, 23, 31, 39].map((k) => (s.stepTo(k), s.momentum[0]!));
    expect(line('OneCycleLR        lr')).toEqual(at.map((v) => Number(v.toPrecision(3))));
    expect(line('momentum')).toEqual(mom.map((v) => Number(v.toPrecision(3))));
    // the warm-up: 12 batches from lr/3 (6 batches per epoch), then Keras plateau halvings
    const plateau = line('ReduceLROnPlateau lr');
    expect(plateau.slice(0, 3)).toEqual(
      [5, 11].map((k) => Number((0.01 * (1 / 3 + ((2 / 3) * k) / 12)).toPrecision(3))).concat(0.01),
    );
    for (let e = 3; e < plateau.length; e++) {
      expect([1, 0.5].map((f) => plateau[e - 1]! * f)).toContainEqual(plateau[e]);
    }
    // the custom loop solves y = 2·x0 − x1 + 0.5 and ends at CosineAnnealingLR's eta_min
    expect(out).toContain('custom loop: w = 2.00 -1.00  b = 0.500  lr = 0.001\n');
  });
});

describe('examples/tfjs-resume.mjs', () => {
  const resume = readFileSync(`${root}examples/tfjs-resume.mjs`, 'utf8');
  it('is in README.md verbatim, and prints the output shown there: a bit-identical resume', () => {
    expect(readme).toContain('```js\n' + resume + '```\n');
    const out = execFileSync(process.execPath, ['examples/tfjs-resume.mjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    const after = readme.slice(readme.indexOf('```js\n' + resume));
    expect(/```text\n([\s\S]*?)```/.exec(after)?.[1]).toBe(out);
    expect(out).toBe('resumed at epoch 3 step 12\nbit-identical to the 6-epoch run: true\n');
  });
});
