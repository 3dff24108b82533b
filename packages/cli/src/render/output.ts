/** Writing charts to files: .svg as is, .png through resvg, .html as a standalone page. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { FailureError, UsageError } from '../args.js';
import { htmlPage, type HtmlSection } from './html.js';
import { svgToPng } from './png.js';

export const CHART_EXTENSIONS = ['.svg', '.png', '.html'] as const;

/** Checks an --out path's extension before any work is done (a usage error otherwise). */
export function chartKind(option: string, path: string): 'svg' | 'png' | 'html' {
  const ext = extname(path).toLowerCase();
  if (ext === '.svg' || ext === '.png' || ext === '.html') return ext.slice(1) as 'svg';
  if (ext === '.htm') return 'html';
  throw new UsageError(`${option}: expected a file ending in .svg, .png or .html, got '${path}'`);
}

/** Writes a file, creating its directory; a failure names the path (exit code 1). */
export function writeOutput(path: string, data: string | Uint8Array): void {
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    writeFileSync(path, data);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new FailureError(`cannot write '${path}': ${err.message}`);
  }
}

/**
 * Writes a chart as SVG, PNG or HTML by the path's extension. HTML pages also get `sections`
 * (tables, notes) under the chart.
 */
export async function writeChart(
  path: string,
  svg: string,
  page: { title: string; sections?: HtmlSection[] },
): Promise<void> {
  const kind = chartKind('--out', path);
  if (kind === 'svg') writeOutput(path, `${svg}\n`);
  else if (kind === 'png') writeOutput(path, await svgToPng(svg));
  else writeOutput(path, htmlPage(page.title, [{ html: svg }, ...(page.sections ?? [])]));
}
