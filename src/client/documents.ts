/**
 * The documents a goal state links to: where their URL is, which headers fetch them, the file name
 * a capture bundle gives them, and how they are parsed.
 * @module
 */
import type { GoalState } from '../models/goal-state';

/** The documents linked from a goal state, named as the goal-state element that holds the URL. */
export type LinkedDocumentName = 'HostingEnvironmentConfig' | 'SharedConfig' | 'ExtensionsConfig' | 'FullConfig' | 'Certificates' | 'RemoteAccessInfo';

/** What the client knows about a linked document. */
export interface LinkedDocument {
  /** The goal-state element holding the URL. */
  readonly name: LinkedDocumentName;
  /** Root element of the response. */
  readonly root: string;
  /** The name used on the command line (`fetch <document>`), as in the `type=` query parameter. */
  readonly cliName: string;
  /** File name in a capture bundle; WALinuxAgent's history folder uses the same names. */
  readonly fileName: string;
  /** Whether the request carries the transport certificate (`x-ms-guest-agent-public-x509-cert`). */
  readonly encrypted: boolean;
}

/** Every linked document, in the order WALinuxAgent fetches them. */
export const LINKED_DOCUMENTS: readonly LinkedDocument[] = [
  { name: 'HostingEnvironmentConfig', root: 'HostingEnvironmentConfig', cliName: 'hostingEnvironmentConfig', fileName: 'HostingEnvironmentConfig.xml', encrypted: false },
  { name: 'SharedConfig', root: 'SharedConfig', cliName: 'sharedConfig', fileName: 'SharedConfig.xml', encrypted: false },
  { name: 'ExtensionsConfig', root: 'Extensions', cliName: 'extensionsConfig', fileName: 'ExtensionsConfig.xml', encrypted: false },
  { name: 'FullConfig', root: 'RDConfig', cliName: 'fullConfig', fileName: 'FullConfig.xml', encrypted: false },
  { name: 'Certificates', root: 'CertificateFile', cliName: 'certificates', fileName: 'Certificates.xml', encrypted: true },
  { name: 'RemoteAccessInfo', root: 'RemoteAccess', cliName: 'remoteAccess', fileName: 'RemoteAccess.xml', encrypted: true },
];

/**
 * Finds a linked document by its goal-state name or command-line name, case-insensitively.
 * @param name - E.g. `sharedConfig`, `SharedConfig`, `remoteAccess`.
 */
export function findLinkedDocument(name: string): LinkedDocument | undefined {
  const key = name.toLowerCase();
  return LINKED_DOCUMENTS.find((d) => d.name.toLowerCase() === key || d.cliName.toLowerCase() === key || d.root.toLowerCase() === key);
}

/**
 * The URL of a linked document in a goal state (first role instance), if the goal state has one.
 * `RemoteAccessInfo` is read from `Container`, the others from `RoleInstance/Configuration`.
 * @param goalState - The goal state.
 * @param name - Which document.
 */
export function linkedDocumentUrl(goalState: GoalState, name: LinkedDocumentName): string | undefined {
  if (name === 'RemoteAccessInfo') return goalState.Container.RemoteAccessInfo;
  return goalState.Container.RoleInstanceList.RoleInstance[0]?.Configuration[name];
}
