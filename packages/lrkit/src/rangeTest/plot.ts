/** The range test's picture: raw and smoothed loss against a log lr axis, suggestions marked. */
import { plotSvg, type PlotMarker, type PlotOptions, type PlotSeries } from '../plot/index.js';
import { formatLr } from './recommend.js';
import type { RangeTestResult, RangeTestSuggestions } from './types.js';

const LABELS: Record<keyof RangeTestSuggestions, string> = {
  steepest: 'steepest',
  minimumDiv10: 'min÷10',
  valley: 'valley',
  slide: 'slide',
};

/**
 * Draws a range-test result through {@link plotSvg}: raw loss (thin), smoothed loss, validation
 * loss when recorded, on a log lr axis (linear for a linear sweep), with a marker per suggestion
 * and one for the recommended lr. The blow-up is clamped to 1.3 × the highest smoothed loss seen
 * before the smoothed minimum (at least 2 × that minimum), so the descent stays readable.
 * @param result a {@link RangeTestResult} (or its JSON)
 * @param options any {@link PlotOptions} (title, size, theme …) to override the defaults
 * @returns a standalone SVG document
 * @example writeFileSync('lr-range-test.svg', rangeTestPlotSvg(result));
 */
export function rangeTestPlotSvg(
  result: Pick<
    RangeTestResult,
    'lrs' | 'losses' | 'smoothedLosses' | 'suggestions' | 'recommended'
  > &
    Partial<Pick<RangeTestResult, 'validationLosses' | 'settings' | 'stopReason'>>,
  options: PlotOptions = {},
): string {
  const { lrs, losses, smoothedLosses } = result;
  // the readable range: up to 1.3 × the highest smoothed loss before its minimum (at least 2 ×
  // the minimum); the blow-up beyond is clamped to that top edge
  let m = 0;
  for (let i = 1; i < smoothedLosses.length; i++) {
    if (smoothedLosses[i]! < smoothedLosses[m]!) m = i;
  }
  let before = -Infinity;
  for (let i = 0; i <= m && i < smoothedLosses.length; i++) {
    before = Math.max(before, smoothedLosses[i]!);
  }
  const low = smoothedLosses[m] ?? 0;
  const cap = Number.isFinite(before)
    ? Math.max(before * 1.3, low > 0 ? low * 2 : low + 1)
    : Infinity;
  const clip = (v: number) => (Number.isFinite(v) ? Math.min(v, cap) : v);
  const series: PlotSeries[] = [
    { name: 'loss', x: lrs, y: losses.map(clip), color: '#9ca3af' },
    { name: 'smoothed loss', x: lrs, y: smoothedLosses.map(clip), color: '#3b82f6' },
  ];
  if (result.validationLosses) {
    series.push({
      name: 'validation loss',
      x: lrs,
      y: result.validationLosses.map(clip),
      color: '#10b981',
      dashed: true,
    });
  }
  const markers: PlotMarker[] = [];
  for (const key of Object.keys(LABELS) as (keyof RangeTestSuggestions)[]) {
    const s = result.suggestions[key];
    if (s.lr === null) continue;
    markers.push({
      x: s.lr,
      y: clip(smoothedLosses[s.index]!),
      label: `${LABELS[key]} ${formatLr(s.lr)}`,
      color: '#f97316',
    });
  }
  if (result.recommended.lr !== null) {
    markers.push({
      x: result.recommended.lr,
      label: `recommended ${formatLr(result.recommended.lr)}`,
      color: '#dc2626',
    });
  }
  return plotSvg(series, {
    title: 'Learning-rate range test',
    xLabel: 'learning rate',
    yLabel: 'loss',
    xLog: result.settings?.mode !== 'linear',
    markers,
    ...options,
  });
}
