/**
 * `--to ts` for every example: the generated module, with its 'lrkit' import pointed at the built
 * package (dist/index.js), runs in node and gives lrkit's curve — exactly, since it is lrkit. The
 * standalone form (the closed form written out as TypeScript) type-checks under the project's
 * strict options, and, transpiled, gives the same values bit for bit; specs it cannot write out are
 * refused with the "cannot export" message.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { curve, LrkitError, resolveSpec } from '../../src/index.js';
import { exportCode } from '../../src/export/index.js';
import { expectSeriesClose } from '../helpers/tolerance.js';
import { examples, type Example } from './examples.js';
import { distIndex, runNode, tempDir } from './harness.js';

const exact = { rel: 0, abs: 0 };
const built = existsSync(distIndex);

function expectedLr(ex: Example): number[][] {
  return curve(ex.spec, {
    lr: [...ex.lr],
    steps: ex.steps,
    momentum: 0.9,
    ...(ex.metrics ? { metrics: [...ex.metrics] } : {}),
  }).lr;
}

const lrkitCodes = examples.map((ex) => exportCode(ex.spec, { to: 'ts', lr: ex.lr }));
const standalone = examples.map((ex) => {
  try {
    return { code: exportCode(ex.spec, { to: 'ts', lr: ex.lr, standalone: true }) };
  } catch (error) {
    return { error };
  }
});

describe.skipIf(!built)(
  `export --to ts${built ? '' : ' (skipped: dist/ is missing: run npm run build)'}`,
  () => {
    let lrkitRuns: ReturnType<typeof runNode> = [];
    let standaloneRuns: (ReturnType<typeof runNode>[number] | undefined)[] = [];
    let typeErrors = new Map<number, string>();

    beforeAll(() => {
      lrkitRuns = runNode(
        examples.map((ex, i) => ({ code: lrkitCodes[i]!, steps: ex.steps, metrics: ex.metrics })),
      );
      // type-check the standalone modules as the project would (strict, noUncheckedIndexedAccess)
      const dir = tempDir('standalone');
      const files = new Map<string, number>();
      standalone.forEach((s, i) => {
        if (!('code' in s)) return;
        const file = join(dir, `standalone_${i}.ts`);
        writeFileSync(
          file,
          `${s.code!.replaceAll(`from 'lrkit'`, `from '${distIndex.pathname}'`)}\nexport { schedule };\n`,
        );
        files.set(file, i);
      });
      const program = ts.createProgram([...files.keys()], {
        strict: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        skipLibCheck: true,
        types: [],
      });
      for (const d of ts.getPreEmitDiagnostics(program)) {
        const i = d.file ? files.get(d.file.fileName) : undefined;
        if (i !== undefined) {
          typeErrors.set(i, ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        }
      }
      const jobs: { code: string; steps: number; i: number }[] = [];
      standalone.forEach((s, i) => {
        if (!('code' in s)) return;
        const js = ts.transpileModule(s.code!, {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        }).outputText;
        jobs.push({ code: js, steps: examples[i]!.steps, i });
      });
      const out = runNode(jobs);
      standaloneRuns = examples.map(() => undefined);
      out.forEach((r, j) => (standaloneRuns[jobs[j]!.i] = r));
      typeErrors = new Map(typeErrors);
    });

    examples.forEach((ex, i) => {
      it(`${ex.spec}: lrkit`, () => {
        const r = lrkitRuns[i]!;
        expect('error' in r ? r.error : undefined, lrkitCodes[i]).toBeUndefined();
        const expected = expectedLr(ex);
        (r as { lr: number[][] }).lr.forEach((got, g) =>
          expectSeriesClose(got, expected[g]!, `${ex.spec} lr[${g}]`, exact),
        );
      });

      it(`${ex.spec}: standalone`, () => {
        const s = standalone[i]!;
        if ('error' in s) {
          const err = s.error as Error;
          expect(err).toBeInstanceOf(LrkitError);
          expect(err.message).toMatch(
            /^cannot export \S+ to ts (exactly yet: |with \d+ param groups: )/,
          );
          return;
        }
        expect(typeErrors.get(i), s.code).toBeUndefined();
        const r = standaloneRuns[i]!;
        expect('error' in r ? r.error : undefined, s.code).toBeUndefined();
        const expected = expectedLr(ex);
        expectSeriesClose((r as { lr: number[][] }).lr[0]!, expected[0]!, ex.spec, exact);
      });
    });

    it('uses a Scheduler for several param groups and for metric-driven specs', () => {
      const many = examples.filter((ex) => ex.lr.length > 1 || ex.metrics);
      expect(many.length).toBeGreaterThan(3);
      for (const ex of many) {
        const code = exportCode(ex.spec, { to: 'ts', lr: ex.lr });
        expect(code, resolveSpec(ex.spec).entry.qualifiedName).toContain(
          "import { Scheduler } from 'lrkit';",
        );
      }
    });
  },
);
