/**
 * `Extensions`: the extensionsConfig document (`GET …?comp=config&type=extensionsConfig`).
 * Property names are the XML element and attribute names; values are strings as sent.
 * test/parity.test.ts keeps these interfaces in step with `schemas/extensions.xsd`.
 * @module
 */
import { readDocument, type NodeSpec } from './element-reader';

/**
 * The extensionsConfig document: which guest agent and extension handlers to run, with their settings, and where to upload status.
 * @category Extensions
 */
export interface Extensions {
  /** Format version; always "1.0.0.0". (attribute) */
  readonly version?: string;
  /** The goal-state incarnation. (attribute) */
  readonly goalStateIncarnation?: string;
  /** The guest agent families. */
  readonly GuestAgentExtension: ExtensionsGuestAgentExtension;
  /** Features the agent must support; if it lacks one, it reports the goal state as failed. */
  readonly RequiredFeatures?: ExtensionsRequiredFeatures;
  /** SAS URL of the VM status blob (write permission). */
  readonly StatusUploadBlob?: ExtensionsStatusUploadBlob;
  /** The extension handlers. */
  readonly Plugins?: ExtensionsPlugins;
  /** Settings of the handlers, by name and version. */
  readonly PluginSettings?: ExtensionsPluginSettings;
  /** SAS URL (read permission) of the InVMArtifactsProfile JSON, which says whether extensions are on hold. */
  readonly InVMArtifactsProfileBlob?: ExtensionsStatusUploadBlob;
  /** Identifiers of this goal state. */
  readonly InVMGoalStateMetaData?: ExtensionsInVMGoalStateMetaData;
  /** A load-balancer health probe (multi-config fixtures only). */
  readonly HealthProbe?: ExtensionsHealthProbe;
  /** SAS URL of a ".vmHealth" blob (multi-config fixtures only). */
  readonly HealthStatusBlobUri?: string;
}

/**
 * `Extensions/GuestAgentExtension`: The guest agent families.
 * @category Extensions
 */
export interface ExtensionsGuestAgentExtension {
  /** The agent families. */
  readonly GAFamilies: ExtensionsGuestAgentExtensionGAFamilies;
  /** The region, e.g. westus2. */
  readonly Location?: string;
  /** Seen "CRP". */
  readonly ServiceName?: string;
}

/**
 * `Extensions/GuestAgentExtension/GAFamilies`: The agent families.
 * @category Extensions
 */
export interface ExtensionsGuestAgentExtensionGAFamilies {
  /** One guest-agent family the VM may run. */
  readonly GAFamily: readonly ExtensionsGuestAgentExtensionGAFamiliesGAFamily[];
}

/**
 * `Extensions/GuestAgentExtension/GAFamilies/GAFamily`: One guest-agent family the VM may run.
 * @category Extensions
 */
export interface ExtensionsGuestAgentExtensionGAFamiliesGAFamily {
  /** Whether the VM takes agent updates from Regional Service Manager. */
  readonly IsVMEnabledForRSMUpgrades?: string;
  /** Whether Version was set by RSM. */
  readonly IsVersionFromRSM?: string;
  /** The family name; seen Prod and Test (Win7/Win8 in old fixtures). */
  readonly Name: string;
  /** URLs of the agent manifest (a PluginVersionManifest). */
  readonly Uris: ExtensionsGuestAgentExtensionGAFamiliesGAFamilyUris;
  /** The agent version requested for this family, "a.b.c.d". */
  readonly Version?: string;
  /** The version an RSM downgrade is allowed from. */
  readonly FromVersion?: string;
}

/**
 * `Extensions/GuestAgentExtension/GAFamilies/GAFamily/Uris`: URLs of the agent manifest (a PluginVersionManifest).
 * @category Extensions
 */
export interface ExtensionsGuestAgentExtensionGAFamiliesGAFamilyUris {
  /** One manifest URL; the agent tries them in order. */
  readonly Uri: readonly string[];
}

/**
 * `Extensions/RequiredFeatures`: Features the agent must support; if it lacks one, it reports the goal state as failed.
 * @category Extensions
 */
export interface ExtensionsRequiredFeatures {
  /** One feature. */
  readonly RequiredFeature: readonly ExtensionsRequiredFeaturesRequiredFeature[];
}

/**
 * `Extensions/RequiredFeatures/RequiredFeature`: One feature.
 * @category Extensions
 */
export interface ExtensionsRequiredFeaturesRequiredFeature {
  /** Feature name, e.g. MultipleExtensionsPerHandler. */
  readonly Name: string;
  /** A version such as "3.0"; the agent notes the server does not populate it. */
  readonly Value?: string;
}

