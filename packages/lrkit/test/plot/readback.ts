/** Reads a plotSvg document back into data coordinates, for tests. */
import { findAll, parseXml, type XmlElement } from './xml.js';

export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  xLog: boolean;
  yLog: boolean;
  y2Min?: number;
  y2Max?: number;
}

export function plotArea(root: XmlElement): PlotArea {
  const [g] = findAll(root, 'g', { class: 'plot-area' });
  if (!g) throw new Error('no plot-area');
  const n = (k: string) => Number(g.attrs[k]);
  const area: PlotArea = {
    left: n('data-left'),
    top: n('data-top'),
    width: n('data-width'),
    height: n('data-height'),
    xMin: n('data-x-min'),
    xMax: n('data-x-max'),
    yMin: n('data-y-min'),
    yMax: n('data-y-max'),
    xLog: g.attrs['data-x-log'] === 'true',
    yLog: g.attrs['data-y-log'] === 'true',
  };
  if (g.attrs['data-y2-min'] !== undefined) {
    area.y2Min = n('data-y2-min');
    area.y2Max = n('data-y2-max');
  }
  return area;
}

function invert(p: number, from: number, span: number, min: number, max: number, log: boolean) {
  const t = (v: number) => (log ? Math.log10(v) : v);
  const v = t(min) + ((p - from) / span) * (t(max) - t(min));
  return log ? Math.pow(10, v) : v;
}

/** The segments (polylines) of a series, each as data-space [x, y] points. */
export function seriesPoints(svg: string, name: string, axis: 'left' | 'right' = 'left') {
  const root = parseXml(svg);
  const a = plotArea(root);
  const [yMin, yMax, yLog] =
    axis === 'right' ? [a.y2Min!, a.y2Max!, false] : [a.yMin, a.yMax, a.yLog];
  return findAll(root, 'polyline', { class: 'series', 'data-series': name }).map((pl) =>
    pl.attrs.points!.split(' ').map((pt) => {
      const [px, py] = pt.split(',').map(Number) as [number, number];
      return [
        invert(px, a.left, a.width, a.xMin, a.xMax, a.xLog),
        invert(a.top + a.height - py, 0, a.height, yMin, yMax, yLog),
      ] as [number, number];
    }),
  );
}
