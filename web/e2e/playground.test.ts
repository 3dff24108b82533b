/**
 * End-to-end tests of the built playground in headless Chromium: the designer form, a pasted
 * spec with an error, comparing schedules, shared URLs, code export and downloads, and a URL
 * full of script-injection attempts. Expected numbers come from lrkit itself, run here in Node.
 */
import { readFileSync } from 'node:fs';
import { exportCode, sample, solveStepDecay, summarize, toSchedule } from 'lrkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fmt } from '../src/dom.js';
import { encodeState, defaultState } from '../src/state.js';
import { open, shot, start, type Session } from './browser.js';

let session: Session;
beforeAll(async () => {
  session = await start();
});
afterAll(async () => {
  await session?.close();
});

/** lrkit's summary of a spec over steps 0..n for base lr `lr`, computed in Node. */
function expectedSummary(spec: string, lr: number, n: number) {
  return summarize(sample(toSchedule(spec, lr), n + 1));
}

/** The summary table's cells (initial, final, min, max, mean, area, changes, …) of row i. */
async function summaryRow(page: import('playwright-core').Page, i: number): Promise<string[]> {
  return page.locator(`#summary tbody tr:nth-child(${i + 1}) td`).allTextContents();
}

function hashFor(
  items: { spec: string; lr?: number }[],
  extra: Partial<ReturnType<typeof defaultState>> = {},
): string {
  const s = { ...defaultState(), ...extra };
  s.items = items.map((it) => ({ spec: it.spec, lr: it.lr ?? 0.1, hidden: false }));
  s.train = { ...s.train, picks: [0] };
  return encodeState(s);
}

