/**
 * Tabular training data for `lrkit find --data`: a CSV file (a header row; numeric columns) or a
 * JSON file (an array of row objects, or {"x": [[…]], "y": […]}). The target is the column named
 * label, target or y (case-insensitive; with --target NAME, that column), else the last column;
 * every other column is a feature. Pure functions over text, plus {@link readTabular} for files.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { FailureError } from '../args.js';

export interface Tabular {
  /** Row-major features, rows × features. */
  x: Float32Array;
  /** The target of each row: one number, or one row of `targetWidth` numbers (one-hot given). */
  y: Float32Array;
  rows: number;
  features: number;
  /** Numbers per target (1 for a label column). */
  targetWidth: number;
  featureNames: string[];
  targetName: string;
}

const TARGET_NAMES = ['label', 'target', 'y'];

function fail(where: string, message: string): never {
  throw new FailureError(`${where}: ${message}`);
}

/** Splits one CSV line on commas (double-quoted fields may hold commas and "" for a quote). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

function targetIndex(names: string[], where: string, target?: string): number {
  if (target !== undefined) {
    const i = names.findIndex((n) => n.toLowerCase() === target.toLowerCase());
    if (i < 0) fail(where, `no column named '${target}' (columns: ${names.join(', ')})`);
    return i;
  }
  const i = names.findIndex((n) => TARGET_NAMES.includes(n.toLowerCase()));
  return i >= 0 ? i : names.length - 1;
}

function fromRows(names: string[], rows: number[][], where: string, target?: string): Tabular {
  if (names.length < 2)
    fail(where, `needs at least 2 columns (features…, target), got ${names.length}`);
  if (rows.length === 0) fail(where, 'has no data rows');
  const t = targetIndex(names, where, target);
  const features = names.length - 1;
  const x = new Float32Array(rows.length * features);
  const y = new Float32Array(rows.length);
  rows.forEach((r, i) => {
    let j = 0;
    r.forEach((v, c) => {
      if (c === t) y[i] = v;
      else x[i * features + j++] = v;
    });
  });
  return {
    x,
    y,
    rows: rows.length,
    features,
    targetWidth: 1,
    featureNames: names.filter((_, c) => c !== t),
    targetName: names[t]!,
  };
}

/**
 * Parses CSV text: a header row of column names, then one row of numbers per example.
 * @param where the file name, for error messages (`data.csv line 3: …`)
 * @example parseCsv('a,b,label\n1,2,0\n3,4,1', 'd.csv').targetName // 'label'
 */
export function parseCsv(text: string, where: string, target?: string): Tabular {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
  if (header < 0) fail(where, 'is empty (expected a header row, then rows of numbers)');
  const names = splitCsv(lines[header]!);
  if (names.every((n) => n !== '' && Number.isFinite(Number(n)))) {
    fail(where, `line ${header + 1}: the first row must name the columns, got numbers`);
  }
  const rows: number[][] = [];
  for (let i = header + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cells = splitCsv(line);
    if (cells.length !== names.length) {
      fail(where, `line ${i + 1}: expected ${names.length} values, got ${cells.length}`);
    }
    rows.push(
      cells.map((c, j) => {
        const v = c === '' ? NaN : Number(c);
        if (!Number.isFinite(v)) {
          fail(where, `line ${i + 1}, column '${names[j]}': expected a number, got '${c}'`);
        }
        return v;
      }),
    );
  }
  return fromRows(names, rows, where, target);
}

/**
 * Parses JSON text: `[{"f1": 1, "f2": 2, "label": 0}, …]` (the keys of the first row are the
 * columns) or `{"x": [[1, 2], …], "y": [0, …]}` (y may hold one-hot rows).
 */
export function parseJsonData(text: string, where: string, target?: string): Tabular {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    fail(where, `is not valid JSON (${(e as Error).message})`);
  }
  const num = (v: unknown, at: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      fail(where, `${at}: expected a number, got ${JSON.stringify(v)}`);
    }
    return v;
  };
  if (Array.isArray(data)) {
    if (data.length === 0) fail(where, 'has no data rows (an empty array)');
    const first = data[0];
    if (typeof first !== 'object' || first === null || Array.isArray(first)) {
      fail(where, 'must be an array of row objects or {"x": [[...]], "y": [...]}');
    }
    const names = Object.keys(first);
    const rows = data.map((r: unknown, i) => {
      if (typeof r !== 'object' || r === null) fail(where, `row ${i}: expected an object`);
      return names.map((n) => num((r as Record<string, unknown>)[n], `row ${i}, '${n}'`));
    });
    return fromRows(names, rows, where, target);
  }
  if (typeof data === 'object' && data !== null && 'x' in data && 'y' in data) {
    const { x, y } = data as { x: unknown; y: unknown };
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.length === 0) {
      fail(where, '"x" and "y" must be non-empty arrays of the same length');
    }
    const features = Array.isArray(x[0]) ? (x[0] as unknown[]).length : 0;
    if (features === 0) fail(where, '"x" must hold rows of numbers');
    const targetWidth = Array.isArray(y[0]) ? (y[0] as unknown[]).length : 1;
    const xs = new Float32Array(x.length * features);
    const ys = new Float32Array(x.length * targetWidth);
    x.forEach((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== features) {
        fail(where, `x[${i}]: expected ${features} numbers`);
      }
      row.forEach((v, j) => (xs[i * features + j] = num(v, `x[${i}][${j}]`)));
      const t = y[i];
      if (targetWidth === 1) ys[i] = num(Array.isArray(t) ? t[0] : t, `y[${i}]`);
      else if (!Array.isArray(t) || t.length !== targetWidth) {
        fail(where, `y[${i}]: expected ${targetWidth} numbers`);
      } else t.forEach((v, j) => (ys[i * targetWidth + j] = num(v, `y[${i}][${j}]`)));
    });
    return {
      x: xs,
      y: ys,
      rows: x.length,
      features,
      targetWidth,
      featureNames: Array.from({ length: features }, (_, j) => `x${j}`),
      targetName: 'y',
    };
  }
  fail(where, 'must be an array of row objects or {"x": [[...]], "y": [...]}');
}

/** Reads a .csv or .json data file (exit code 1 when missing or malformed). */
export function readTabular(path: string, target?: string): Tabular {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new FailureError(
      err.code === 'ENOENT'
        ? `--data: no such file '${path}'`
        : `--data: cannot read '${path}': ${err.message}`,
    );
  }
  const ext = extname(path).toLowerCase();
  return ext === '.json' ? parseJsonData(text, path, target) : parseCsv(text, path, target);
}
