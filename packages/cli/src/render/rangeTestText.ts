/** A range-test result for the terminal: loss against lr, the suggestions, the recommendation. */
import type { RangeTestResult, RangeTestSuggestions } from 'lrkit';
import { num } from '../plot.js';
import { tableText, type Table } from './table.js';
import { terminalChart } from './terminal.js';

const RULES: [key: keyof RangeTestSuggestions, letter: string, what: string][] = [
  ['steepest', 'S', 'steepest descent of the smoothed loss'],
  ['minimumDiv10', 'M', 'one tenth of the lr at the minimum loss'],
  ['valley', 'V', "fastai's valley (longest downhill stretch)"],
  ['slide', 'L', "fastai's interval slide"],
];

/** The suggestions as a table: rule, lr, letter on the chart, how it is found (or why not). */
export function suggestionTable(r: RangeTestResult): Table {
  return {
    head: ['rule', 'lr', 'mark', 'how'],
    rows: [
      ...RULES.map(([key, letter, what]) => {
        const s = r.suggestions[key];
        return s.lr === null ? [key, '—', '', `none: ${s.reason}`] : [key, num(s.lr), letter, what];
      }),
      [
        'recommended',
        r.recommended.lr === null ? '—' : num(r.recommended.lr),
        'R',
        'what lrkit suggests: see below',
      ],
    ],
    align: ['l', 'r', 'l', 'l'],
  };
}

/**
 * The chart (smoothed and raw loss against a log lr axis, suggestion columns marked by letter)
 * and the suggestion table.
 */
export function rangeTestText(
  r: RangeTestResult,
  o: { width: number; height: number; color: boolean },
): string {
  const smoothedTop = Math.max(...r.smoothedLosses.filter(Number.isFinite));
  const cap = Number.isFinite(smoothedTop) ? smoothedTop * 1.5 : Infinity;
  const markers = RULES.flatMap(([key, letter]) => {
    const s = r.suggestions[key];
    return s.lr === null ? [] : [{ x: s.lr, letter }];
  });
  if (r.recommended.lr !== null) markers.push({ x: r.recommended.lr, letter: 'R' });
  const chart = terminalChart(
    [
      {
        name: 'loss (clipped at 1.5× the highest smoothed)',
        x: r.lrs,
        y: r.losses.map((v) => Math.min(v, cap)),
      },
      { name: 'smoothed loss', x: r.lrs, y: r.smoothedLosses },
    ],
    {
      width: o.width,
      height: o.height,
      color: o.color,
      xLog: r.settings.mode !== 'linear',
      xLabel: 'learning rate (log scale)',
      markers,
    },
  );
  return [
    chart,
    '',
    tableText(suggestionTable(r)),
    '',
    `recommended: ${r.recommended.lr === null ? 'none' : num(r.recommended.lr)} — ${r.recommended.reason}`,
    `${r.lrs.length} iterations from ${num(r.settings.startLr)} to ${num(r.settings.endLr)}; stopped: ${r.stopReason} — ${r.stopDetail}`,
  ].join('\n');
}
