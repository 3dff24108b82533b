/**
 * `lrkit list`: every schedule of every family with its parameters (type, default, doc), generated
 * from the registry — the same metadata that validates specs.
 */
import { registry, didYouMean, type ParamDef, type ParamType, type RegistryEntry } from 'lrkit';
import { parseCommandArgs, parseFormat, UsageError } from './args.js';
import { colors } from './color.js';
import type { CommandResult } from './main.js';

export const listHelp = `Usage: lrkit list [--family NAME] [--full] [--format text|json]

Lists every schedule lrkit knows, generated from its registry: the name as written in a spec,
its aliases, a summary, and each parameter with its type, default ("required" when it has none)
and a one-line description.

Options:
  --family NAME     only one family: torch, keras, optax, transformers, timm or fastai
  --full            the whole description of each schedule (default: its first sentence)
  --format FORMAT   text (default) or json: [{"name", "family", "aliases", "doc",
                    "params": [{"name", "type", "default", "required", "nullable", "doc"}]}]
  -h, --help        this help

Examples:
  lrkit list
  lrkit list --family optax
  lrkit list --format json | jq '.[].name'`;

/** A parameter type as one short word or phrase (`int`, `number | list`, `'min' | 'max'`). */
export function typeText(t: ParamType): string {
  switch (t.kind) {
    case 'number':
    case 'int':
    case 'bool':
    case 'string':
      return t.kind;
    case 'enum':
      return t.choices.map((c) => `'${c}'`).join(' | ');
    case 'perGroup':
      return 'number | number list';
    case 'intList':
      return 'int list';
    case 'numberList':
      return 'number list';
    case 'expr':
      return t.perGroup ? 'expression | list' : 'expression';
    case 'schedulers':
      return t.family ? `${t.family} schedule list` : 'schedule list';
    case 'raw':
      return t.describe;
  }
}

/** A default value in spec (Python) syntax: None, True, 'text', [1, 2]. */
export function valueText(v: unknown): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'nan' : String(v);
  if (Array.isArray(v)) return `[${v.map(valueText).join(', ')}]`;
  if (typeof v === 'function') return 'a function';
  return JSON.stringify(v) ?? String(v);
}

const FAMILIES = ['torch', 'keras', 'optax', 'transformers', 'timm', 'fastai'] as const;

function firstSentence(doc: string): string {
  const m = /^(.*?\.)(\s|$)/.exec(doc);
  return m ? m[1]! : doc;
}

function paramJson(p: ParamDef) {
  const required = !('default' in p);
  return {
    name: p.name,
    type: typeText(p.type),
    default: required ? null : (p.default ?? null),
    required,
    nullable: p.nullable === true || p.default === null,
    doc: p.doc,
  };
}

function entryJson(e: RegistryEntry) {
  return {
    name: e.qualifiedName,
    family: e.family,
    aliases: [...(e.aliases ?? [])],
    doc: e.doc,
    params: e.params.map(paramJson),
  };
}

/** Wraps text to `width` columns with `indent` spaces before each line. */
function wrap(text: string, width: number, indent: number): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && pad.length + line.length + 1 + word.length > width) {
      lines.push(pad + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(pad + line);
  return lines.join('\n');
}

/** Runs the command. */
export function runList(argv: string[]): CommandResult {
  const { values, positionals } = parseCommandArgs('list', argv, {
    family: { type: 'string' },
    full: { type: 'boolean' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { text: listHelp };
  if (positionals.length > 0) {
    throw new UsageError(`list: takes no arguments, got '${positionals[0]}' (use --family NAME)`);
  }
  const format = parseFormat(values.format, ['text', 'json'] as const);
  const family = values.family;
  if (family !== undefined && !(FAMILIES as readonly string[]).includes(family)) {
    const hint = didYouMean(family, FAMILIES);
    throw new UsageError(
      `--family: expected ${FAMILIES.join(', ')}, got '${family}'${hint ? `; did you mean '${hint}'?` : ''}`,
    );
  }
  const entries = registry.filter((e) => family === undefined || e.family === family);
  if (format === 'json') return { text: JSON.stringify(entries.map(entryJson), null, 2) };

  const width = Math.max(60, Math.min(process.stdout.columns || 100, 120));
  const out: string[] = [];
  for (const fam of FAMILIES) {
    const group = entries.filter((e) => e.family === fam);
    if (group.length === 0) continue;
    out.push(colors.bold(`${fam} (${group.length})`), '');
    for (const e of group) {
      const sig = e.params
        .filter((p) => p.name !== 'last_epoch' && p.name !== 'verbose')
        .map((p) => ('default' in p ? `${p.name}=${valueText(p.default)}` : p.name))
        .join(', ');
      out.push(`  ${colors.cyan(e.qualifiedName)}(${sig})`);
      if (e.aliases?.length) out.push(`    aliases: ${e.aliases.join(', ')}`);
      out.push(wrap(values.full ? e.doc : firstSentence(e.doc), width, 4));
      const nameW = Math.max(...e.params.map((p) => p.name.length), 4);
      const shortType = (p: ParamDef) => {
        const t = typeText(p.type);
        return t.length > 24 ? 'value' : t;
      };
      const typeW = Math.max(...e.params.map((p) => shortType(p).length), 4);
      const defW = Math.max(
        ...e.params.map((p) => ('default' in p ? valueText(p.default) : 'required').length),
        7,
      );
      for (const p of e.params) {
        const def = 'default' in p ? valueText(p.default) : 'required';
        const head = `      ${p.name.padEnd(nameW)}  ${shortType(p).padEnd(typeW)}  ${def.padEnd(defW)}  `;
        const t = typeText(p.type);
        out.push(head + colors.dim(t.length > 24 ? `${p.doc} (${t})` : p.doc));
      }
      out.push('');
    }
  }
  out.push(
    `${entries.length} schedules; paste one as a SPEC: lrkit plot "StepLR(step_size=10)" --steps 50`,
  );
  return { text: out.join('\n') };
}
