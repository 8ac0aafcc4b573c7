/**
 * The documents a goal state links to: one table, used by the client (which fetches them), the mock
 * WireServer (which serves them) and the validator's bundle checks (which compare their URLs with
 * the goal state). No imports: any layer may use it.
 * @module
 */

/** The documents linked from a goal state, named as the goal-state element that holds the URL. */
export type LinkedDocumentName =
  | 'HostingEnvironmentConfig'
  | 'SharedConfig'
  | 'ExtensionsConfig'
  | 'FullConfig'
  | 'Certificates'
  | 'RemoteAccessInfo';

/** One linked document. */
export interface LinkedDocument {
  /** The goal-state element holding the URL. */
  readonly name: LinkedDocumentName;
  /** The parent of that element: `RoleInstance/Configuration`, or `Container` for RemoteAccessInfo. */
  readonly urlParent: 'Configuration' | 'Container';
  /** Root element of the response. */
  readonly root: string;
  /** The schema of the response, under `schemas/`. */
  readonly schema: string;
  /** The query of the URL the WireServer gives it, without the incarnation (see the goal state page). */
  readonly query: string;
  /** The name used on the command line (`fetch <document>`), as in the `type=` query parameter. */
  readonly cliName: string;
  /** File name in a capture bundle; WALinuxAgent's history folder uses the same names. */
  readonly fileName: string;
  /** Whether the request carries the transport certificate (`x-ms-guest-agent-public-x509-cert`). */
  readonly encrypted: boolean;
}

/** Every linked document, in the order WALinuxAgent fetches them. */
export const LINKED_DOCUMENTS: readonly LinkedDocument[] = [
  {
    name: 'HostingEnvironmentConfig',
    urlParent: 'Configuration',
    root: 'HostingEnvironmentConfig',
    schema: 'hosting-environment-config.xsd',
    query: 'comp=config&type=hostingEnvironmentConfig',
    cliName: 'hostingEnvironmentConfig',
    fileName: 'HostingEnvironmentConfig.xml',
    encrypted: false,
  },
  {
    name: 'SharedConfig',
    urlParent: 'Configuration',
    root: 'SharedConfig',
    schema: 'shared-config.xsd',
    query: 'comp=config&type=sharedConfig',
    cliName: 'sharedConfig',
    fileName: 'SharedConfig.xml',
    encrypted: false,
  },
  {
    name: 'ExtensionsConfig',
    urlParent: 'Configuration',
    root: 'Extensions',
    schema: 'extensions.xsd',
    query: 'comp=config&type=extensionsConfig',
    cliName: 'extensionsConfig',
    fileName: 'ExtensionsConfig.xml',
    encrypted: false,
  },
  {
    name: 'FullConfig',
    urlParent: 'Configuration',
    root: 'RDConfig',
    schema: 'rd-config.xsd',
    query: 'comp=config&type=fullConfig',
    cliName: 'fullConfig',
    fileName: 'FullConfig.xml',
    encrypted: false,
  },
  {
    name: 'Certificates',
    urlParent: 'Configuration',
    root: 'CertificateFile',
    schema: 'certificate-file.xsd',
    query: 'comp=certificates',
    cliName: 'certificates',
    fileName: 'Certificates.xml',
    encrypted: true,
  },
  {
    name: 'RemoteAccessInfo',
    urlParent: 'Container',
    root: 'RemoteAccess',
    schema: 'remote-access.xsd',
    query: 'comp=remoteaccess',
    cliName: 'remoteAccess',
    fileName: 'RemoteAccess.xml',
    encrypted: true,
  },
];

/**
 * Finds a linked document by its goal-state name, command-line name or root element, case-insensitively.
 * @param name - E.g. `sharedConfig`, `SharedConfig`, `remoteAccess`.
 */
export function findLinkedDocument(name: string): LinkedDocument | undefined {
  const key = name.toLowerCase();
  return LINKED_DOCUMENTS.find((d) => d.name.toLowerCase() === key || d.cliName.toLowerCase() === key || d.root.toLowerCase() === key);
}
