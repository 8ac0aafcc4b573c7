/**
 * `PluginVersionManifest`: an extension or guest-agent manifest.
 * Property names are the XML element and attribute names; values are strings as sent.
 * test/parity.test.ts keeps these interfaces in step with `schemas/plugin-version-manifest.xsd`.
 * @module
 */
import { readDocument, type NodeSpec } from './element-reader';

/**
 * The manifest of an extension handler or of the guest agent: its versions and package URLs.
 * @category PluginVersionManifest
 */
export interface PluginVersionManifest {
  /** The public versions. */
  readonly Plugins: PluginVersionManifestPlugins;
  /** Versions flagged internal (tests/data/wire/manifest.xml). */
  readonly InternalPlugins?: PluginVersionManifestPlugins;
}

/**
 * `PluginVersionManifest/Plugins`: The public versions.
 * @category PluginVersionManifest
 */
export interface PluginVersionManifestPlugins {
  /** One available version of the handler or agent; children in any order (xs:all). */
  readonly Plugin: readonly PluginVersionManifestPluginsPlugin[];
}

/**
 * `PluginVersionManifest/Plugins/Plugin`: One available version of the handler or agent; children in any order (xs:all).
 * @category PluginVersionManifest
 */
export interface PluginVersionManifestPluginsPlugin {
  /** The version, "a.b.c[.d]". */
  readonly Version: string;
  /** Package ZIP URLs; absent in tests/data/wire/ga_manifest_no_uris.xml, which the agent skips. */
  readonly Uris?: PluginVersionManifestPluginsPluginUris;
  /** Whether auto-upgrade may cross a major version; "True"/"true" seen. */
  readonly DisallowMajorVersionUpgrade?: string;
}

/**
 * `PluginVersionManifest/Plugins/Plugin/Uris`: Package ZIP URLs; absent in tests/data/wire/ga_manifest_no_uris.xml, which the agent skips.
 * @category PluginVersionManifest
 */
export interface PluginVersionManifestPluginsPluginUris {
  /** One package URL. */
  readonly Uri: readonly string[];
}

const PLUGIN_VERSION_MANIFEST_PLUGINS_PLUGIN_URIS_SPEC: NodeSpec = { children: {
  Uri: { many: true, required: true },
} };

const PLUGIN_VERSION_MANIFEST_PLUGINS_PLUGIN_SPEC: NodeSpec = { children: {
  Version: { required: true },
  Uris: { spec: PLUGIN_VERSION_MANIFEST_PLUGINS_PLUGIN_URIS_SPEC },
  DisallowMajorVersionUpgrade: {},
} };

const PLUGIN_VERSION_MANIFEST_PLUGINS_SPEC: NodeSpec = { children: {
  Plugin: { spec: PLUGIN_VERSION_MANIFEST_PLUGINS_PLUGIN_SPEC, many: true },
} };

const SPEC: NodeSpec = { children: {
  Plugins: { spec: PLUGIN_VERSION_MANIFEST_PLUGINS_SPEC, required: true },
  InternalPlugins: { spec: PLUGIN_VERSION_MANIFEST_PLUGINS_SPEC },
} };

/**
 * Parses a `PluginVersionManifest` document.
 * @param xml - The document text.
 * @category PluginVersionManifest
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parsePluginVersionManifest(xml: string): PluginVersionManifest {
  return readDocument(xml, 'PluginVersionManifest', SPEC) as unknown as PluginVersionManifest;
}
