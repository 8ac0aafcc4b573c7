/**
 * libxml2's schema messages in the spec's words: "`<Incarnation>` must be a whole number, got `x`"
 * rather than "[facet 'pattern'] The value 'x' is not accepted by the pattern '[0-9]+'". The
 * original stays in the finding's `engineMessage`. Engine-independent: libxml2 2.9 (libxmljs2) and
 * the WebAssembly build of the browser (libxml2-wasm) write the same messages, and the translation
 * only reads them.
 * @module
 */
import type { VocabularyElement, VocabularyType } from './vocabulary';
import type { TreeElement } from './xml-tree';

/** What is known about the element an engine message names. */
export interface ElementContext {
  /** The element in the document. */
  readonly element: TreeElement;
  /** Its vocabulary entry, when it is known. */
  readonly vocabulary: VocabularyElement | undefined;
  /** Its parent's vocabulary entry, when known. */
  readonly parentVocabulary: VocabularyElement | undefined;
}

/** A translated message and the kind of rule it is about. */
export interface Translation {
  /**
   * `enumeration` for a value outside a listed set, which the open-world pass may make a warning;
   * `closed-enumeration` when a real client fails on other values (always an error).
   */
  readonly kind: 'enumeration' | 'closed-enumeration' | 'value' | 'structure' | 'other';
  /** The message in the spec's words. */
  readonly message: string;
}

/** Longest quoted value in a message; longer values are cut (they may be certificate data). */
const MAX_QUOTED = 60;

const quote = (value: string): string => `\`${value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value}\``;

/**
 * `<Name>` as messages write it, from a libxml2 name that may be `{namespace}Local`; the namespace
 * is written only when it differs from the one the message is about.
 * @param engineName - The name as libxml2 writes it.
 * @param contextNamespace - The namespace of the element the message is about.
 */
function nameOf(engineName: string, contextNamespace?: string): string {
  const m = /^\{([^}]*)\}(.+)$/.exec(engineName.trim());
  const [ns, local] = m ? [m[1] ?? '', m[2] ?? ''] : ['', engineName.trim()];
  return contextNamespace === undefined || ns === contextNamespace
    ? `\`<${local}>\``
    : `\`<${local}>\` (namespace ${ns === '' ? 'none' : ns})`;
}

function listOf(engineList: string): string[] {
  return engineList
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
}

function orList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}

function typeNameOf(context: ElementContext | undefined, attribute: string | undefined): string | undefined {
  const v = context?.vocabulary;
  if (!v) return undefined;
  if (attribute !== undefined) return v.attributes?.[attribute] || undefined;
  return v.type;
}

function expectation(typeName: string | undefined, types: Readonly<Record<string, VocabularyType>>, fallback: string): string {
  const expects = typeName ? types[typeName]?.expects : undefined;
  return expects ?? (typeName ? `a valid ${typeName}` : fallback);
}

/**
 * Translates one libxml2 schema validity message.
 * @param engineMessage - libxml2's message, trimmed.
 * @param context - The element it names, when found in the document.
 * @param types - The vocabulary's named simple types.
 */
