/**
 * Redaction of secrets in captured WireServer documents (XML or JSON), before they are shared.
 * Shared module: the validate CLI's `--redact`, the validator page's "Redact" button and the
 * client's `capture` command all use it. Pure string code with no Node imports, so the browser can
 * run it.
 *
 * It works on the parsed document, not on its raw text: XML is tokenised (elements, attributes,
 * text, CDATA, comments) and every value is decoded (entities, character references) before it is
 * judged; JSON strings are decoded (`\u0026`) the same way, and JSON found inside XML text or
 * attributes is redacted as JSON. Element and key names match case-insensitively. A final pass over
 * the output catches SAS signatures and private keys in any remaining encoding (`%26sig%3D`).
 *
 * What it removes (each value becomes {@link REDACTED}, which is valid base64 and a valid string, so
 * a redacted document still validates; the line count is kept, so positions still match):
 * SAS signatures (`sig=` in URLs), extension protected settings, certificate payloads
 * (`CertificateFile/Data`), passwords (`UserPassword`, `AdminPassword`, `Password`, JSON keys ending
 * in `password`), `CustomData`, and PEM private-key bodies.
 *
 * Longer than 300 lines on purpose: one tokenizer for XML and one for JSON, each decoding every encoding a
 * secret can hide in, kept next to the single list of secret kinds they share.
 * @module
 */

/** The text that replaces a secret. */
export const REDACTED = 'REDACTED';

/** What kind of secret a redaction removed. */
export type RedactionKind = 'sas-signature' | 'protected-settings' | 'certificate-data' | 'password' | 'custom-data' | 'private-key';

/** One secret removed. */
export interface Redaction {
  /** What it was. */
  readonly kind: RedactionKind;
  /** 1-based line where it started. */
  readonly line: number;
}

/** The outcome of {@link redactText}. */
export interface RedactionResult {
  /** The redacted text. */
  readonly text: string;
  /** Every secret removed, in document order. */
  readonly redactions: readonly Redaction[];
}

/** Collects redactions with their lines; offsets are mapped to lines in linear time overall. */
class Recorder {
  readonly redactions: Redaction[] = [];

  add(kind: RedactionKind, line: number): void {
    this.redactions.push({ kind, line });
  }
}

const newlinesIn = (text: string): string => '\n'.repeat(text.split('\n').length - 1);
/**
 * Counts the line breaks before increasing offsets of one text, looking at each character once
 * (counting from the start for every match would cost the text's size per secret).
 */
function lineCounter(text: string): (offset: number) => number {
  let count = 0;
  let next = text.indexOf('\n');
  return (offset) => {
    while (next !== -1 && next < offset) {
      count += 1;
      next = text.indexOf('\n', next + 1);
    }
    return count;
  };
}