/**
 * `Extensions/StatusUploadBlob`: SAS URL of the VM status blob (write permission).
 * @category Extensions
 */
export interface ExtensionsStatusUploadBlob {
  /** "BlockBlob" or "PageBlob"; absent means BlockBlob (tests/data/wire/ext_conf_autoupgrade.xml). (attribute) */
  readonly statusBlobType?: string;
  /** The element's text, untrimmed. */
  readonly text: string;
}

/**
 * `Extensions/Plugins`: The extension handlers.
 * @category Extensions
 */
export interface ExtensionsPlugins {
  /** One extension handler to run. */
  readonly Plugin: readonly ExtensionsPluginsPlugin[];
}

/**
 * `Extensions/Plugins/Plugin`: One extension handler to run.
 * @category Extensions
 */
export interface ExtensionsPluginsPlugin {
  /** Handler name, e.g. Microsoft.Azure.Extensions.CustomScript. (attribute) */
  readonly name: string;
  /** Handler version "a.b.c[.d]". (attribute) */
  readonly version: string;
  /** What to do with the handler: "enabled", "disabled" or "uninstall" (closed: the agent marks other values invalid). (attribute) */
  readonly state: string;
  /** URL of the handler manifest (PluginVersionManifest). (attribute) */
  readonly location?: string;
  /** Fallback manifest URL. (attribute) */
  readonly failoverlocation?: string;
  /** Minor-version auto-upgrade flag; parsed by agents up to 2.2.14 only. (attribute) */
  readonly autoUpgrade?: string;
  /** Seen "false". (attribute) */
  readonly runAsStartupTask?: string;
  /** Seen "true": the settings are JSON. (attribute) */
  readonly isJson?: string;
  /** Seen "true"/"false". (attribute) */
  readonly useExactVersion?: string;
  /** Seen empty in old fixtures. (attribute) */
  readonly config?: string;
  /** A GUID, seen in tests/data/wire/ext_conf_upgradeguid.xml only. (attribute) */
  readonly upgradeGuid?: string;
  /** Base64 DER CMS SignedData over the handler ZIP; empty or absent means unsigned. (attribute) */
  readonly encodedSignature?: string;
  /** More manifest URLs, tried after location and failoverlocation. */
  readonly additionalLocations?: ExtensionsPluginsPluginadditionalLocations;
}

/**
 * `Extensions/Plugins/Plugin/additionalLocations`: More manifest URLs, tried after location and failoverlocation.
 * @category Extensions
 */
export interface ExtensionsPluginsPluginadditionalLocations {
  /** One manifest URL. */
  readonly additionalLocation: readonly string[];
}

/**
 * `Extensions/PluginSettings`: Settings of the handlers, by name and version.
 * @category Extensions
 */
export interface ExtensionsPluginSettings {
  /** The settings of one handler. */
  readonly Plugin: readonly ExtensionsPluginSettingsPlugin[];
}

/**
 * `Extensions/PluginSettings/Plugin`: The settings of one handler.
 * @category Extensions
 */
export interface ExtensionsPluginSettingsPlugin {
  /** Handler name; matched to Plugins/Plugin\@name case-insensitively (tests/data/wire/ext_conf_settings_case_mismatch.xml). (attribute) */
  readonly name: string;
  /** Handler version; must equal the Plugins/Plugin version (a mismatch marks the handler invalid; not checked by the XSD because names match case-insensitively, which xs:keyref cannot express). (attribute) */
  readonly version: string;
  /** The handler's (or, with \@name, one extension's) place in the install order. */
  readonly DependsOn: readonly ExtensionsPluginSettingsPluginDependsOn[];
  /** The settings of a single-config handler: text holding JSON "runtimeSettings":["handlerSettings":"protectedSettingsCertThumbprint","protectedSettings","publicSettings"], often with surrounding new lines. */
  readonly RuntimeSettings?: ExtensionsPluginSettingsPluginRuntimeSettings;
  /** The settings of one extension of a multi-config handler; same JSON text as RuntimeSettings. */
  readonly ExtensionRuntimeSettings: readonly ExtensionsPluginSettingsPluginExtensionRuntimeSettings[];
}

/**
 * `Extensions/PluginSettings/Plugin/DependsOn`: The handler's (or, with \@name, one extension's) place in the install order.
 * @category Extensions
 */
export interface ExtensionsPluginSettingsPluginDependsOn {
  /** Install order: lower levels first. (attribute) */
  readonly dependencyLevel?: string;
  /** The extension this DependsOn is for (multi-config handlers only; required there). (attribute) */
  readonly name?: string;
  /** A handler (and extension) this one waits for. */
  readonly DependsOnExtension: readonly ExtensionsPluginSettingsPluginDependsOnDependsOnExtension[];
}