describe('designer', () => {
  it('builds a schedule through the form, with lrkit errors shown at the field', async () => {
    const { page, problems, dialogs } = await open(session);
    await page.selectOption('#schedule-pick', 'StepLR');
    const stepSize = page.locator('[data-param=step_size] input');
    await stepSize.fill('0');
    await expect
      .poll(() => page.locator('[data-param=step_size] .error').textContent())
      .toBe('StepLR: step_size must be a positive integer, got 0');
    expect(await stepSize.getAttribute('aria-invalid')).toBe('true');
    // the row of the invalid schedule shows the same message instead of numbers
    expect(await page.locator('#summary tbody tr:nth-child(1) td.error').textContent()).toBe(
      'StepLR: step_size must be a positive integer, got 0',
    );

    await stepSize.fill('100');
    await page.locator('[data-param=gamma] input').fill('0.5');
    await expect
      .poll(() => page.locator('#spec-input').inputValue())
      .toBe('StepLR(step_size=100, gamma=0.5)');
    expect(await page.locator('[data-param=step_size] .error').textContent()).toBe('');
    expect(await stepSize.getAttribute('aria-invalid')).toBeNull();
    const want = expectedSummary('StepLR(step_size=100, gamma=0.5)', 0.1, 1000);
    const row = await summaryRow(page, 0);
    expect(row.slice(0, 7)).toEqual([
      fmt(want.initial),
      fmt(want.final),
      fmt(want.min),
      fmt(want.max),
      fmt(want.mean),
      fmt(want.area),
      String(want.changes),
    ]);
    expect(want.final).toBeCloseTo(0.1 * 0.5 ** 10, 15);

    // the form is built from the registry: every StepLR parameter has a labelled field
    const labels = await page.locator('#params label').allTextContents();
    expect(labels.map((l) => l.replace(/ required$/, ''))).toEqual([
      'step_size',
      'gamma',
      'last_epoch',
      'verbose',
    ]);
    // enum parameters are selects with the registry's choices
    await page.selectOption('#schedule-pick', 'OneCycleLR');
    const choices = await page
      .locator('[data-param=anneal_strategy] select option')
      .allTextContents();
    expect(choices).toEqual(["default ('cos')", 'cos', 'linear']);
    await shot(page, 'designer-form');
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('parses a pasted spec live and points at the column of an error', async () => {
    const { page } = await open(session);
    const spec = page.locator('#spec-input');
    await spec.fill('StepLR(step_size=10,, gamma=0.5)');
    await expect
      .poll(() => page.locator('#spec-error .error').textContent())
      .toBe("expected a value, got ',' at column 21");
    expect(await page.locator('#spec-error pre.caret').textContent()).toContain('^ column 21');
    expect(await page.locator('#spec-error mark').textContent()).toBe(',');

    await spec.fill('OneCycleLR(max_lr=0.1, total_steps=0)');
    await expect
      .poll(() => page.locator('#spec-error .error').textContent())
      .toBe('OneCycleLR: total_steps must be a positive integer, got 0');
    expect(await page.locator('#spec-error pre.caret').textContent()).toContain('^ column 24');
    // the same message sits at the field it names, and the form shows the pasted values
    expect(await page.locator('[data-param=total_steps] .error').textContent()).toBe(
      'OneCycleLR: total_steps must be a positive integer, got 0',
    );
    expect(await page.locator('[data-param=max_lr] input').inputValue()).toBe('0.1');
    await shot(page, 'spec-error');

    // a Keras line with positional arguments binds and shows its parameters
    await spec.fill('keras.CosineDecay(0.1, 1000, alpha=0.01)');
    await expect.poll(() => page.locator('#spec-error').textContent()).toBe('');
    expect(await page.locator('#schedule-pick').inputValue()).toBe('keras.CosineDecay');
    expect(await page.locator('[data-param=decay_steps] input').inputValue()).toBe('1000');
    const want = expectedSummary('keras.CosineDecay(0.1, 1000, alpha=0.01)', 0.1, 1000);
    expect((await summaryRow(page, 0))[1]).toBe(fmt(want.final));
    // unknown names get lrkit's did-you-mean
    await spec.fill('CosineAnealingLR(T_max=10)');
    await expect
      .poll(() => page.locator('#spec-error .error').textContent())
      .toBe("unknown schedule 'CosineAnealingLR'; did you mean 'CosineAnnealingLR'?");
  });
});

describe('compare', () => {
  it('overlays schedules on one chart with a summary row each, momentum and a read-out', async () => {
    const specs = [
      'OneCycleLR(max_lr=0.1, total_steps=1000)',
      'CosineAnnealingLR(T_max=1000)',
      'keras.ExponentialDecay(0.1, 100, 0.5)',
    ];
    const { page, problems } = await open(session, hashFor(specs.map((spec) => ({ spec }))));
    expect(await page.locator('#summary tbody tr').count()).toBe(3);
    for (const [i, spec] of specs.entries()) {
      const want = expectedSummary(spec, 0.1, 1000);
      const row = await summaryRow(page, i);
      expect(row.slice(0, 4)).toEqual([
        fmt(want.initial),
        fmt(want.final),
        fmt(want.min),
        fmt(want.max),
      ]);
    }
    // OneCycleLR cycles momentum: it gets a momentum range and a second axis
    expect((await summaryRow(page, 0))[8]).toBe('0.85 – 0.95');
    expect((await summaryRow(page, 1))[8]).toBe('—');
    expect(await page.locator('#panel-design .chart .u-axis').count()).toBe(3);

    // hover: exact values at the step under the pointer
    const over = page.locator('#panel-design .chart .u-over');
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    const text = await page.locator('#readout').textContent();
    const step = Number(/step ([\d,]+)/.exec(text ?? '')![1]!.replace(/,/g, ''));
    expect(step).toBeGreaterThan(250);
    expect(step).toBeLessThan(350);
    expect(text).toContain(`1: lr ${fmt(toSchedule(specs[0]!, 0.1)(step))}`);
    expect(text).toContain(`2: lr ${fmt(toSchedule(specs[1]!, 0.1)(step))}`);
    await shot(page, 'compare');

    // keyboard: focus the chart, arrows move the probe
    await page.locator('#panel-design .chart').focus();
    await page.keyboard.press('Home');
    expect(await page.locator('#readout').textContent()).toContain('step 0');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#readout').textContent()).toContain('step 10');

    // log scale and hiding a schedule
    await page.locator('#log-y').check();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('log=1');
    await page.locator('#show-1').uncheck();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('hide=1');
    await shot(page, 'compare-log');
    expect(problems).toEqual([]);
  });
});

describe('share and export', () => {
  it('restores the same state from a shared URL', async () => {
    const a = await open(session);
    await a.page
      .locator('#spec-input')
      .fill('CosineAnnealingWarmRestarts(T_0=100, T_mult=2, eta_min=0.001)');
    await a.page.locator('#base-lr').fill('0.05');
    await a.page.locator('#steps').fill('3000');
    await a.page.locator('#steps').press('Enter');
    await a.page.locator('#export-optax').click();
    await a.page.locator('#tab-solve').click();
    await a.page.locator('#solve-final').fill('0.0001');
    await a.page.locator('#tab-design').click();
    await a.page.locator('#show-1').uncheck();
    await a.page.waitForTimeout(300);
    const url = a.page.url();
    const rows = await a.page.locator('#summary tbody').textContent();
    const code = await a.page.locator('#export-code').textContent();

    const b = await open(session, new URL(url).hash);
    expect(await b.page.locator('#spec-input').inputValue()).toBe(
      'CosineAnnealingWarmRestarts(T_0=100, T_mult=2, eta_min=0.001)',
    );
    expect(await b.page.locator('#base-lr').inputValue()).toBe('0.05');
    expect(await b.page.locator('#steps').inputValue()).toBe('3000');
    expect(await b.page.locator('#show-1').isChecked()).toBe(false);
    expect(await b.page.locator('#export-optax').getAttribute('aria-checked')).toBe('true');
    expect(await b.page.locator('#summary tbody').textContent()).toBe(rows);
    expect(await b.page.locator('#export-code').textContent()).toBe(code);
    await b.page.locator('#tab-solve').click();
    expect(await b.page.locator('#solve-final').inputValue()).toBe('0.0001');
    expect(b.page.url()).toBe(url);
    await shot(b.page, 'shared-url');
  });

  it("exports lrkit's code for each target and downloads CSV, SVG and PNG", async () => {
    const spec = 'OneCycleLR(max_lr=0.1, total_steps=1000)';
    const { page, problems } = await open(
      session,
      hashFor([{ spec, lr: 0.1 }, { spec: 'StepLR(step_size=300, gamma=0.5)' }]),
    );
    for (const to of ['torch', 'keras', 'optax', 'ts'] as const) {
      await page.locator(`#export-${to}`).click();
      expect(await page.locator('#export-code').textContent()).toBe(
        exportCode(spec, { to, lr: 0.1 }),
      );
    }
    // keyboard: arrows move between targets
    await page.locator('#export-ts').focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('#export-optax').getAttribute('aria-checked')).toBe('true');
    await shot(page, 'export');

    const csvDl = page.waitForEvent('download');
    await page.locator('#dl-csv').click();
    const csv = readFileSync((await (await csvDl).path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe(`step,"${spec}","StepLR(step_size=300, gamma=0.5)"`);
    expect(csv).toHaveLength(1002);
    expect(csv[301]).toBe(
      `300,${toSchedule(spec, 0.1)(300)},${toSchedule('StepLR(step_size=300, gamma=0.5)', 0.1)(300)}`,
    );

    const svgDl = page.waitForEvent('download');
    await page.locator('#dl-svg').click();
    const svg = readFileSync((await (await svgDl).path())!, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('OneCycleLR(max_lr=0.1, total_steps=1000)');

    const pngDl = page.waitForEvent('download');
    await page.locator('#dl-png').click();
    const png = readFileSync((await (await pngDl).path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(problems).toEqual([]);
  });
});

describe('solve', () => {
  it("shows lrkit's step-decay solution and adds it to the schedules", async () => {
    const { page, problems } = await open(session);
    await page.locator('#tab-solve').click();
    await page.locator('#solve-initial').fill('0.1');
    await page.locator('#solve-final').fill('0.0001');
    await page.locator('#solve-totalSteps').fill('900');
    await page.locator('#solve-updates').fill('3');
    const want = solveStepDecay({ initial: 0.1, final: 0.0001, totalSteps: 900, updates: 3 });
    await expect
      .poll(() => page.locator('#solve-result dl.kv dd').first().textContent())
      .toBe(String(want.gamma));
    expect(await page.locator('#solve-result').textContent()).toContain(
      want.equivalents.torch.MultiStepLR,
    );
    // an invalid value gets lrkit's message at its field
    await page.locator('#solve-final').fill('0.5');
    await expect
      .poll(() => page.locator('#solve-final-error').textContent())
      .toBe('solveStepDecay: final must be ≤ initial (0.1) for a decay, got 0.5');
    await page.locator('#solve-final').fill('0.0001');
    await shot(page, 'solve');
    await page.locator('#solve-add').click();
    expect(await page.locator('#tab-design').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#spec-input').inputValue()).toBe(want.equivalents.lrkit.spec);
    expect(problems).toEqual([]);
  });
});

describe('look and access', () => {
  it('fits a phone, has a dark theme and a toggle, and labels every control', async () => {
    const { page, problems } = await open(session, '', {
      viewport: { width: 390, height: 844 },
      colorScheme: 'dark',
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await bg()).toBe('rgb(15, 20, 26)');
    await shot(page, 'phone-dark');
    await page.locator('#theme').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await bg()).toBe('rgb(246, 247, 249)');
    await shot(page, 'phone-light');
    // every form control has an accessible name
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((el) => !((el as HTMLInputElement).labels?.length || el.getAttribute('aria-label')))
        .map((el) => el.id || el.outerHTML.slice(0, 60)),
    );
    expect(unlabelled).toEqual([]);
    // tabs follow the ARIA pattern: arrows move between them
    await page.locator('#tab-design').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-solve');
    expect(await page.locator('#panel-solve').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});

describe('safety', () => {
  it('renders a URL full of script-injection attempts as text and runs nothing', async () => {
    const payloads = [
      '<img src=x onerror="window.__pwned=1;alert(1)">',
      '"><script>window.__pwned=2;alert(2)</script>',
      "javascript:alert(3)//'",
      '<svg onload="window.__pwned=4">',
    ];
    const p = new URLSearchParams();
    for (const x of payloads) {
      p.append('s', x);
      p.append('lr', x);
    }
    p.append('s', `StepLR(step_size=10, gamma=__import__('os').system('id'))`);
    p.append('s', `LambdaLR(lr_lambda=lambda e: (lambda: 0)() or alert(5))`);
    for (const k of [
      'hide',
      'sel',
      'steps',
      'log',
      'tab',
      'to',
      'si',
      'sf',
      'sg',
      'sm',
      'su',
      'sn',
      'tp',
      'te',
      'tb',
      'topt',
      'rs',
      're',
      'ri',
    ]) {
      p.set(k, payloads[0]!);
    }
    const { page, problems, dialogs } = await open(session, `#${p.toString()}`);
    // every spec is listed verbatim, as text
    const listed = await page.locator('.item-pick').allTextContents();
    expect(listed.slice(0, 4)).toEqual(payloads);
    // each gets lrkit's error, as text
    const errors = await page.locator('#summary td.error').allTextContents();
    expect(errors).toHaveLength(6);
    expect(errors.every((e) => e.length > 0)).toBe(true);
    // the solve form shows the payload as the field's text, and lrkit's error for it
    await page.locator('#tab-solve').click();
    expect(await page.locator('#solve-initial').inputValue()).toBe(payloads[0]!.slice(0, 40));
    await page.locator('#tab-train').click();
    await page.locator('#tab-design').click();
    await page.locator('.item-pick').nth(1).click();
    await page.waitForTimeout(300);
    await shot(page, 'injection');
    // nothing ran: no dialog, no flag, no injected element
    expect(dialogs).toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(
      await page.locator('img[src=x], body script:not([src]), svg[onload], [onerror]').count(),
    ).toBe(0);
    expect(problems.filter((x) => !x.includes('Content Security Policy'))).toEqual([]);

    // the same payloads typed into the spec line and a parameter field stay text
    await page.locator('.item-pick').nth(4).click();
    for (const x of payloads) {
      await page.locator('#spec-input').fill(x);
      expect(await page.locator('#spec-error .error').textContent()).not.toBe('');
    }
    await page.locator('#spec-input').fill('StepLR(step_size=10)');
    await page.locator('[data-param=gamma] input').fill(payloads[0]!);
    await expect
      .poll(() => page.locator('[data-param=gamma] .error').textContent())
      .toContain("unexpected character '<'");
    expect(dialogs).toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(
      await page.locator('img[src=x], body script:not([src]), svg[onload], [onerror]').count(),
    ).toBe(0);
  });
});
