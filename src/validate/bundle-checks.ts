/**
 * Checks beyond the XSD, reported as warnings: within one document (a Description longer than clients keep, an unknown cipher name, configuration URLs for another
 * incarnation) and across the documents of one bundle (a Health report for another incarnation,
 * container or instance ids that disagree).
 *
 * A **bundle** is the set of documents captured together: the files directly inside one folder, or
 * the files named one by one (and standard input) in one CLI run, or every document on the
 * validator page. Cross-document checks compare each document with the bundle's one GoalState; a
 * bundle with no GoalState, or with several (a folder of unrelated fixtures), gets none.
 *
 * Only valid documents are checked, and only a valid GoalState is compared with: the checks read
 * facts (an Incarnation, a ContainerId) that an invalid document may not state correctly, and a
 * finding caused by the same error would only repeat it.
 *
 * Engine-independent: the CLI and the browser page both run it.
 * @module
 */
import { LINKED_DOCUMENTS } from '../protocol/linked-documents';
import { CERTIFICATE_CIPHERS, MAX_HEALTH_DESCRIPTION_LENGTH } from '../protocol-limits';
import { makeResult, type Diagnostic, type DiagnosticCode, type ValidationResult } from './diagnostic';
import { scanElements, type ScannedElement } from './xml-scan';

/** One document of a bundle, as given to {@link checkBundle}. */
export interface BundleDocument {
  /** Its path or name. */
  readonly file: string;
  /** Its decoded text. */
  readonly text: string;
  /** Its root element's local name, when it is a recognised document. */
  readonly root: string | undefined;
}

const warning = (code: DiagnosticCode, message: string, at: { line: number; column: number }): Diagnostic => ({
  code,
  severity: 'warning',
  message,
  line: at.line,
  column: at.column,
});

const pathIs = (element: ScannedElement, ...names: string[]): boolean =>
  element.path.length === names.length && names.every((n, i) => element.path[i] === n);

/** The goal-state elements under `Configuration` that hold a document URL. */
const CONFIGURATION_URLS: ReadonlySet<string> = new Set(LINKED_DOCUMENTS.filter((d) => d.urlParent === 'Configuration').map((d) => d.name));

const INCARNATION_IN_URL = /[?&](?:amp;)?incarnation=(\d+)/;
const CONTAINER_IN_URL = /\/machine\/([0-9a-fA-F-]{36})\//;

/** Identity facts a document states, with where it states them. */
export interface Facts {
  /** The GoalState's Incarnation, or the Health report's GoalStateIncarnation. */
  readonly incarnation?: ScannedElement;
  /** The ContainerId elements. */
  readonly containerIds: readonly ScannedElement[];
  /** The role instance ids. */
  readonly instanceIds: readonly ScannedElement[];
}

function factsOf(root: string | undefined, elements: readonly ScannedElement[]): Facts {
  if (root === 'GoalState') {
    const incarnation = elements.find((e) => pathIs(e, 'GoalState', 'Incarnation'));
    return {
      ...(incarnation ? { incarnation } : {}),
      containerIds: elements.filter((e) => pathIs(e, 'GoalState', 'Container', 'ContainerId')),
      instanceIds: elements.filter((e) => pathIs(e, 'GoalState', 'Container', 'RoleInstanceList', 'RoleInstance', 'InstanceId')),
    };
  }
  if (root === 'Health') {
    const incarnation = elements.find((e) => pathIs(e, 'Health', 'GoalStateIncarnation'));
    return {
      ...(incarnation ? { incarnation } : {}),
      containerIds: elements.filter((e) => pathIs(e, 'Health', 'Container', 'ContainerId')),
      instanceIds: elements.filter((e) => pathIs(e, 'Health', 'Container', 'RoleInstanceList', 'Role', 'InstanceId')),
    };
  }
  return { containerIds: [], instanceIds: [] };
}