/**
 * `Extensions/PluginSettings/Plugin/DependsOn/DependsOnExtension`: A handler (and extension) this one waits for.
 * @category Extensions
 */
export interface ExtensionsPluginSettingsPluginDependsOnDependsOnExtension {
  /** The handler name waited for. (attribute) */
  readonly handler: string;
  /** The extension name waited for, for multi-config handlers. (attribute) */
  readonly extension?: string;
}

/**
 * `Extensions/PluginSettings/Plugin/RuntimeSettings`: The settings of a single-config handler: text holding JSON "runtimeSettings":["handlerSettings":"protectedSettingsCertThumbprint","protectedSettings","publicSettings"], often with surrounding new lines.
 * @category Extensions
 */
export interface ExtensionsPluginSettingsPluginRuntimeSettings {
  /** The settings sequence number; the handler reads `<seqNo>`.settings. (attribute) */
  readonly seqNo: string;
  /** The element's text, untrimmed. */
  readonly text: string;
}

/**
 * `Extensions/PluginSettings/Plugin/ExtensionRuntimeSettings`: The settings of one extension of a multi-config handler; same JSON text as RuntimeSettings.
 * @category Extensions
 */
export interface ExtensionsPluginSettingsPluginExtensionRuntimeSettings {
  /** The extension's settings sequence number. (attribute) */
  readonly seqNo: string;
  /** The extension name. (attribute) */
  readonly name: string;
  /** "enabled" (the default when absent) or "disabled". (attribute) */
  readonly state?: string;
  /** The element's text, untrimmed. */
  readonly text: string;
}

/**
 * `Extensions/InVMGoalStateMetaData`: Identifiers of this goal state.
 * @category Extensions
 */
export interface ExtensionsInVMGoalStateMetaData {
  /** SVD sequence number, reported back in the status blob. (attribute) */
  readonly inSvdSeqNo?: string;
  /** .NET ticks (100 ns since 0001-01-01) when the goal state was created; orders it against vmSettings. (attribute) */
  readonly createdOnTicks?: string;
  /** CRP activity GUID; empty is tolerated (read as the zero GUID). (attribute) */
  readonly activityId?: string;
  /** CRP correlation GUID; empty is tolerated. (attribute) */
  readonly correlationId?: string;
}

/**
 * `Extensions/HealthProbe`: A load-balancer health probe (multi-config fixtures only).
 * @category Extensions
 */
export interface ExtensionsHealthProbe {
  /** Probe GUID. (attribute) */
  readonly id?: string;
  /** Seen "loadbalancer". (attribute) */
  readonly type?: string;
  /** Probe port. (attribute) */
  readonly port?: string;
}

const EXTENSIONS_HEALTH_PROBE_SPEC: NodeSpec = { attrs: ['id', 'type', 'port'] };

const EXTENSIONS_IN_VMGOAL_STATE_META_DATA_SPEC: NodeSpec = { attrs: ['inSvdSeqNo', 'createdOnTicks', 'activityId', 'correlationId'] };

const EXTENSIONS_PLUGIN_SETTINGS_PLUGIN_EXTENSION_RUNTIME_SETTINGS_SPEC: NodeSpec = { attrs: ['seqNo', 'name', 'state'], requiredAttrs: ['seqNo', 'name'], text: true };

const EXTENSIONS_PLUGIN_SETTINGS_PLUGIN_RUNTIME_SETTINGS_SPEC: NodeSpec = { attrs: ['seqNo'], requiredAttrs: ['seqNo'], text: true };

const EXTENSIONS_PLUGIN_SETTINGS_PLUGIN_DEPENDS_ON_DEPENDS_ON_EXTENSION_SPEC: NodeSpec = { attrs: ['handler', 'extension'], requiredAttrs: ['handler'] };

const EXTENSIONS_PLUGIN_SETTINGS_PLUGIN_DEPENDS_ON_SPEC: NodeSpec = { attrs: ['dependencyLevel', 'name'], children: {
  DependsOnExtension: { spec: EXTENSIONS_PLUGIN_SETTINGS_PLUGIN_DEPENDS_ON_DEPENDS_ON_EXTENSION_SPEC, many: true },
} };

const EXTENSIONS_PLUGIN_SETTINGS_PLUGIN_SPEC: NodeSpec = { attrs: ['name', 'version'], requiredAttrs: ['name', 'version'], children: {
  DependsOn: { spec: EXTENSIONS_PLUGIN_SETTINGS_PLUGIN_DEPENDS_ON_SPEC, many: true },
  RuntimeSettings: { spec: EXTENSIONS_PLUGIN_SETTINGS_PLUGIN_RUNTIME_SETTINGS_SPEC },
  ExtensionRuntimeSettings: { spec: EXTENSIONS_PLUGIN_SETTINGS_PLUGIN_EXTENSION_RUNTIME_SETTINGS_SPEC, many: true },
} };

