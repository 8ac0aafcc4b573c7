/**
 * The catalog of documents: which XSD validates which root element, and where the spec describes it.
 * It is the one place that maps a document to its schema, used by the CLI, the build and the browser.
 * @module
 */

/**
 * Negative examples end with this; a folder walk skips them, naming one checks it. (Here, not in
 * `examples.ts`, so that the CLI's folder walk does not load the XML engine.)
 */
export const NEGATIVE_EXAMPLE_SUFFIX = '.invalid.xml';

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
  /**
   * Who sends it. `to-guest` documents (the platform's) are open: what the spec does not know is a
   * warning. `from-guest` documents (the guest's own reports) are closed: an unknown is an error.
   */
  readonly direction: 'to-guest' | 'from-guest';
  /** `xml` (an XSD under `schemas/`) or `json` (a JSON Schema `schemas/*.schema.json`, validated with ajv). */
  readonly format: 'xml' | 'json';
  /**
   * JSON kinds only: top-level keys that identify the document, compared case-insensitively
   * (HostGAPlugin mixes key casing). A JSON object is the first kind in catalog order that has
   * any of its keys, so vmSettings (which also carries `onHold`) is tried before InVMArtifactsProfile.
   */
  readonly keys?: readonly string[];
}

/** Every document kind with a schema, in the order the site lists them. */
export const documentKinds: readonly DocumentKind[] = [
  {
    root: 'Versions',
    namespace: '',
    schema: 'versions.xsd',
    page: '/docs/wireserver/versions',
    title: 'Versions',
    direction: 'to-guest',
    format: 'xml',
  },
  {
    root: 'GoalState',
    namespace: '',
    schema: 'goal-state.xsd',
    page: '/docs/wireserver/goalstate',
    title: 'GoalState',
    direction: 'to-guest',
    format: 'xml',
  },
  {
    root: 'HostingEnvironmentConfig',
    namespace: '',
    schema: 'hosting-environment-config.xsd',
    page: '/docs/wireserver/hostingenvironmentconfig',
    title: 'HostingEnvironmentConfig',
    direction: 'to-guest',
    format: 'xml',
  },
  {
    root: 'SharedConfig',
    namespace: '',
    schema: 'shared-config.xsd',
    page: '/docs/wireserver/sharedconfig',
    title: 'SharedConfig',
    direction: 'to-guest',
    format: 'xml',
  },
  {
    root: 'Extensions',
    namespace: '',
    schema: 'extensions.xsd',
    page: '/docs/wireserver/extensionsconfig',
    title: 'Extensions (extensionsConfig)',
    direction: 'to-guest',
    format: 'xml',
  },
  {
    root: 'RDConfig',
    namespace: '',
    schema: 'rd-config.xsd',
    page: '/docs/wireserver/fullconfig',
    title: 'RDConfig (fullConfig)',
    direction: 'to-guest',
    format: 'xml',
  },
  {
    root: 'CertificateFile',
    namespace: '',
    schema: 'certificate-file.xsd',
    page: '/docs/wireserver/certificates',
    title: 'CertificateFile',
    direction: 'to-guest',
    format: 'xml',
  },
  {
    root: 'RemoteAccess',
    namespace: '',
    schema: 'remote-access.xsd',
    page: '/docs/wireserver/remoteaccess',
    title: 'RemoteAccess',
    direction: 'to-guest',
    format: 'xml',
  },
  {
    root: 'Error',
    namespace: '',
    schema: 'error.xsd',
    page: '/docs/wireserver/error',
    title: 'Error body',
    direction: 'to-guest',
    format: 'xml',
  },
  {
    root: 'Health',
    namespace: '',
    schema: 'health.xsd',
    page: '/docs/wireserver/health',
    title: 'Health report',
    direction: 'from-guest',
    format: 'xml',
  },
  {
    root: 'TelemetryData',
    namespace: '',
    schema: 'telemetry-data.xsd',
    page: '/docs/wireserver/telemetrydata',
    title: 'TelemetryData',
    direction: 'from-guest',
    format: 'xml',
  },
  {
    root: 'RoleProperties',
    namespace: '',
    schema: 'role-properties.xsd',
    page: '/docs/wireserver/roleproperties',
    title: 'RoleProperties',
    direction: 'from-guest',
    format: 'xml',
  },
  {
    root: 'Environment',
    namespace: 'http://schemas.dmtf.org/ovf/environment/1',
    schema: 'ovf-env.xsd',
    page: '/docs/ovf-env',
    title: 'ovf-env.xml (Environment)',
    direction: 'to-guest',
    format: 'xml',
  },
  {
    root: 'PluginVersionManifest',
    namespace: '',
    schema: 'plugin-version-manifest.xsd',
    page: '/docs/hostgaplugin/extensionartifact',
    title: 'PluginVersionManifest',
    direction: 'to-guest',
    format: 'xml',
  },
  {
    root: 'vmSettings',
    namespace: '',
    schema: 'vm-settings.schema.json',
    page: '/docs/hostgaplugin/vmsettings',
    title: 'HostGAPlugin vmSettings',
    direction: 'to-guest',
    format: 'json',
    keys: [
      'hostGAPluginVersion',
      'vmSettingsSchemaVersion',
      'extensionGoalStates',
      'extensionGoalStatesSource',
      'gaFamilies',
      'statusUploadBlob',
    ],
  },
  {
    root: 'RuntimeSettings',
    namespace: '',
    schema: 'runtime-settings.schema.json',
    page: '/docs/wireserver/extensionsconfig',
    title: 'RuntimeSettings (extension settings JSON)',
    direction: 'to-guest',
    format: 'json',
    keys: ['runtimeSettings'],
  },
  {
    root: 'InVMArtifactsProfile',
    namespace: '',
    schema: 'in-vm-artifacts-profile.schema.json',
    page: '/docs/hostgaplugin/extensionartifact',
    title: 'InVMArtifactsProfile',
    direction: 'to-guest',
    format: 'json',
    keys: ['onHold', 'inVMArtifactsProfileBlobSeqNo', 'profileId'],
  },
  {
    root: 'ProvisioningHealth',
    namespace: '',
    schema: 'provisioning-health.schema.json',
    page: '/docs/wireserver/provisioning-health',
    title: 'Provisioning health (JSON)',
    direction: 'from-guest',
    format: 'json',
    keys: ['state'],
  },
  {
    root: 'StatusBlob',
    namespace: '',
    schema: 'status-blob.schema.json',
    page: '/docs/status-blob',
    title: 'VM status blob (aggregate status)',
    direction: 'from-guest',
    format: 'json',
    keys: ['aggregateStatus', 'guestOSInfo'],
  },
];

/** The XML document kinds (those with an XSD). */
export const xmlDocumentKinds: readonly DocumentKind[] = documentKinds.filter((kind) => kind.format === 'xml');

/**
 * Finds the document kind of a root element.
 * @param root - Local name of the root element.
 * @param namespace - Namespace URI of the root element ('' for none).
 * @returns The kind, or `undefined` when no schema describes that root.
 */
export function findDocumentKind(root: string, namespace: string): DocumentKind | undefined {
  return xmlDocumentKinds.find((kind) => kind.root === root && kind.namespace === namespace);
}

/**
 * Finds the JSON document kind of a parsed JSON value by its top-level keys (see {@link DocumentKind.keys}).
 * @param value - The parsed document.
 * @returns The kind, or `undefined` when the value is not an object or no kind's keys match.
 */
export function findJsonDocumentKind(value: unknown): DocumentKind | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const present = new Set(Object.keys(value).map((key) => key.toLowerCase()));
  return documentKinds.find((kind) => kind.format === 'json' && (kind.keys ?? []).some((key) => present.has(key.toLowerCase())));
}