function singleDocumentChecks(doc: BundleDocument, elements: readonly ScannedElement[], facts: Facts): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (doc.root === 'Health') {
    for (const e of elements) {
      if (e.name === 'Description' && Array.from(e.text).length > MAX_HEALTH_DESCRIPTION_LENGTH) {
        out.push(
          warning(
            'description-too-long',
            `Description is ${Array.from(e.text).length} characters; cloud-init truncates it to ${MAX_HEALTH_DESCRIPTION_LENGTH}; keep ` +
              `the essential text first`,
            e,
          ),
        );
      }
    }
  }
  const positions = positionFinder(doc.text);
  for (const m of Array.from(doc.text.matchAll(/x-ms-cipher-name["']?\s*[:=]\s*["']?([\w-]+)/gi))) {
    const name = m[1] ?? '';
    if (!(CERTIFICATE_CIPHERS as readonly string[]).includes(name)) {
      out.push(
        warning(
          'unknown-cipher',
          `unknown cipher name "${name}"; the WireServer is known to accept ${CERTIFICATE_CIPHERS.join(' and ')}`,
          positions(m.index),
        ),
      );
    }
  }
  if (doc.root === 'GoalState' && facts.incarnation) {
    const expected = facts.incarnation.text;
    const containerId = facts.containerIds[0]?.text.toLowerCase();
    for (const e of elements.filter((x) => x.path[x.path.length - 2] === 'Configuration' && CONFIGURATION_URLS.has(x.name))) {
      const got = INCARNATION_IN_URL.exec(e.text)?.[1];
      if (got !== undefined && got !== expected) {
        out.push(
          warning(
            'config-url-incarnation-mismatch',
            `the ${e.name} URL asks for incarnation ${got}, but the goal state's Incarnation is ${expected}`,
            e,
          ),
        );
      }
      const urlContainer = CONTAINER_IN_URL.exec(e.text)?.[1]?.toLowerCase();
      if (urlContainer && containerId && urlContainer !== containerId) {
        out.push(
          warning(
            'container-id-mismatch',
            `the ${e.name} URL names container ${urlContainer}, but the goal state's ContainerId is ${containerId}`,
            e,
          ),
        );
      }
    }
  }
  return out;
}

/** Positions of increasing offsets in `text`, in linear time overall (each call resumes where the last stopped). */
function positionFinder(text: string): (offset: number) => { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  return (offset) => {
    for (let i = text.indexOf('\n', lineStart); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line += 1;
      lineStart = i + 1;
    }
    return { line, column: offset - lineStart + 1 };
  };
}

function crossChecks(doc: ScannedDocument, goal: ScannedDocument): Diagnostic[] {
  const { facts } = doc;
  const out: Diagnostic[] = [];
  const goalIncarnation = goal.facts.incarnation?.text;
  if (doc.root === 'Health' && facts.incarnation && goalIncarnation !== undefined && facts.incarnation.text !== goalIncarnation) {
    out.push(
      warning(
        'health-incarnation-mismatch',
        `GoalStateIncarnation is ${facts.incarnation.text}, but the goal state in this bundle (${goal.file}) has Incarnation ` +
          `${goalIncarnation}; the WireServer expects the current incarnation`,
        facts.incarnation,
      ),
    );
  }
  const goalContainers = new Set(goal.facts.containerIds.map((e) => e.text.toLowerCase()));
  for (const e of facts.containerIds) {
    if (goalContainers.size > 0 && !goalContainers.has(e.text.toLowerCase())) {
      out.push(
        warning(
          'container-id-mismatch',
          `ContainerId ${e.text} differs from the goal state's (${Array.from(goalContainers).join(', ')}) in ${goal.file}`,
          e,
        ),
      );
    }
  }
  const goalInstances = new Set(goal.facts.instanceIds.map((e) => e.text.toLowerCase()));
  for (const e of facts.instanceIds) {
    if (goalInstances.size > 0 && !goalInstances.has(e.text.toLowerCase())) {
      out.push(warning('instance-id-mismatch', `InstanceId ${e.text} is not a role instance of the goal state in ${goal.file}`, e));
    }
  }
  return out;
}

const SCANNED_ROOTS: ReadonlySet<string> = new Set(['GoalState', 'Health']);

/**
 * What the first, per-document half of the bundle checks finds in one document: its own
 * warnings, and the facts the cross-document half compares. Plain data (it crosses process
 * boundaries when `wireserver validate --jobs N` checks documents in several processes).
 */
export interface ScannedDocument {
  /** Its path or name. */
  readonly file: string;
  /** Its root element's local name, when it is a recognised document (and valid, for {@link scanValidated}). */
  readonly root: string | undefined;
  /** The identity facts it states. */
  readonly facts: Facts;
  /** The warnings about this document alone. */
  readonly warnings: readonly Diagnostic[];
}

/**
 * The per-document half of {@link checkBundle}.
 * @param doc - One document of a bundle.
 */
export function scanBundleDocument(doc: BundleDocument): ScannedDocument {
  // Only GoalState and Health carry facts or element checks; scanning the rest costs time for nothing.
  const elements = doc.root !== undefined && SCANNED_ROOTS.has(doc.root) ? scanElements(doc.text) : [];
  const facts = factsOf(doc.root, elements);
  return { file: doc.file, root: doc.root, facts, warnings: singleDocumentChecks(doc, elements, facts) };
}

/**
 * The cross-document half of {@link checkBundle}: each document against the bundle's one GoalState.
 * @param scanned - Every document of one bundle, from {@link scanBundleDocument}.
 * @returns One list of warnings per document (its own, then the cross-document ones), in the order given.
 */
export function crossCheckBundle(scanned: readonly ScannedDocument[]): Diagnostic[][] {
  const goals = scanned.filter((s) => s.root === 'GoalState');
  const goal = goals.length === 1 ? goals[0] : undefined;
  return scanned.map((s) => [...s.warnings, ...(goal && goal !== s ? crossChecks(s, goal) : [])]);
}

/**
 * Runs every check beyond the XSD on the documents of one bundle.
 * @param docs - The bundle's documents (well-formed or not; findings need well-formed input).
 * @returns One list of warnings per document, in the order given.
 */
export function checkBundle(docs: readonly BundleDocument[]): Diagnostic[][] {
  return crossCheckBundle(docs.map(scanBundleDocument));
}

/**
 * The per-document half of {@link withBundleWarnings}: an invalid document, or one whose text could
 * not be decoded, gets no warning and gives no facts to the others (see the module comment).
 * @param result - The document's result.
 * @param text - Its decoded text, or `undefined`.
 */
export function scanValidated(result: ValidationResult, text: string | undefined): ScannedDocument {
  const usable = result.valid && text !== undefined;
  return scanBundleDocument({ file: result.file, text: usable ? text : '', root: usable ? result.root : undefined });
}

/**
 * The cross-document half of {@link withBundleWarnings}.
 * @param results - One result per document of the bundle.
 * @param scanned - What {@link scanValidated} found in each, in the same order.
 * @returns New results with the bundle's warnings added, in the same order.
 */
export function withScannedWarnings(results: readonly ValidationResult[], scanned: readonly ScannedDocument[]): ValidationResult[] {
  const warnings = crossCheckBundle(scanned);
  return results.map((r, i) => {
    const extra = warnings[i] ?? [];
    return extra.length === 0 ? r : makeResult(r.file, r.root, r.schema, [...r.diagnostics, ...extra]);
  });
}

/**
 * Adds the bundle's warnings to the results of its documents. Invalid documents get none and
 * give no facts to the others (see the module comment).
 * @param results - One result per document of the bundle.
 * @param texts - The decoded text of each document (`undefined` when it could not be decoded).
 * @returns New results, in the same order.
 */
export function withBundleWarnings(results: readonly ValidationResult[], texts: readonly (string | undefined)[]): ValidationResult[] {
  return withScannedWarnings(
    results,
    results.map((r, i) => scanValidated(r, texts[i])),
  );
}
