/** SVG plotting shared by the CLI, the web playground and the range-test report. */
export { plotSvg, PALETTE, type PlotMarker, type PlotOptions, type PlotSeries } from './svg.js';
export { decimate } from './decimate.js';
export { niceTicks, formatTick } from './ticks.js';
export { escapeXml } from './escape.js';
