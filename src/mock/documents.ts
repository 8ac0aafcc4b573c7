/**
 * The documents the mock WireServer serves, built from `examples/`: the goal state and its linked
 * documents, rewritten so that container id, instance id, incarnation and URLs agree.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import libxmljs from 'libxmljs2';
import { serializeErrorBody } from '../models/error-body';
import { LINKED_DOCUMENTS } from '../protocol/linked-documents';
import { childElements } from '../xml/dom';
import { parseXmlSafely, type XmlDocument, type XmlElement } from '../xml/safe-parse';

/** The identity and incarnation of the mock VM. */
export interface MockVmState {
  /** GoalState Container/ContainerId. */
  readonly containerId: string;
  /** GoalState RoleInstance/InstanceId. */
  readonly instanceId: string;
  /** The current incarnation. */
  readonly incarnation: number;
  /** Base URL of the mock WireServer, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
}

/** The examples folder of this package. */
export const DEFAULT_EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

/** The container id of the examples' VM (examples/<Root>/vm.xml). */
export const EXAMPLE_CONTAINER_ID = '06185f00-1f00-4545-abaa-4b7baa121869';
/** The instance id of the examples' VM. */
export const EXAMPLE_INSTANCE_ID = '8cd0ae53-1baa-4f00-9356-a4e1a34f004c._test-vm';

/**
 * The linked documents served from examples as they are (the others are encrypted per request):
 * `[goal-state element, example root folder, type= query value]`.
 */
export const EXAMPLE_LINKED_DOCUMENTS: readonly (readonly [string, string, string])[] = LINKED_DOCUMENTS.filter((d) => !d.encrypted).map(
  (d) => [d.name, d.root, d.cliName] as const,
);

/**
 * Reads an example, preferring the given names and falling back to the first valid example of the folder.
 * @param examplesDir - The examples folder.
 * @param root - The root element (folder name).
 * @param preferred - File names to try first, in order.
 * @returns The text without its comments, or `undefined` when the folder has no valid example.
 */
export function readExample(examplesDir: string, root: string, preferred: readonly string[] = ['vm.xml']): string | undefined {
  const dir = path.join(examplesDir, root);
  let files: string[];
  try {
    files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.xml') && !f.endsWith('.invalid.xml'))
      .sort();
  } catch {
    return undefined;
  }
  const file = preferred.find((name) => files.includes(name)) ?? files[0];
  if (file === undefined) return undefined;
  // The examples' provenance comments are for readers of the spec; the WireServer sends none.
  return editXml(fs.readFileSync(path.join(dir, file), 'utf8'), (doc) => {
    for (const comment of doc.find('//comment()')) comment.remove();
  });
}

/** `-` and `_` percent-encoded in the instance id, as the real URLs have them. */
function encodeInstance(instanceId: string): string {
  return encodeURIComponent(instanceId).replace(/-/g, '%2D').replace(/_/g, '%5F');
}

/**
 * The URL of a linked document in the mock.
 * @param state - The VM state.
 * @param query - The query without incarnation, e.g. `comp=config&type=sharedConfig`.
 */
export function documentUrl(state: MockVmState, query: string): string {
  return `${state.baseUrl}/machine/${state.containerId}/${encodeInstance(state.instanceId)}?${query}&incarnation=${state.incarnation}`;
}

/**
 * Edits a document through the XML parser and serializes it back: the mock never edits XML text
 * with regular expressions.
 * @param xml - The document (an example of this package).
 * @param edit - Changes the parsed document in place.
 */
export function editXml(xml: string, edit: (doc: XmlDocument) => void): string {
  if (xml.trim() === '') return xml;
  const doc = parseXmlSafely(xml, 'example');
  edit(doc);
  return doc.toString(false);
}

function elements(doc: XmlDocument, xpath: string): XmlElement[] {
  return doc.find(xpath).filter((n): n is XmlElement => n.type() === 'element');
}

function setIncarnation(doc: XmlDocument, incarnation: number): void {
  for (const e of elements(doc, '//*[@goalStateIncarnation]')) e.attr({ goalStateIncarnation: String(incarnation) });
  for (const e of elements(doc, '//Incarnation[@number]')) e.attr({ number: String(incarnation) });
  for (const e of elements(doc, '//Incarnation[not(*)]')) if (/^\s*\d+\s*$/.test(e.text())) e.text(String(incarnation));
}

/**
 * Sets the incarnation everywhere a document echoes it (`goalStateIncarnation`, `Incarnation@number`,
 * `<Incarnation>`).
 * @param xml - The document.
 * @param incarnation - The incarnation.
 */
export function withIncarnation(xml: string, incarnation: number): string {
  return editXml(xml, (doc) => setIncarnation(doc, incarnation));
}

/**
 * Replaces the text of every element with a local name, e.g. each `<Password>` of RemoteAccess.
 * @param xml - The document.
 * @param name - The element name.
 * @param value - The new text of each, computed per element.
 */
export function withElementText(xml: string, name: string, value: () => string): string {
  return editXml(xml, (doc) => {
    for (const e of elements(doc, `//*[local-name()='${name}']`)) e.text(value());
  });
}

/**
 * Sets the thumbprint of each `StoredCertificate` (`certificateId="sha1:…"`), by certificate name.
 * @param xml - The document.
 * @param thumbprint - The upper-case SHA-1 thumbprint for a certificate name.
 */
export function withStoredCertificates(xml: string, thumbprint: (name: string) => string): string {
  return editXml(xml, (doc) => {
    for (const e of elements(doc, '//StoredCertificate[@certificateId]')) {
      if (!e.attr('certificateId')?.value().startsWith('sha1:')) continue;
      e.attr({ certificateId: `sha1:${thumbprint(e.attr('name')?.value() ?? '')}` });
    }
  });
}

function setOrRemove(parent: XmlElement, name: string, value: string | undefined, before: XmlElement | undefined): void {
  const existing = childElements(parent, name);
  if (value === undefined) {
    for (const e of existing) e.remove();
    return;
  }
  const [first, ...rest] = existing;
  for (const e of rest) e.remove();
  if (first) {
    first.text(value);
    return;
  }
  const created = new libxmljs.Element(parent.doc(), name);
  created.text(value);
  if (before) before.addPrevSibling(created);
  else parent.addChild(created);
}

/**
 * Builds the goal state from the GoalState example: identity, incarnation and every URL rewritten to
 * point at the mock; links to documents the mock cannot serve are removed.
 * @param template - The GoalState example.
 * @param state - The VM state.
 * @param links - Which linked documents exist, by goal-state element name.
 */
export function buildGoalState(template: string, state: MockVmState, links: ReadonlySet<string>): string {
  return editXml(template, (doc) => {
    setIncarnation(doc, state.incarnation);
    for (const e of elements(doc, '/GoalState/Container/ContainerId')) e.text(state.containerId);
    for (const e of elements(doc, '/GoalState/Container/RoleInstanceList/RoleInstance/InstanceId')) e.text(state.instanceId);
    const url = (query: string, name: string) => (links.has(name) ? documentUrl(state, query) : undefined);
    for (const container of elements(doc, '/GoalState/Container')) {
      const list = childElements(container, 'RoleInstanceList')[0];
      for (const d of LINKED_DOCUMENTS.filter((x) => x.urlParent === 'Container')) {
        setOrRemove(container, d.name, url(d.query, d.name), list);
      }
    }
    for (const configuration of elements(doc, '/GoalState/Container/RoleInstanceList/RoleInstance/Configuration')) {
      const configName = childElements(configuration, 'ConfigName')[0];
      for (const d of LINKED_DOCUMENTS.filter((x) => x.urlParent === 'Configuration')) {
        setOrRemove(configuration, d.name, url(d.query, d.name), configName);
      }
    }
  });
}

/**
 * The WireServer's error body (Azure/WALinuxAgent#2960), e.g. for 410 `ResourceNotAvailable`.
 * @param code - `Error/Code`.
 * @param message - `Error/Message`.
 */
export function errorBody(code: string, message: string): string {
  return serializeErrorBody({ Code: code, Message: message, Details: '' });
}

/** The 410 body of a stale incarnation or container, verbatim from Azure/WALinuxAgent#2960. */
export const GONE_BODY = errorBody('ResourceNotAvailable', 'The resource requested is no longer available. Please refresh your cache.');
