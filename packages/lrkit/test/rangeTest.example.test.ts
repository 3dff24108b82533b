/**
 * The README's range-test example is examples/range-test.mjs verbatim, and the output shown under
 * it is what the file really prints (run with node against the built packages, in a temporary
 * directory because it writes an SVG). The printed recommendations are also checked against the
 * example's own ground truth.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const file = join(root, 'examples', 'range-test.mjs');
const source = readFileSync(file, 'utf8');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('examples/range-test.mjs', () => {
  it('is in README.md verbatim, and prints exactly the output shown there', () => {
    expect(readme).toContain('```js\n' + source + '```\n');
    const cwd = mkdtempSync(join(tmpdir(), 'lrkit-range-example-'));
    const out = execFileSync(process.execPath, [file], { cwd, encoding: 'utf8' });
    const after = readme.slice(readme.indexOf('```js\n' + source));
    expect(/```text\n([\s\S]*?)```/.exec(after)?.[1]).toBe(out);

    // GD on 0.7·w²/2 diverges above 2/0.7: the recommendation stays below that edge
    const lrs = [...out.matchAll(/^ {2}lr: ([\d.e-]+),$/gm)].map((m) => Number(m[1]));
    expect(lrs).toHaveLength(2);
    expect(lrs[0]).toBeLessThan(2 / 0.7);
    expect(lrs[0]).toBeGreaterThan(0.05 / 0.7);
    expect(out).toContain('weights unchanged: true\n');
    expect(readFileSync(join(cwd, 'lr-range-test.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n?$/);
  });
});