/** A query parameter `sig=` in any encoding: plain, entity, JSON-escaped, percent-encoded once or twice. */
const SAS_SIGNATURE =
  /((?:[?&]|&amp;|&#0*38;|&#x0*26;|\\u0026|\\u003f|%26|%3f|%2526|%253f)sig(?:=|%3d|%253d|\\u003d|&#0*61;|&#x0*3d;))((?:(?!%26|%2526)[^\s"'<>\\&#])+)/gi;
const PRIVATE_KEY = /(-----BEGIN [A-Z ]*PRIVATE KEY-----)([\s\S]+?)(-----END [A-Z ]*PRIVATE KEY-----)/g;
/** JSON members holding secrets, in raw text (also entity- or backslash-escaped quotes): a safety net. */
const JSON_SECRET_MEMBER =
  /((?:\\?"|&quot;)(protectedsettings|\w*password|customdata)(?:\\?"|&quot;)\s*:\s*(?:\\?"|&quot;))((?:(?!&quot;|\\")[^"\\]|\\[^"])+)((?:\\?"|&quot;))/gi;

/** The kind of secret a JSON key or XML attribute name holds, if any (case-insensitive). */
function secretKeyKind(name: string): RedactionKind | undefined {
  const key = name.toLowerCase();
  if (key === 'protectedsettings') return 'protected-settings';
  if (key === 'customdata') return 'custom-data';
  if (key.endsWith('password')) return 'password';
  return undefined;
}

/** The kind of secret an XML element holds, if any, from its local name and its ancestors'. */
function secretElementKind(localName: string, ancestors: readonly string[]): RedactionKind | undefined {
  const name = localName.toLowerCase();
  if (name === 'userpassword' || name === 'adminpassword' || name === 'password') return 'password';
  if (name === 'customdata') return 'custom-data';
  if (name === 'protectedsettings') return 'protected-settings';
  if (name === 'data' && ancestors.some((a) => a.toLowerCase() === 'certificatefile')) return 'certificate-data';
  return undefined;
}

/**
 * Replaces the matches of a global pattern that `redact` gives a replacement for, and returns `text`
 * itself when it gives none. `String.prototype.replace` builds a new text as soon as anything
 * matches, even a value already redacted: the safety net copied a 16 MiB document once per pattern.
 * @param text - The text.
 * @param pattern - A global pattern that never matches the empty string.
 * @param redact - Given a match (groups and `index`), its replacement, or `undefined` to keep it.
 */
function replaceMatches(text: string, pattern: RegExp, redact: (match: RegExpExecArray) => string | undefined): string {
  let out = '';
  let kept = 0;
  let changed = false;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const replacement = redact(m);
    if (replacement === undefined) continue;
    out += text.slice(kept, m.index) + replacement;
    kept = m.index + m[0].length;
    changed = true;
  }
  return changed ? out + text.slice(kept) : text;
}

/** SAS signatures and private keys in plain text, each at `line` plus the lines before it. */
function redactPlain(text: string, line: number, rec: Recorder): string {
  const linesInText = lineCounter(text);
  const out = replaceMatches(text, SAS_SIGNATURE, ({ 1: before = '', 2: secret = '', index }) => {
    if (secret === REDACTED) return undefined;
    rec.add('sas-signature', line + linesInText(index));
    return `${before}${REDACTED}`;
  });
  const linesInOut = lineCounter(out);
  return replaceMatches(out, PRIVATE_KEY, ({ 1: begin = '', 2: secret = '', 3: end = '', index }) => {
    if (secret.trim() === REDACTED) return undefined;
    rec.add('private-key', line + linesInOut(index));
    return `${begin}${REDACTED}${newlinesIn(secret)}${end}`;
  });
}

/** A decoded value: JSON inside is redacted as JSON, then SAS signatures and private keys. */
function redactValue(value: string, line: number, rec: Recorder): string {
  const json = /^\s*[[{]/.test(value) ? redactJson(value, line, rec) : value;
  // A bare query string ("sv=…&sig=…" is caught by the pattern; "sig=…" at the start is not).
  const bare = /^sig=([^&\s"'<>]+)/i.exec(json);
  if (bare && bare[1] !== REDACTED) {
    rec.add('sas-signature', line);
    return redactPlain(`sig=${REDACTED}${json.slice(bare[0].length)}`, line, rec);
  }
  return redactPlain(json, line, rec);
}

/** End of the JSON string starting at `i` (its closing quote + 1), or -1. */
function jsonStringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j += 1) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j += 1;
    else if (c === 0x22) return j + 1;
  }
  return -1;
}

/** End of the JSON value starting at `i` (balanced brackets, strings skipped). */
function jsonValueEnd(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j += 1) {
    const c = text[j];
    if (c === '"') {
      const end = jsonStringEnd(text, j);
      if (end === -1) return text.length;
      j = end - 1;
    } else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) return j + 1;
    }
  }
  return text.length;
}

function decodeJsonString(token: string): string {
  try {
    return JSON.parse(token) as string;
  } catch {
    return token.slice(1, -1);
  }
}

/**
 * Redacts JSON text token by token, keeping its layout: a member whose key names a secret loses its
 * value; every other string is decoded, redacted as a value and re-encoded only when it changed.
 * Tolerant: text that is not JSON is left as it is after the point where it stops being JSON.
 */
