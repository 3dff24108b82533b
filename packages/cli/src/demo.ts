/**
 * `lrkit demo`: the whole lrkit loop on the shipped digits — range test, a one-cycle schedule from
 * its recommendation, training with it and with a constant lr — and a report with the charts.
 */
import { join } from 'node:path';
import {
  plotSvg,
  rangeTestPlotSvg,
  scheduleFromRangeTest,
  type RangeTestResult,
  type RangeTestSchedule,
} from 'lrkit';
import { FailureError, parseCommandArgs, parseFormat, parseInteger, UsageError } from './args.js';
import { colorEnabled, colors } from './color.js';
import { readDigits } from './data/readDigits.js';
import type { CommandResult } from './main.js';
import { num } from './plot.js';
import { progressBar } from './progress.js';
import { htmlPage } from './render/html.js';
import { writeOutput } from './render/output.js';
import { rangeTestText } from './render/rangeTestText.js';
import { escapeHtml, tableHtml, tableMarkdown, tableText, type Table } from './render/table.js';
import { loadTf } from './tf/backend.js';
import { digitsModel, digitsTensors, disposeTensors, HIDDEN } from './tf/digitsTask.js';
import { findLrOnModel } from './tf/findLr.js';
import { trainRun, type RunRecord } from './tf/train.js';

export { demoHelp } from './demoHelp.js';

/** Momentum of the SGD optimizer (the constant run; OneCycleLR cycles it 0.95 → 0.85 → 0.95). */
const MOMENTUM = 0.9;

/** Debiased exponential moving average (β = 0.95), to draw noisy batch losses. */
function ema(values: readonly number[], beta = 0.95): number[] {
  let a = 0;
  return values.map((v, i) => {
    a = beta * a + (1 - beta) * v;
    return a / (1 - beta ** (i + 1));
  });
}

function last<T>(xs: readonly T[]): T | undefined {
  return xs[xs.length - 1];
}

interface RunSummary {
  name: string;
  schedule: string;
  trainLoss: number;
  testLoss: number;
  testAccuracy: number;
  bestTestAccuracy: number;
  seconds: number;
}

function summarizeRun(name: string, schedule: string, r: RunRecord): RunSummary {
  const e = last(r.epochs);
  return {
    name,
    schedule,
    trainLoss: e?.loss ?? NaN,
    testLoss: e?.valLoss ?? NaN,
    testAccuracy: e?.valAcc ?? NaN,
    bestTestAccuracy: Math.max(...r.epochs.map((x) => x.valAcc)),
    seconds: r.seconds,
  };
}

function runsTable(rows: RunSummary[]): Table {
  return {
    head: ['run', 'schedule', 'train loss', 'test loss', 'test acc', 'best test acc', 'time (s)'],
    rows: rows.map((r) => [
      r.name,
      r.schedule,
      r.trainLoss.toFixed(4),
      r.testLoss.toFixed(4),
      `${(r.testAccuracy * 100).toFixed(2)}%`,
      `${(r.bestTestAccuracy * 100).toFixed(2)}%`,
      r.seconds.toFixed(1),
    ]),
    align: ['l', 'l'],
  };
}

interface Charts {
  rangeTest: string;
  schedule: string;
  loss: string;
  accuracy: string;
}

function charts(
  rt: RangeTestResult,
  oneCycle: RunRecord,
  constant: RunRecord,
  stepsPerEpoch: number,
): Charts {
  const steps = Float64Array.from({ length: oneCycle.lr.length }, (_, k) => k);
  const epochs = Float64Array.from({ length: oneCycle.epochs.length }, (_, i) => i + 1);
  const blue = '#3b82f6';
  const orange = '#f97316';
  return {
    rangeTest: rangeTestPlotSvg(rt, { width: 760, height: 380 }),
    schedule: plotSvg(
      [
        { name: 'one-cycle lr', x: steps, y: oneCycle.lr, color: blue },
        { name: 'constant lr', x: steps, y: constant.lr, color: orange },
        {
          name: 'one-cycle momentum',
          x: steps,
          y: oneCycle.momentum,
          color: blue,
          dashed: true,
          axis: 'right',
        },
      ],
      {
        width: 760,
        height: 340,
        title: 'Learning rate and momentum per step',
        xLabel: `step (${stepsPerEpoch} per epoch)`,
        yLabel: 'learning rate',
        y2Label: 'momentum',
      },
    ),
    loss: plotSvg(
      [
        { name: 'one-cycle', x: steps, y: ema(oneCycle.batchLoss), color: blue },
        { name: 'constant lr', x: steps, y: ema(constant.batchLoss), color: orange },
      ],
      {
        width: 760,
        height: 340,
        title: 'Training loss (moving average of batch losses)',
        xLabel: 'step',
        yLabel: 'cross-entropy',
        yLog: true,
      },
    ),
    accuracy: plotSvg(
      [
        {
          name: 'one-cycle test accuracy',
          x: epochs,
          y: oneCycle.epochs.map((e) => e.valAcc),
          color: blue,
        },
        {
          name: 'constant lr test accuracy',
          x: epochs,
          y: constant.epochs.map((e) => e.valAcc),
          color: orange,
        },
      ],
      {
        width: 760,
        height: 320,
        title: 'Test accuracy after each epoch (1000 held-out digits)',
        xLabel: 'epoch',
        yLabel: 'accuracy',
      },
    ),
  };
}