const EXTENSIONS_PLUGIN_SETTINGS_SPEC: NodeSpec = { children: {
  Plugin: { spec: EXTENSIONS_PLUGIN_SETTINGS_PLUGIN_SPEC, many: true },
} };

const EXTENSIONS_PLUGINS_PLUGINADDITIONAL_LOCATIONS_SPEC: NodeSpec = { children: {
  additionalLocation: { many: true, required: true },
} };

const EXTENSIONS_PLUGINS_PLUGIN_SPEC: NodeSpec = { attrs: ['name', 'version', 'state', 'location', 'failoverlocation', 'autoUpgrade', 'runAsStartupTask', 'isJson', 'useExactVersion', 'config', 'upgradeGuid', 'encodedSignature'], requiredAttrs: ['name', 'version', 'state'], children: {
  additionalLocations: { spec: EXTENSIONS_PLUGINS_PLUGINADDITIONAL_LOCATIONS_SPEC },
} };

const EXTENSIONS_PLUGINS_SPEC: NodeSpec = { children: {
  Plugin: { spec: EXTENSIONS_PLUGINS_PLUGIN_SPEC, many: true },
} };

const EXTENSIONS_STATUS_UPLOAD_BLOB_SPEC: NodeSpec = { attrs: ['statusBlobType'], text: true };

const EXTENSIONS_REQUIRED_FEATURES_REQUIRED_FEATURE_SPEC: NodeSpec = { children: {
  Name: { required: true },
  Value: {},
} };

const EXTENSIONS_REQUIRED_FEATURES_SPEC: NodeSpec = { children: {
  RequiredFeature: { spec: EXTENSIONS_REQUIRED_FEATURES_REQUIRED_FEATURE_SPEC, many: true, required: true },
} };

const EXTENSIONS_GUEST_AGENT_EXTENSION_GAFAMILIES_GAFAMILY_URIS_SPEC: NodeSpec = { children: {
  Uri: { many: true },
} };

const EXTENSIONS_GUEST_AGENT_EXTENSION_GAFAMILIES_GAFAMILY_SPEC: NodeSpec = { children: {
  IsVMEnabledForRSMUpgrades: {},
  IsVersionFromRSM: {},
  Name: { required: true },
  Uris: { spec: EXTENSIONS_GUEST_AGENT_EXTENSION_GAFAMILIES_GAFAMILY_URIS_SPEC, required: true },
  Version: {},
  FromVersion: {},
} };

const EXTENSIONS_GUEST_AGENT_EXTENSION_GAFAMILIES_SPEC: NodeSpec = { children: {
  GAFamily: { spec: EXTENSIONS_GUEST_AGENT_EXTENSION_GAFAMILIES_GAFAMILY_SPEC, many: true },
} };

const EXTENSIONS_GUEST_AGENT_EXTENSION_SPEC: NodeSpec = { children: {
  GAFamilies: { spec: EXTENSIONS_GUEST_AGENT_EXTENSION_GAFAMILIES_SPEC, required: true },
  Location: {},
  ServiceName: {},
} };

const SPEC: NodeSpec = { attrs: ['version', 'goalStateIncarnation'], children: {
  GuestAgentExtension: { spec: EXTENSIONS_GUEST_AGENT_EXTENSION_SPEC, required: true },
  RequiredFeatures: { spec: EXTENSIONS_REQUIRED_FEATURES_SPEC },
  StatusUploadBlob: { spec: EXTENSIONS_STATUS_UPLOAD_BLOB_SPEC },
  Plugins: { spec: EXTENSIONS_PLUGINS_SPEC },
  PluginSettings: { spec: EXTENSIONS_PLUGIN_SETTINGS_SPEC },
  InVMArtifactsProfileBlob: { spec: EXTENSIONS_STATUS_UPLOAD_BLOB_SPEC },
  InVMGoalStateMetaData: { spec: EXTENSIONS_IN_VMGOAL_STATE_META_DATA_SPEC },
  HealthProbe: { spec: EXTENSIONS_HEALTH_PROBE_SPEC },
  HealthStatusBlobUri: {},
} };

/**
 * Parses a `Extensions` document.
 * @param xml - The document text.
 * @category Extensions
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseExtensions(xml: string): Extensions {
  return readDocument(xml, 'Extensions', SPEC) as unknown as Extensions;
}
