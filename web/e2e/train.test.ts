/**
 * The Train panel in headless Chromium: TF.js is fetched only once Train is opened, a short
 * training comparison under two schedules runs in the worker (wasm backend), and the LR range
 * test shows its curve and lrkit's suggestions.
 */
import { toSchedule } from 'lrkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { open, shot, start, type Session } from './browser.js';

let session: Session;
beforeAll(async () => {
  session = await start();
});
afterAll(async () => {
  await session?.close();
});

it('loads TF.js only for Train, compares two schedules and runs the range test', async () => {
  const p = new URLSearchParams();
  p.append('s', 'OneCycleLR(max_lr=0.5, total_steps=64)');
  p.append('lr', '0.05');
  p.append('s', 'CosineAnnealingLR(T_max=64)');
  p.append('lr', '0.2');
  p.set('te', '2');
  p.set('tb', '128');
  p.set('tp', '0,1');
  p.set('ri', '60');
  const { page, problems, dialogs } = await open(session, `#${p.toString()}`);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.waitForTimeout(300);
  expect(requested.filter((u) => /worker|tfjs|wasm|digits/.test(u))).toEqual([]);

  await page.locator('#tab-train').click();
  await expect
    .poll(() => page.locator('#train-start').isDisabled(), { timeout: 60_000 })
    .toBe(false);
  expect(requested.some((u) => /worker-.*\.js$/.test(u))).toBe(true);
  const status = await page.locator('#train-status').textContent();
  expect(status).toMatch(/backend: wasm/);
  expect(status).toContain('4000 training + 1000 validation digits, 14×14');
  // the legend says how long each run is: 2 epochs × ⌈4000/128⌉ batches
  expect(await page.locator('#train-picks legend').textContent()).toContain('2 × 32 = 64 steps');

  await page.locator('#train-start').click();
  await page.waitForFunction(() => document.getElementById('panel-train')?.dataset.trained, null, {
    timeout: 120_000,
  });
  const rows = page.locator('#train-results tbody tr');
  expect(await rows.count()).toBe(2);
  for (let i = 0; i < 2; i++) {
    const cells = await rows.nth(i).locator('td').allTextContents();
    expect(cells).toHaveLength(4);
    const acc = Number(cells[2]!.replace(' %', ''));
    // a 196-64-10 MLP after 64 steps: far above chance (10 %)
    expect(acc).toBeGreaterThan(50);
    expect(acc).toBeLessThanOrEqual(100);
  }
  expect(await page.locator('#train-progress').textContent()).toBe('Done.');
  // the lr on the optimizer at every step (read back in the worker) is lrkit's schedule
  type Run = { id: number; spec: string; steps: number[]; lr: number[]; loss: number[] };
  const runs = await page.evaluate(() =>
    (
      window as unknown as { lrkitPlayground: { trainRuns: () => Run[] } }
    ).lrkitPlayground.trainRuns(),
  );
  expect(runs.map((r) => [r.id, r.spec, r.steps.length])).toEqual([
    [0, 'OneCycleLR(max_lr=0.5, total_steps=64)', 64],
    [1, 'CosineAnnealingLR(T_max=64)', 64],
  ]);
  const baseLr = [0.05, 0.2];
  for (const r of runs) {
    const want = toSchedule(r.spec, baseLr[r.id]!);
    r.steps.forEach((k, i) => {
      expect(k).toBe(i);
      expect(Math.abs(r.lr[i]! - want(k))).toBeLessThanOrEqual(1e-7 * Math.abs(want(k)));
    });
    expect(r.loss.every((l) => Number.isFinite(l) && l > 0)).toBe(true);
  }
  await shot(page, 'train');

  await page.locator('#rt-run').click();
  await page.waitForSelector('#rt-suggestions', { timeout: 120_000 });
  const items = await page.locator('#rt-suggestions li').allTextContents();
  expect(items.map((t) => t.split(':')[0])).toEqual([
    'steepest descent',
    'minimum ÷ 10',
    'valley (fastai default)',
    'slide',
  ]);
  const rec = await page.locator('#rt-result p strong').textContent();
  expect(rec).toMatch(/^Recommended lr: \d/);
  expect(await page.locator('#rt-progress').textContent()).toMatch(/Finished in .* s: /);
  // the recommendation can become the selected schedule's base lr
  const lr = Number(/Recommended lr: (\S+)/.exec(rec!)![1]);
  await page.locator('#rt-use').click();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain(`lr=${lr}`.slice(0, 8));
  await shot(page, 'range-test');
  expect(problems).toEqual([]);
  expect(dialogs).toEqual([]);
});
