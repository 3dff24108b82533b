/** Standalone HTML pages (no external resources) holding inline SVG charts and tables. */
import { escapeHtml } from './table.js';

/** One block of a page: a heading, then raw HTML (an inline SVG, a table, paragraphs). */
export interface HtmlSection {
  heading?: string;
  html: string;
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  margin: 2rem auto; max-width: 980px; padding: 0 1rem; color: #1f2937; background: #fff; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
svg { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { padding: 0.25rem 0.7rem; border-bottom: 1px solid #e5e7eb; }
th { background: #f9fafb; } .l { text-align: left; } .r { text-align: right; }
code { background: #f3f4f6; padding: 0.1rem 0.3rem; border-radius: 3px; }
.note { color: #6b7280; font-size: 0.9rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
@media (prefers-color-scheme: dark) { body { color: #e5e7eb; background: #111827; }
  th { background: #1f2937; } th, td { border-color: #374151; } code { background: #1f2937; } }
`;

/**
 * A complete HTML document.
 * @example htmlPage('lrkit plot', [{ heading: 'Chart', html: svg }])
 */
export function htmlPage(title: string, sections: readonly HtmlSection[], intro = ''): string {
  const body = sections
    .map((s) => `${s.heading ? `<h2>${escapeHtml(s.heading)}</h2>\n` : ''}${s.html}`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${intro}
${body}
</body>
</html>
`;
}
