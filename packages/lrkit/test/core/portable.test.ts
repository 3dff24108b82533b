/**
 * The core runs unchanged in browsers: outside src/cli/ and src/tfjs/ nothing imports a Node
 * builtin or any package; only src/tfjs/ imports TF.js (`@tensorflow/*`) and nothing else
 * imports src/tfjs/; and the browser bundle of src/index.ts runs in a bare JavaScript realm (no
 * process, no require, no Node globals).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { close } from '../helpers/tolerance.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? tsFiles(join(dir, d.name))
      : d.name.endsWith('.ts')
        ? [join(dir, d.name)]
        : [],
  );
}

/** Every module specifier a file names: imports, re-exports, dynamic imports, require calls. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNodeBuiltin = (s: string) => s.startsWith('node:') || builtins.has(s);
const isRelative = (s: string) => s.startsWith('./') || s.startsWith('../');

describe('the import scanner', () => {
  it('finds every kind of import, of builtins and packages', () => {
    const text = [
      "import { readFileSync } from 'node:fs';",
      'import type { X } from "path";',
      "import {\n  a,\n  b,\n} from './local.js';",
      "export * from 'lodash';",
      "export { c } from '../up.js';",
      "import 'os';",
      "const m = await import('crypto');",
      "const r = require('node:child_process');",
    ].join('\n');
    const found = specifiers(text);
    expect([...found].sort()).toEqual(
      [
        'node:fs',
        'path',
        './local.js',
        'lodash',
        '../up.js',
        'os',
        'crypto',
        'node:child_process',
      ].sort(),
    );
    expect(found.filter(isNodeBuiltin).sort()).toEqual(
      ['crypto', 'node:child_process', 'node:fs', 'os', 'path'].sort(),
    );
    expect(found.filter((s) => !isRelative(s)).length).toBe(6);
  });
});

/** Edges allowed to import packages: the CLI (Node builtins) and the TF.js adapter. */
const edges = ['cli', 'tfjs'];
const inEdge = (f: string, edge: string) => relative(src, f).startsWith(`${edge}${sep}`);

describe('src/ outside src/cli/ and src/tfjs/', () => {
  const files = tsFiles(src).filter((f) => !edges.some((e) => inEdge(f, e)));

  it('has the core files to scan', () => {
    const names = files.map((f) => relative(src, f).split(sep).join('/'));
    expect(names).toContain('index.ts');
    expect(names).toContain('schedules/cosine.ts');
    expect(names.some((n) => n.startsWith('cli/') || n.startsWith('tfjs/'))).toBe(false);
  });

  it('imports no Node builtin and no package: only relative paths', () => {
    const offenders: string[] = [];
    for (const f of files) {
      for (const s of specifiers(readFileSync(f, 'utf8'))) {
        if (isNodeBuiltin(s) || !isRelative(s)) offenders.push(`${relative(root, f)}: '${s}'`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('TF.js imports', () => {
  const isTf = (s: string) => s.startsWith('@tensorflow/');

  it('the TF.js adapter exists and imports TF.js', () => {
    const adapter = tsFiles(src).filter((f) => inEdge(f, 'tfjs'));
    expect(adapter.map((f) => relative(src, f).split(sep).join('/'))).toContain('tfjs/index.ts');
    expect(adapter.some((f) => specifiers(readFileSync(f, 'utf8')).some(isTf))).toBe(true);
  });

  it('nothing outside src/tfjs/ imports @tensorflow/*', () => {
    const offenders: string[] = [];
    for (const f of tsFiles(src).filter((f) => !inEdge(f, 'tfjs'))) {
      for (const s of specifiers(readFileSync(f, 'utf8'))) {
        if (isTf(s)) offenders.push(`${relative(root, f)}: '${s}'`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('nothing outside src/tfjs/ imports src/tfjs/ (the core never loads TF.js)', () => {
    const offenders: string[] = [];
    for (const f of tsFiles(src).filter((f) => !inEdge(f, 'tfjs'))) {
      for (const s of specifiers(readFileSync(f, 'utf8'))) {
        if (isRelative(s) && /(^|\/)tfjs(\/|$)/.test(s))
          offenders.push(`${relative(root, f)}: '${s}'`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('the browser bundle of src/index.ts', () => {
  it('esbuild is installed', () => {
    expect(existsSync(join(root, '..', '..', 'node_modules', 'esbuild'))).toBe(true);
  });

  const bundle = (format: 'esm' | 'iife') =>
    build({
      entryPoints: [join(src, 'index.ts')],
      platform: 'browser',
      bundle: true,
      write: false,
      format,
      logLevel: 'silent',
      ...(format === 'iife' ? { globalName: 'lrkit' } : {}),
    });

  it('builds for the browser, with no require of a Node builtin', async () => {
    const result = await bundle('esm');
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code.length).toBeGreaterThan(1000);
    const required = [...code.matchAll(/\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map(
      (m) => m[2]!,
    );
    expect(required.filter(isNodeBuiltin)).toEqual([]);
    // esbuild's shim for require() calls it cannot resolve
    expect(code).not.toContain('__require');
  });

  it('runs in a fresh realm without Node globals', async () => {
    const result = await bundle('iife');
    expect(result.errors).toEqual([]);
    const context = vm.createContext({});
    expect(
      vm.runInContext('[typeof process, typeof require, typeof Buffer, typeof module]', context),
    ).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
    vm.runInContext(result.outputFiles[0]!.text, context);
    const got = vm.runInContext(
      '[lrkit.exponential({ initial: 0.1, rate: 0.5 })(2), lrkit.constant(0.3)(1e9)]',
      context,
    ) as number[];
    expect(close(got[0]!, 0.025), `exponential gave ${got[0]}`).toBe(true);
    expect(close(got[1]!, 0.3), `constant gave ${got[1]}`).toBe(true);
    const message = vm.runInContext(
      "(() => { try { lrkit.constant(-1); return 'no error'; } catch (e) { return e.name + ': ' + e.message; } })()",
      context,
    );
    expect(message).toBe('ParameterError: constant: value must be a finite number ≥ 0, got -1');
  });
});
