/**
 * A tiny, strict XML reader for tests (there is no XML parser dependency): it walks the text
 * character by character, checks well-formedness (balanced tags, quoted unique attributes, no raw
 * `<` or stray `&` in text or attributes, known entities only) and returns the element tree.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Decoded text content directly inside this element. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '<') throw new Error(`raw '<' at ${where + i}`);
    if (ch !== '&') {
      out += ch;
      continue;
    }
    const end = raw.indexOf(';', i);
    if (end < 0) throw new Error(`unterminated entity at ${where + i}`);
    const name = raw.slice(i + 1, end);
    if (name.startsWith('#x')) out += String.fromCodePoint(parseInt(name.slice(2), 16));
    else if (name.startsWith('#')) out += String.fromCodePoint(parseInt(name.slice(1), 10));
    else if (name in ENTITIES) out += ENTITIES[name];
    else throw new Error(`unknown entity &${name}; at ${where + i}`);
    i = end;
  }
  return out;
}

const isNameChar = (c: string) =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || '-_:.'.includes(c);
const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r';

/** Parses `text` as one XML document (an optional `<?xml …?>` then one root element). */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const readName = () => {
    const start = i;
    while (i < text.length && isNameChar(text[i]!)) i++;
    if (i === start) throw new Error(`expected a name at ${start}`);
    return text.slice(start, i);
  };
  const skipSpace = () => {
    while (isSpace(text[i])) i++;
  };
  if (text.startsWith('<?xml')) i = text.indexOf('?>') + 2;
  while (i < text.length) {
    if (text[i] !== '<') {
      const end = text.indexOf('<', i);
      const raw = text.slice(i, end < 0 ? text.length : end);
      const decoded = decode(raw, i);
      const top = stack[stack.length - 1];
      if (top) top.text += decoded;
      else if (decoded.trim() !== '') throw new Error(`text outside the root at ${i}`);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
      continue;
    }
    if (text[i + 1] === '/') {
      i += 2;
      const name = readName();
      skipSpace();
      if (text[i] !== '>') throw new Error(`expected '>' at ${i}`);
      i++;
      const open = stack.pop();
      if (!open || open.name !== name) {
        throw new Error(`closing </${name}> does not match <${open?.name ?? '(none)'}>`);
      }
      continue;
    }
    i++;
    const el: XmlElement = { name: readName(), attrs: {}, children: [], text: '' };
    const container = stack[stack.length - 1];
    for (;;) {
      const hadSpace = isSpace(text[i]);
      skipSpace();
      if (text[i] === '/' && text[i + 1] === '>') {
        i += 2;
        break;
      }
      if (text[i] === '>') {
        i++;
        stack.push(el);
        break;
      }
      if (!hadSpace) throw new Error(`expected a space before an attribute at ${i}`);
      const attr = readName();
      if (text[i] !== '=') throw new Error(`expected '=' after ${attr} at ${i}`);
      const quote = text[i + 1];
      if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute ${attr} at ${i}`);
      const end = text.indexOf(quote, i + 2);
      if (end < 0) throw new Error(`unterminated attribute ${attr}`);
      if (attr in el.attrs) throw new Error(`duplicate attribute ${attr} on <${el.name}>`);
      el.attrs[attr] = decode(text.slice(i + 2, end), i + 2);
      i = end + 1;
    }
    if (container) container.children.push(el);
    else if (root) throw new Error('more than one root element');
    else root = el;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element below (and including) `el`, depth first, whose name and attributes match. */
export function findAll(
  el: XmlElement,
  name: string,
  attrs: Record<string, string> = {},
): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    if (e.name === name && Object.entries(attrs).every(([k, v]) => e.attrs[k] === v)) found.push(e);
    e.children.forEach(visit);
  };
  visit(el);
  return found;
}

/** All text below `el`, concatenated. */
export function textOf(el: XmlElement): string {
  return el.text + el.children.map(textOf).join('');
}