function redactJson(text: string, line: number, rec: Recorder): string {
  const frames: { key: string | undefined }[] = [{ key: undefined }];
  let out = '';
  let last = 0;
  let lineAt = line;
  let counted = 0;
  const lineOf = (offset: number): number => {
    for (let k = text.indexOf('\n', counted); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) lineAt += 1;
    counted = Math.max(counted, offset);
    return lineAt;
  };
  const replace = (from: number, to: number, value: string): void => {
    out += text.slice(last, from) + value;
    last = to;
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    const top = frames[frames.length - 1] ?? { key: undefined };
    if (c === '"') {
      const end = jsonStringEnd(text, i);
      if (end === -1) break;
      let k = end;
      while (k < text.length && /\s/.test(text[k] ?? '')) k += 1;
      const decoded = decodeJsonString(text.slice(i, end));
      if (text[k] === ':') {
        top.key = decoded;
        // A secret member's value goes whole, whatever its type.
        const kind = secretKeyKind(decoded);
        let v = k + 1;
        while (v < text.length && /\s/.test(text[v] ?? '')) v += 1;
        if (kind && text[v] !== undefined && text[v] !== '"' && /[[{]/.test(text[v] ?? '')) {
          const valueEnd = jsonValueEnd(text, v);
          rec.add(kind, lineOf(v));
          replace(v, valueEnd, `"${REDACTED}"${newlinesIn(text.slice(v, valueEnd))}`);
          i = valueEnd - 1;
          continue;
        }
        i = k;
        continue;
      }
      const kind = top.key === undefined ? undefined : secretKeyKind(top.key);
      if (kind) {
        if (decoded.trim() !== '' && decoded !== REDACTED) {
          rec.add(kind, lineOf(i));
          replace(i, end, `"${REDACTED}"`);
        }
      } else {
        const redacted = redactValue(decoded, lineOf(i), rec);
        if (redacted !== decoded) replace(i, end, JSON.stringify(redacted));
      }
      i = end - 1;
    } else if (c === '{') {
      frames.push({ key: undefined });
    } else if (c === '[') {
      frames.push({ key: top.key });
    } else if (c === '}' || c === ']') {
      if (frames.length > 1) frames.pop();
    }
  }
  return out + text.slice(last);
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,8}|#[0-9]{1,10}|\w+);/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return XML_ENTITIES[ref] ?? whole;
    const cp = ref.startsWith('#x') ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

const encodeXmlText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/]]>/g, ']]&gt;');
const encodeXmlAttribute = (text: string, quote: string): string =>
  encodeXmlText(text).replace(quote === '"' ? /"/g : /'/g, quote === '"' ? '&quot;' : '&apos;');

/** The secret part of a text segment replaced, keeping its surrounding white space and line count. */
function blank(segment: string, first: boolean): string {
  const lead = /^\s*/.exec(segment)?.[0] ?? '';
  const trail = /\s*$/.exec(segment.slice(lead.length))?.[0] ?? '';
  const middle = segment.slice(lead.length, segment.length - trail.length);
  return `${lead}${first ? REDACTED : ''}${newlinesIn(middle)}${trail}`;
}

/** Redacts an XML document, keeping its layout. */
function redactXml(text: string, rec: Recorder): string {
  const open: { name: string; secret: RedactionKind | undefined; done: boolean }[] = [];
  let out = '';
  let last = 0;
  let line = 1;
  let counted = 0;
  const lineOf = (offset: number): number => {
    for (let k = text.indexOf('\n', counted); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) line += 1;
    counted = Math.max(counted, offset);
    return line;
  };
  const replace = (from: number, to: number, value: string): void => {
    out += text.slice(last, from) + value;
    last = to;
  };
  /** Character data (text or CDATA content) at [from, to). */
  const content = (from: number, to: number, raw: string, cdata: boolean): void => {
    const top = open[open.length - 1];
    const value = cdata ? raw : decodeXml(raw);
    if (top?.secret) {
      if (value.trim() === '' || value.trim() === REDACTED) return;
      if (!top.done) rec.add(top.secret, lineOf(from));
      replace(from, to, cdata ? blank(`<![CDATA[${raw}]]>`, !top.done).replace(/<!\[CDATA\[|]]>/g, '') : blank(raw, !top.done));
      top.done = true;
      return;
    }
    const redacted = redactValue(value, lineOf(from), rec);
    if (redacted !== value) replace(from, to, cdata && !redacted.includes(']]>') ? `<![CDATA[${redacted}]]>` : encodeXmlText(redacted));
  };
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      if (open.length > 0) content(i, text.length, text.slice(i), false);
      break;
    }
    if (lt > i && open.length > 0) content(i, lt, text.slice(i, lt), false);
    const closeOf = (marker: string): number => {
      const end = text.indexOf(marker, lt);
      return end === -1 ? text.length : end;
    };
    if (text.startsWith('<![CDATA[', lt)) {
      const end = closeOf(']]>');
      content(lt, Math.min(text.length, end + 3), text.slice(lt + 9, end), true);
      i = end + 3;
    } else if (text.startsWith('<!--', lt) || text.startsWith('<?', lt)) {
      const end = text.startsWith('<!--', lt) ? closeOf('-->') : closeOf('?>');
      const inner = text.slice(lt, end);
      const redacted = redactPlain(inner, lineOf(lt), rec);
      if (redacted !== inner) replace(lt, end, redacted);
      i = end + 2;
    } else if (text[lt + 1] === '/') {
      open.pop();
      i = closeOf('>') + 1;
    } else if (text[lt + 1] === '!') {
      i = closeOf('>') + 1;
    } else {
      const name = /^<([^\s/>]+)/.exec(text.slice(lt, lt + 1100))?.[1] ?? '';
      const localName = name.slice(name.indexOf(':') + 1);
      let j = lt + 1 + name.length;
      // Attributes, each decoded and judged by its name and value.
      const attribute = /\s*([^\s=/>]+)\s*=\s*(["'])/y;
      for (;;) {
        attribute.lastIndex = j;
        const m = attribute.exec(text);
        if (!m) break;
        const quote = m[2] ?? '"';
        const valueStart = attribute.lastIndex;
        const valueEnd = text.indexOf(quote, valueStart);
        if (valueEnd === -1) {
          j = text.length;
          break;
        }
        const raw = text.slice(valueStart, valueEnd);
        const value = decodeXml(raw);
        const kind = secretKeyKind((m[1] ?? '').slice((m[1] ?? '').indexOf(':') + 1));
        if (kind && value.trim() !== '' && value !== REDACTED) {
          rec.add(kind, lineOf(valueStart));
          replace(valueStart, valueEnd, `${REDACTED}${newlinesIn(raw)}`);
        } else if (!kind) {
          const redacted = redactValue(value, lineOf(valueStart), rec);
          if (redacted !== value) replace(valueStart, valueEnd, encodeXmlAttribute(redacted, quote));
        }
        j = valueEnd + 1;
      }
      const gt = text.indexOf('>', j);
      const selfClosing = gt > 0 && text[gt - 1] === '/';
      if (!selfClosing && name !== '') {
        const parent = open[open.length - 1];
        const secret =
          parent?.secret ??
          secretElementKind(
            localName,
            open.map((o) => o.name),
          );
        open.push({ name: localName, secret, done: parent?.secret !== undefined ? parent.done : false });
      }
      i = gt === -1 ? text.length : gt + 1;
    }
  }
  return out + text.slice(last);
}

/**
 * Removes secrets from a document's text. Values that are already {@link REDACTED} are left alone,
 * so redacting twice changes nothing.
 * @param text - An XML or JSON document (or any text holding such values, such as a URL).
 * @returns The redacted text and what was removed.
 */
export function redactText(text: string): RedactionResult {
  const rec = new Recorder();
  const trimmed = text.replace(/^\uFEFF?\s*/, '');
  let out = trimmed.startsWith('<')
    ? redactXml(text, rec)
    : trimmed.startsWith('{') || trimmed.startsWith('[')
      ? redactJson(text, 1, rec)
      : text;
  // The safety net, over the output: SAS signatures and private keys in any encoding left, and
  // secret JSON members written with escaped quotes.
  const plain = redactPlain(out, 1, rec);
  const linesInPlain = lineCounter(plain);
  out = replaceMatches(plain, JSON_SECRET_MEMBER, ({ 1: before = '', 2: key = '', 3: secret = '', 4: after = '', index }) => {
    if (secret.trim() === REDACTED || secret.trim() === '') return undefined;
    rec.add(secretKeyKind(key) ?? 'password', 1 + linesInPlain(index));
    return `${before}${REDACTED}${after}`;
  });
  return { text: out, redactions: rec.redactions.sort((a, b) => a.line - b.line) };
}

/** The infix of redacted copies: `GoalState.xml` → `GoalState.redacted.xml`. */
export const REDACTED_INFIX = '.redacted';

/**
 * The name of the redacted copy of a file: `<name>.redacted.<ext>`.
 * @param fileName - A file name or path.
 */
export function redactedFileName(fileName: string): string {
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const dot = fileName.lastIndexOf('.');
  return dot > slash + 1 ? `${fileName.slice(0, dot)}${REDACTED_INFIX}${fileName.slice(dot)}` : `${fileName}${REDACTED_INFIX}`;
}

/**
 * Tells whether a file name is a redacted copy made by {@link redactedFileName}.
 * @param fileName - A file name or path.
 */
export function isRedactedFileName(fileName: string): boolean {
  return /\.redacted(\.[^./\\]+)?$/.test(fileName);
}
