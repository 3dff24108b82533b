/** A small table model rendered as aligned text (terminal), Markdown or HTML. */

export interface Table {
  head: string[];
  rows: string[][];
  /** Per column: 'l' (default for the first column) or 'r' (default for the others). */
  align?: ('l' | 'r')[];
}

function alignOf(t: Table, j: number): 'l' | 'r' {
  return t.align?.[j] ?? (j === 0 ? 'l' : 'r');
}

/** Visible width of a string (ANSI escape codes excluded). */
function visible(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}

/**
 * Aligned columns separated by two spaces, a rule under the head.
 * @example tableText({ head: ['a', 'b'], rows: [['x', '1']] }) // 'a  b\n─  ─\nx  1'
 */
export function tableText(t: Table, indent = ''): string {
  const widths = t.head.map((h, j) =>
    Math.max(visible(h), ...t.rows.map((r) => visible(r[j] ?? ''))),
  );
  const cell = (s: string, j: number) => {
    const pad = ' '.repeat(Math.max(0, widths[j]! - visible(s)));
    return alignOf(t, j) === 'l' ? s + pad : pad + s;
  };
  const line = (r: string[]) => indent + r.map(cell).join('  ').replace(/\s+$/, '');
  return [
    line(t.head),
    indent + widths.map((w) => '─'.repeat(w)).join('  '),
    ...t.rows.map(line),
  ].join('\n');
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A GitHub-flavoured Markdown table (pipes in cells escaped). */
export function tableMarkdown(t: Table): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const row = (r: string[]) => `| ${r.map(esc).join(' | ')} |`;
  const rule = `|${t.head.map((_, j) => (alignOf(t, j) === 'r' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [row(t.head), rule, ...t.rows.map(row)].join('\n');
}

/** An HTML <table> (cells escaped). */
export function tableHtml(t: Table, className = 'summary'): string {
  const th = t.head.map((h, j) => `<th class="${alignOf(t, j)}">${escapeHtml(h)}</th>`).join('');
  const trs = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c, j) => `<td class="${alignOf(t, j)}">${escapeHtml(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table class="${className}">\n<thead><tr>${th}</tr></thead>\n<tbody>\n${trs}\n</tbody>\n</table>`;
}
