/**
 * The vocabulary of every XML document kind: which elements and attributes the spec knows where,
 * generated from the XSDs into `vocabulary.generated.ts` (`npm run gen:elements`, checked by the
 * tests). Engine-independent, so the open-world pass ({@link module:open-world}) runs the same in
 * Node and in the browser.
 * @module
 */

/** One element as the spec knows it in one place. */
export interface VocabularyElement {
  /** Local name. */
  readonly name: string;
  /** Namespace URI ('' for none). */
  readonly ns: string;
  /** Lowest number of occurrences in its parent. */
  readonly min: number;
  /** Highest number of occurrences in its parent (-1 for unbounded). */
  readonly max: number;
  /** Its text is a value (simple type or simple content), not child elements. */
  readonly simple?: true;
  /** The named simple type of its value, when it has one. */
  readonly type?: string;
  /** Undeclared children are allowed (`xs:any`). */
  readonly wildcard?: true;
  /** Undeclared attributes are allowed (`xs:anyAttribute`). */
  readonly anyAttribute?: true;
  /** Its attributes: name → named simple type ('' when the type is anonymous or built in). */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Its child elements. */
  readonly children?: readonly VocabularyElement[];
  /** Why its absence is tolerated, for an optional element documents normally carry (see `ws:meta whenAbsent`). */
  readonly whenAbsent?: string;
}

/** A named simple type, as far as messages need it. */
export interface VocabularyType {
  /** How a value of this type is described to people ("a whole number"). */
  readonly expects?: string;
  /** Its enumeration values. */
  readonly enumeration?: readonly string[];
  /**
   * For an enumeration a real client fails on when it meets another value: which client and why
   * (`ws:meta closed`). Another value is then an error even in an open document.
   */
  readonly closed?: string;
}

/** The generated vocabulary. */
export interface Vocabulary {
  /** The root element of each XML document kind, by root name. */
  readonly roots: Readonly<Record<string, VocabularyElement>>;
  /** Named simple types, by name. */
  readonly types: Readonly<Record<string, VocabularyType>>;
}
