/**
 * `PluginVersionManifest`: an extension or guest-agent manifest.
 * Interfaces generated from `schemas/plugin-version-manifest.xsd` once, then kept in step by test/parity.test.ts:
 * property names are the XML element and attribute names; values are strings as sent.
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
  readonly InternalPlugins?: PluginVersionManifestInternalPlugins;
}

/**
 * `PluginVersionManifest/InternalPlugins`: Versions flagged internal (tests/data/wire/manifest.xml).
 * @category PluginVersionManifest
 */
export interface PluginVersionManifestInternalPlugins {
  /** One available version of the handler or agent. */
  readonly Plugin: readonly PluginVersionManifestInternalPluginsPlugin[];
}

/**
 * `PluginVersionManifest/InternalPlugins/Plugin`: One available version of the handler or agent.
 * @category PluginVersionManifest
 */
export interface PluginVersionManifestInternalPluginsPlugin {
  /** The version, "a.b.c[.d]". */
  readonly Version?: string;
  /** Package ZIP URLs; absent in tests/data/wire/ga_manifest_no_uris.xml, which the agent skips. */
  readonly Uris?: PluginVersionManifestInternalPluginsPluginUris;
  /** Whether auto-upgrade may cross a major version; "True"/"true" seen. */
  readonly DisallowMajorVersionUpgrade?: string;
}

/**
 * `PluginVersionManifest/InternalPlugins/Plugin/Uris`: Package ZIP URLs; absent in tests/data/wire/ga_manifest_no_uris.xml, which the agent skips.
 * @category PluginVersionManifest
 */
export interface PluginVersionManifestInternalPluginsPluginUris {
  /** One package URL. */
  readonly Uri: readonly string[];
}

/**
 * `PluginVersionManifest/Plugins`: The public versions.
 * @category PluginVersionManifest
 */
export interface PluginVersionManifestPlugins {
  /** One available version of the handler or agent. */
  readonly Plugin: readonly PluginVersionManifestPluginsPlugin[];
}

/**
 * `PluginVersionManifest/Plugins/Plugin`: One available version of the handler or agent.
 * @category PluginVersionManifest
 */
export interface PluginVersionManifestPluginsPlugin {
  /** The version, "a.b.c[.d]". */
  readonly Version?: string;
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

const SPEC: NodeSpec = {
  children: {
    Plugins: { spec: {
      children: {
        Plugin: { spec: {
          children: {
            Version: {  },
            Uris: { spec: {
              children: {
                Uri: { many: true, required: true },
              }
            } },
            DisallowMajorVersionUpgrade: {  },
          }
        }, many: true },
      }
    }, required: true },
    InternalPlugins: { spec: {
      children: {
        Plugin: { spec: {
          children: {
            Version: {  },
            Uris: { spec: {
              children: {
                Uri: { many: true, required: true },
              }
            } },
            DisallowMajorVersionUpgrade: {  },
          }
        }, many: true },
      }
    } },
  }
};

/**
 * Parses a `PluginVersionManifest` document.
 * @param xml - The document text.
 * @category PluginVersionManifest
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parsePluginVersionManifest(xml: string): PluginVersionManifest {
  return readDocument(xml, 'PluginVersionManifest', SPEC) as unknown as PluginVersionManifest;
}
