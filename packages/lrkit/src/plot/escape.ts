/** XML escaping for every piece of text and attribute value lrkit's SVG writer emits. */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes `&`, `<`, `>`, `"` and `'` so that `text` is safe both as element content and inside a
 * quoted attribute. Characters XML 1.0 forbids (C0 controls other than tab, LF, CR, and lone
 * surrogates) are replaced by U+FFFD, so the document stays well-formed whatever the input.
 * @param text any string (series names, labels, titles, colours)
 * @example escapeXml('<b>"a" & b</b>') // '&lt;b&gt;&quot;a&quot; &amp; b&lt;/b&gt;'
 */
export function escapeXml(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = text.charCodeAt(i);
    const entity = ENTITIES[ch];
    if (entity !== undefined) {
      out += entity;
    } else if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) {
      out += '\uFFFD';
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + text[i + 1]!;
        i++;
      } else {
        out += '\uFFFD';
      }
    } else if ((code >= 0xdc00 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) {
      out += '\uFFFD';
    } else {
      out += ch;
    }
  }
  return out;
}
