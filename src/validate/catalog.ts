/**
 * The catalog of documents: which XSD validates which root element, and where the spec describes it.
 * It is the one place that maps a document to its schema, used by the CLI, the build and the browser.
 * @module
 */

/** One kind of document the spec describes. */
export interface DocumentKind {
  /** Local name of the root element. */
  readonly root: string;
  /** Namespace URI of the root element; the empty string for no namespace. */
  readonly namespace: string;
  /** File name of the schema under `schemas/`. */
  readonly schema: string;
  /** Site path of the page that specifies the document. */
  readonly page: string;
  /** A short human title. */
  readonly title: string;
}

/** Every document kind with a schema, in the order the site lists them. */
export const documentKinds: readonly DocumentKind[] = [
  { root: 'Versions', namespace: '', schema: 'versions.xsd', page: '/docs/wireserver/versions', title: 'Versions' },
  { root: 'GoalState', namespace: '', schema: 'goal-state.xsd', page: '/docs/wireserver/goalstate', title: 'GoalState' },
  { root: 'Health', namespace: '', schema: 'health.xsd', page: '/docs/wireserver/health', title: 'Health report' },
];

/**
 * Finds the document kind of a root element.
 * @param root - Local name of the root element.
 * @param namespace - Namespace URI of the root element ('' for none).
 * @returns The kind, or `undefined` when no schema describes that root.
 */
export function findDocumentKind(root: string, namespace: string): DocumentKind | undefined {
  return documentKinds.find((kind) => kind.root === root && kind.namespace === namespace);
}
