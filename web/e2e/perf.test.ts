/**
 * Performance of the built page, measured in headless Chromium and written to
 * bench/results/web.json (printed by bench/web.js):
 * - redraw time after a parameter change at 10^6 steps: performance.now() inside the page from
 *   the start of the redraw (lrkit sample, min/max decimation, uPlot setData) to uPlot's draw
 *   hook, median of several changes; and the time until the exact curves of every step and the
 *   summary (computed in a worker) are drawn;
 * - the JavaScript the page loads before Train is opened, gzipped (zlib, level 9) from the
 *   web/dist files, and what opening Train adds (the worker and the TF.js chunks).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIST, open, shot, start, type Session } from './browser.js';

const here = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(here, '..', '..', 'bench', 'results', 'web.json');
const STEPS = 1_000_000;
const CHANGES = 9;

let session: Session;
beforeAll(async () => {
  session = await start();
});
afterAll(async () => {
  await session?.close();
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function gz(files: string[]) {
  return files.map((f) => {
    const bytes = readFileSync(join(DIST, f));
    return { file: f, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

it('measures the redraw at 10^6 steps and the page weight', async () => {
  const p = new URLSearchParams();
  p.append('s', `OneCycleLR(max_lr=0.1, total_steps=${STEPS})`);
  p.append('lr', '0.1');
  p.append('s', `CosineAnnealingWarmRestarts(T_0=50000, T_mult=2)`);
  p.append('lr', '0.1');
  p.set('steps', String(STEPS));
  const { page, problems } = await open(session, `#${p.toString()}`);
  const loaded = new Set<string>();
  const track = (url: string) => {
    const u = new URL(url);
    if (u.pathname.endsWith('.js')) loaded.add(u.pathname.replace(/^\//, ''));
  };
  // the JS of the page itself: what was loaded so far (the page is fully built at this point)
  const pageJs = (
    await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .concat(Array.from(document.scripts, (s) => s.src)),
    )
  ).filter((u) => u.endsWith('.js'));
  pageJs.forEach(track);

  type PG = { lrkitPlayground: { redrawTimings: number[]; exactTimings: number[] } };
  const counts = () =>
    page.evaluate(() => {
      const g = (window as unknown as PG).lrkitPlayground;
      return [g.redrawTimings.length, g.exactTimings.length] as const;
    });
  const lastTimings = () =>
    page.evaluate(() => {
      const g = (window as unknown as PG).lrkitPlayground;
      return [
        g.redrawTimings[g.redrawTimings.length - 1]!,
        g.exactTimings[g.exactTimings.length - 1]!,
      ] as const;
    });
  // the first load computes the exact curves too
  await expect.poll(async () => (await counts())[1], { timeout: 30_000 }).toBeGreaterThan(0);
  const field = page.locator('[data-param=pct_start] input');
  const timings: number[] = [];
  const exact: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const [r0, e0] = await counts();
    await field.fill(String(0.2 + 0.02 * i));
    await expect.poll(async () => (await counts())[0]).toBeGreaterThan(r0);
    await expect.poll(async () => (await counts())[1], { timeout: 30_000 }).toBeGreaterThan(e0);
    const [t, e] = await lastTimings();
    timings.push(t);
    exact.push(e);
  }
  await shot(page, 'perf-1e6-steps');
  // the chart really shows the changed schedule: the table's max is still max_lr
  expect(await page.locator('#summary tbody tr:nth-child(1) td').nth(3).textContent()).toBe('0.1');
  expect(problems).toEqual([]);

  // everything else in web/dist is loaded only once Train is opened (its panel, the worker, TF.js)
  const allJs = readdirSync(join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  // the exact-curve worker belongs to the page (started at the first long horizon)
  const before = new Set([...loaded, ...allJs.filter((f) => /\/exactWorker-/.test(f))]);
  expect([...before].every((f) => allJs.includes(f))).toBe(true);
  const pageFiles = gz([...before]);
  const trainFiles = gz(allJs.filter((f) => !before.has(f)));
  const pageGzip = pageFiles.reduce((a, f) => a + f.gzip, 0);
  const result = {
    date: new Date().toISOString(),
    browser: `${session.browser.version()} (headless)`,
    redraw: {
      steps: STEPS,
      schedules: p.getAll('s'),
      changed: 'pct_start of the first schedule',
      samplesMs: timings.map((t) => Math.round(t * 100) / 100),
      medianMs: Math.round(median(timings) * 100) / 100,
      targetMs: 50,
      what: 'from the change to uPlot drawn: lrkit sample at 20,000 evenly spaced steps per curve (+ momentum), decimate, setData',
      exact: {
        what: 'from the change to the exact min/max envelope of all 10^6 steps and the summary drawn (computed in a worker)',
        samplesMs: exact.map((t) => Math.round(t * 100) / 100),
        medianMs: Math.round(median(exact) * 100) / 100,
      },
    },
    pageJs: { files: pageFiles, gzipBytes: pageGzip, targetGzipBytes: 500_000 },
    trainJs: {
      files: trainFiles,
      gzipBytes: trainFiles.reduce((a, f) => a + f.gzip, 0),
      note: 'loaded only when Train is opened: its panel, the worker and TF.js (imported inside the worker)',
    },
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(result, null, 2) + '\n');
  expect(pageFiles.length).toBeGreaterThan(0);
  expect(timings.every((t) => t > 0)).toBe(true);
});