export function translateEngineMessage(
  engineMessage: string,
  context: ElementContext | undefined,
  types: Readonly<Record<string, VocabularyType>>,
): Translation {
  const head = /^Element '([^']+)'(?:, attribute '([^']+)')?: ([\s\S]*)$/.exec(engineMessage);
  if (!head) return { kind: 'other', message: engineMessage };
  const element = nameOf(head[1] ?? '');
  const ns = /^\{([^}]*)\}/.exec(head[1] ?? '')?.[1] ?? '';
  const expectedName = (name: string): string => nameOf(name, ns);
  const attribute = head[2];
  const subject = attribute === undefined ? element : `attribute \`${attribute}\` of ${element}`;
  const rest = head[3] ?? '';
  const typeName = typeNameOf(context, attribute);
  let m: RegExpExecArray | null;
  if ((m = /^\[facet 'enumeration'\] The value '([\s\S]*)' is not an element of the set \{([\s\S]*)\}\.$/.exec(rest))) {
    const allowed = Array.from((m[2] ?? '').matchAll(/'([^']*)'/g), (x) => quote(x[1] ?? ''));
    const closed = typeName ? types[typeName]?.closed : undefined;
    const message = `${subject} has the value ${quote(m[1] ?? '')}, which is not one of ${orList(allowed)}`;
    return closed ? { kind: 'closed-enumeration', message: `${message}: ${closed}` } : { kind: 'enumeration', message };
  }
  if ((m = /^\[facet '(?:pattern|minLength|length)'\] The value '([\s\S]*?)'/.exec(rest)) && (m[1] ?? '').trim() === '') {
    return { kind: 'value', message: `${subject} must not be empty` };
  }
  if ((m = /^\[facet 'pattern'\] The value '([\s\S]*)' is not accepted by the pattern '([\s\S]*)'\.$/.exec(rest))) {
    return {
      kind: 'value',
      message: `${subject} must be ${expectation(typeName, types, `text matching the pattern ${quote(m[2] ?? '')}`)}, got ${quote(m[1] ?? '')}`,
    };
  }
  if ((m = /^'([\s\S]*)' is not a valid value of the (?:local )?(?:atomic|union|list) type(?: '([^']+)')?\.$/.exec(rest))) {
    const named = typeName ?? m[2];
    const got = (m[1] ?? '').trim() === '' ? 'an empty value' : quote(m[1] ?? '');
    return { kind: 'value', message: `${subject} must be ${expectation(named, types, 'a valid value')}, got ${got}` };
  }
  if (
    (m = /^\[facet '(maxLength|minLength|length|maxInclusive|minInclusive|maxExclusive|minExclusive|totalDigits)'\] ([\s\S]*)$/.exec(rest))
  ) {
    return { kind: 'value', message: `${subject} is out of range: ${m[2] ?? ''}` };
  }
  if ((m = /^The attribute '([^']+)' is required but missing\.$/.exec(rest))) {
    return { kind: 'structure', message: `${element} is missing its required attribute \`${m[1] ?? ''}\`` };
  }
  if ((m = /^Missing child element\(s\)\. Expected is (?:one of )?\( ([^)]*) \)\.$/.exec(rest))) {
    const expected = listOf(m[1] ?? '');
    const required = missingRequired(context, expected);
    const names = (required.length > 0 ? required : expected).map(expectedName);
    return {
      kind: 'structure',
      message:
        `${element} is missing ${required.length > 1 ? 'its required children' : 'a required child'}: ` +
        `${required.length > 1 ? names.join(', ') : orList(names)}`,
    };
  }
  if ((m = /^This element is not expected\.(?: Expected is (?:one of )?\( ([^)]*) \)\.)?$/.exec(rest))) {
    return { kind: 'structure', message: notExpected(element, context, listOf(m[1] ?? ''), expectedName) };
  }
  if (/^Element content is not allowed, because the (?:content type is a simple type definition|type definition is simple)\.$/.test(rest)) {
    return { kind: 'structure', message: `${element} holds a value, so it must not contain elements` };
  }
  if (/^Character content other than whitespace is not allowed because the content type is 'element-only'\.$/.test(rest)) {
    return { kind: 'structure', message: `${element} must contain only elements, not text` };
  }
  if (/^Character content is not allowed, because the content type is empty\.$/.test(rest)) {
    return { kind: 'structure', message: `${element} must be empty` };
  }
  if ((m = /^Element content is not allowed, because the content type is empty\.$/.exec(rest))) {
    return { kind: 'structure', message: `${element} must be empty` };
  }
  if ((m = /^The attribute '([^']+)' is not allowed\.$/.exec(rest))) {
    return { kind: 'structure', message: `attribute \`${m[1] ?? ''}\` is not allowed on ${element}` };
  }
  return { kind: 'other', message: engineMessage };
}

/** The expected names the element's parent must still have, of those libxml2 lists. */
function missingRequired(context: ElementContext | undefined, expected: readonly string[]): string[] {
  const v = context?.vocabulary;
  if (!v || !context) return [];
  return expected.filter((name) => {
    const local = name.replace(/^\{[^}]*\}/, '');
    const declared = v.children?.find((c) => c.name === local);
    return declared !== undefined && declared.min > 0 && !context.element.children.some((c) => c.local === local);
  });
}

function notExpected(
  element: string,
  context: ElementContext | undefined,
  expected: readonly string[],
  expectedName: (name: string) => string,
): string {
  const parent = context?.element.parent;
  const here = parent ? ` in \`<${parent.local}>\`` : '';
  if (context && parent) {
    const self = context.element;
    const before = parent.children.slice(0, parent.children.indexOf(self));
    const max = context.vocabulary?.max ?? 1;
    const count = before.filter((c) => c.local === self.local && c.ns === self.ns).length;
    if (count > 0 && max !== -1 && count >= max) {
      return `${element} may appear ${max === 1 ? 'only once' : `at most ${max} times`}${here}`;
    }
    const absent = expected.filter((name) => {
      const local = name.replace(/^\{[^}]*\}/, '');
      const declared = context.parentVocabulary?.children?.find((c) => c.name === local);
      return declared !== undefined && declared.min > 0 && !parent.children.some((c) => c.local === local);
    });
    if (absent.length > 0)
      return `\`<${parent.local}>\` is missing a required child: ${orList(absent.map(expectedName))} (found ${element} where it must come)`;
  }
  if (expected.length === 0) return `${element} is not allowed here${here}`;
  return `${element} is out of place${here}: expected ${orList(expected.map(expectedName))} at this point`;
}