/** Runs the command. */
export async function runDemo(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs('demo', argv, {
    epochs: { type: 'string' },
    'batch-size': { type: 'string' },
    'num-iter': { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (positionals.length > 0) {
    throw new UsageError(`demo: takes no arguments, got '${positionals[0]}' (lrkit demo --help)`);
  }
  const format = parseFormat(values.format, ['text', 'json'] as const);
  const epochs = values.epochs === undefined ? 8 : parseInteger('--epochs', values.epochs, 1, 1000);
  const batchSize =
    values['batch-size'] === undefined
      ? 64
      : parseInteger('--batch-size', values['batch-size'], 1, 4000);
  const numIter =
    values['num-iter'] === undefined
      ? 100
      : parseInteger('--num-iter', values['num-iter'], 5, 100000);
  const seed = values.seed === undefined ? 42 : parseInteger('--seed', values.seed, 0, 2 ** 31);
  const outDir = values.out ?? 'lrkit-demo';

  const started = performance.now();
  const { tf, backend } = await loadTf();
  const digits = readDigits();
  const data = digitsTensors(tf, digits);
  const stepsPerEpoch = Math.ceil(digits.nTrain / batchSize);
  const totalSteps = epochs * stepsPerEpoch;
  try {
    // 1. the range test, on a model that is then thrown away
    const probe = digitsModel(tf, data.inputSize, data.classes, seed);
    const bar = progressBar('1/3 range test', numIter);
    let rt: RangeTestResult;
    try {
      rt = await findLrOnModel(tf, probe, data.xTrain, data.yTrain, {
        numIter,
        batchSize,
        startLr: 1e-4,
        endLr: 10,
        momentum: MOMENTUM,
        onProgress: (p) =>
          bar.update(p.iteration + 1, { info: `lr ${num(p.lr)}  loss ${num(p.smoothedLoss)}` }),
      });
    } finally {
      bar.stop();
      probe.dispose();
    }

    // 2. the schedule
    let sched: RangeTestSchedule;
    try {
      sched = scheduleFromRangeTest(rt, { totalSteps });
    } catch {
      throw new FailureError(
        `demo: the range test gave no lr to build on (${rt.recommended.reason}); try --num-iter 200`,
      );
    }
    const peak = sched.peakLr;

    // 3. the two runs, from the same initial weights
    const train = async (title: string, schedule: Parameters<typeof trainRun>[1]['schedule']) => {
      const model = digitsModel(tf, data.inputSize, data.classes, seed);
      const p = progressBar(title, totalSteps);
      try {
        return await trainRun(tf, {
          model,
          data,
          schedule,
          lr: sched.lr,
          momentum: MOMENTUM,
          epochs,
          batchSize,
          onBatch: (step, loss) =>
            (step % 4 === 0 || step === totalSteps) &&
            p.update(step, {
              info: `epoch ${Math.ceil(step / stepsPerEpoch)}/${epochs}  loss ${loss.toFixed(3)}`,
            }),
        });
      } finally {
        p.stop();
        model.dispose();
      }
    };
    const oneCycle = await train('2/3 one-cycle', sched.spec);
    const constant = await train('3/3 constant lr', () => peak);
    const runs = [
      summarizeRun('one-cycle', sched.spec, oneCycle),
      summarizeRun('constant', `constant lr ${num(peak)}`, constant),
    ];
    const seconds = (performance.now() - started) / 1000;

    // 4. the report
    const c = charts(rt, oneCycle, constant, stepsPerEpoch);
    const table = runsTable(runs);
    const setup = `${digits.nTrain} training and ${digits.nTest} test digits (${digits.width}×${digits.height}, shipped with lrkit), an MLP ${[data.inputSize, ...HIDDEN, data.classes].join(' → ')}, SGD with momentum ${MOMENTUM}, batch size ${batchSize}, ${epochs} epochs (${totalSteps} steps), seed ${seed}, TF.js ${backend} backend.`;
    const findings = `The range test (${rt.lrs.length} iterations, ${num(rt.settings.startLr)} → ${num(rt.settings.endLr)}, stopped: ${rt.stopReason}) recommends lr ${num(peak)}: ${rt.recommended.reason}`;
    const html = htmlPage(
      'lrkit demo: range test → one-cycle vs constant lr',
      [
        { heading: 'Result', html: tableHtml(table) },
        {
          heading: '1. Learning-rate range test',
          html: `<p>${escapeHtml(findings)}</p>\n${c.rangeTest}`,
        },
        {
          heading: '2. The schedule',
          html: `<p>${escapeHtml(sched.reason)} Spec: <code>${escapeHtml(sched.spec)}</code>. The baseline holds lr ${escapeHtml(num(peak))} (and momentum ${MOMENTUM}) constant.</p>\n${c.schedule}`,
        },
        { heading: '3. Training loss', html: c.loss },
        { heading: '4. Test accuracy', html: c.accuracy },
        {
          html: `<p class="note">Reproduce: <code>lrkit demo --epochs ${epochs} --seed ${seed}</code>. Total time ${seconds.toFixed(1)} s. Data: MNIST (LeCun, Cortes, Burges), CC BY-SA 3.0.</p>`,
        },
      ],
      `<p>${escapeHtml(setup)}</p>`,
    );
    const files = {
      html: join(outDir, 'report.html'),
      markdown: join(outDir, 'report.md'),
      rangeTest: join(outDir, 'range-test.svg'),
      schedule: join(outDir, 'schedule.svg'),
      loss: join(outDir, 'loss.svg'),
      accuracy: join(outDir, 'accuracy.svg'),
    };
    writeOutput(files.html, html);
    writeOutput(files.rangeTest, c.rangeTest);
    writeOutput(files.schedule, c.schedule);
    writeOutput(files.loss, c.loss);
    writeOutput(files.accuracy, c.accuracy);
    const md = [
      '# lrkit demo: range test → one-cycle vs constant lr',
      '',
      setup,
      '',
      tableMarkdown(table),
      '',
      '## 1. Learning-rate range test',
      '',
      findings,
      '',
      '![range test](range-test.svg)',
      '',
      '## 2. The schedule',
      '',
      `${sched.reason} Spec: \`${sched.spec}\`. The baseline holds lr ${num(peak)} (and momentum ${MOMENTUM}) constant.`,
      '',
      '![schedule](schedule.svg)',
      '',
      '## 3. Training loss',
      '',
      '![loss](loss.svg)',
      '',
      '## 4. Test accuracy',
      '',
      '![accuracy](accuracy.svg)',
      '',
      `Reproduce: \`lrkit demo --epochs ${epochs} --seed ${seed}\` (${seconds.toFixed(1)} s).`,
      '',
    ].join('\n');
    writeOutput(files.markdown, md);

    if (format === 'json') {
      return {
        text: JSON.stringify({
          backend,
          data: {
            train: digits.nTrain,
            test: digits.nTest,
            width: digits.width,
            height: digits.height,
          },
          model: [data.inputSize, ...HIDDEN, data.classes],
          epochs,
          batchSize,
          stepsPerEpoch,
          seed,
          rangeTest: rt,
          schedule: { spec: sched.spec, lr: sched.lr, peakLr: sched.peakLr, reason: sched.reason },
          runs: {
            oneCycle: {
              ...runs[0],
              epochs: oneCycle.epochs,
              lr: oneCycle.lr,
              momentum: oneCycle.momentum,
              batchLoss: oneCycle.batchLoss,
            },
            constant: {
              ...runs[1],
              epochs: constant.epochs,
              lr: constant.lr,
              momentum: constant.momentum,
              batchLoss: constant.batchLoss,
            },
          },
          report: files,
          seconds,
        }),
      };
    }
    const width = Math.max(50, Math.min(process.stdout.isTTY ? process.stdout.columns : 80, 100));
    return {
      text: [
        colors.bold('lrkit demo') + ` — ${setup}`,
        '',
        colors.bold('1. Range test'),
        rangeTestText(rt, { width, height: 12, color: colorEnabled() }),
        '',
        colors.bold('2. Schedule') + `: ${sched.spec}  (${sched.reason})`,
        '',
        colors.bold('3. Training') + ': one-cycle vs the same lr held constant',
        tableText(table),
        '',
        `report: ${files.html} (and ${files.markdown} with SVG charts)`,
        `total time: ${seconds.toFixed(1)} s`,
      ].join('\n'),
    };
  } finally {
    disposeTensors(data);
  }
}
