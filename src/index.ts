/**
 * wireserver-spec: typed models, parsers and validation for the Azure WireServer guest protocol.
 * Every export is listed here explicitly.
 * @module
 */
export { WireServerError, isWireServerError, type WireServerErrorCode, type WireServerErrorOptions } from './errors';
export { WIRE_PROTOCOL_VERSION, parseVersions, supportsVersion, type Versions } from './models/versions';
export {
  parseGoalState,
  type GoalState,
  type GoalStateConfiguration,
  type GoalStateContainer,
  type GoalStateMachine,
  type GoalStateRoleInstance,
} from './models/goal-state';
export {
  MAX_HEALTH_DESCRIPTION_LENGTH,
  parseHealth,
  serializeHealth,
  trimHealthDescription,
  type Health,
  type HealthRole,
  type HealthState,
  type HealthSubStatus,
} from './models/health';
export { documentKinds, findDocumentKind, findJsonDocumentKind, xmlDocumentKinds, type DocumentKind } from './validate/catalog';
export { readDocument, readNode, type ChildSpec, type NodeSpec } from './models/element-reader';
export { CONFIG_OUTPUT_ENDPOINTS_SPEC, CONFIG_APPLICATION_SETTINGS_SPEC, CONFIG_HOSTING_ENVIRONMENT_SETTINGS_SPEC, CONFIG_INCARNATION_SPEC, CONFIG_DEPLOYMENT_SPEC, CONFIG_STORED_CERTIFICATES_SPEC, type ConfigStoredCertificates, type ConfigStoredCertificatesStoredCertificate, type ConfigDeployment, type ConfigDeploymentService, type ConfigDeploymentServiceInstance, type ConfigIncarnation, type ConfigHostingEnvironmentSettings, type ConfigHostingEnvironmentSettingsCAS, type ConfigHostingEnvironmentSettingsPrivilegeLevel, type ConfigApplicationSettings, type ConfigApplicationSettingsSetting, type ConfigOutputEndpoints, type ConfigOutputEndpointsEndpoint, type ConfigOutputEndpointsEndpointTarget } from './models/config-parts';
export { parseHostingEnvironmentConfig, type HostingEnvironmentConfig, type HostingEnvironmentConfigRole, type HostingEnvironmentConfigResourceReferences, type HostingEnvironmentConfigResourceReferencesResource } from './models/hosting-environment-config';
export { parseSharedConfig, type SharedConfig, type SharedConfigRole, type SharedConfigLoadBalancerSettings, type SharedConfigLoadBalancerSettingsProbes, type SharedConfigLoadBalancerSettingsProbesProbe, type SharedConfigInstances, type SharedConfigInstancesInstance, type SharedConfigInstancesInstanceFaultDomains, type SharedConfigInstancesInstanceInputEndpoints, type SharedConfigInstancesInstanceInputEndpointsEndpoint, type SharedConfigInstancesInstanceInputEndpointsEndpointLocalPorts, type SharedConfigInstancesInstanceInputEndpointsEndpointLocalPortsLocalPortRange } from './models/shared-config';
export { parseExtensions, type Extensions, type ExtensionsGuestAgentExtension, type ExtensionsGuestAgentExtensionGAFamilies, type ExtensionsGuestAgentExtensionGAFamiliesGAFamily, type ExtensionsGuestAgentExtensionGAFamiliesGAFamilyUris, type ExtensionsRequiredFeatures, type ExtensionsRequiredFeaturesRequiredFeature, type ExtensionsStatusUploadBlob, type ExtensionsPlugins, type ExtensionsPluginsPlugin, type ExtensionsPluginsPluginadditionalLocations, type ExtensionsPluginSettings, type ExtensionsPluginSettingsPlugin, type ExtensionsPluginSettingsPluginDependsOn, type ExtensionsPluginSettingsPluginDependsOnDependsOnExtension, type ExtensionsPluginSettingsPluginRuntimeSettings, type ExtensionsPluginSettingsPluginExtensionRuntimeSettings, type ExtensionsInVMGoalStateMetaData, type ExtensionsHealthProbe } from './models/extensions';
export { parseRDConfig, type RDConfig, type RDConfigRole, type RDConfigInstances, type RDConfigInstancesInstance, type RDConfigInstancesInstanceFaultDomains, type RDConfigInstancesInstanceInputEndpoints, type RDConfigInstancesInstanceInputEndpointsEndpoint, type RDConfigInstancesInstanceInputEndpointsEndpointLocalPorts, type RDConfigInstancesInstanceInputEndpointsEndpointLocalPortsLocalPortRange, type RDConfigNeighborhoods, type RDConfigNeighborhoodsNeighborhood } from './models/rd-config';
export { parseErrorBody, type ErrorBody } from './models/error-body';
export { parseTelemetryData, serializeTelemetryData, type TelemetryData, type TelemetryDataProvider, type TelemetryDataProviderEvent } from './models/telemetry-data';
export { parseRoleProperties, serializeRoleProperties, type RoleProperties, type RolePropertiesContainer, type RolePropertiesContainerRoleInstances, type RolePropertiesContainerRoleInstancesRoleInstance, type RolePropertiesContainerRoleInstancesRoleInstanceProperties, type RolePropertiesContainerRoleInstancesRoleInstancePropertiesProperty } from './models/role-properties';
export { parsePluginVersionManifest, type PluginVersionManifest, type PluginVersionManifestPlugins, type PluginVersionManifestPluginsPlugin, type PluginVersionManifestPluginsPluginUris } from './models/plugin-version-manifest';
export { JsonSyntaxError, looksLikeJson, scanJson, validateJsonDocument, type ScannedJson } from './validate/json-engine';
export type { Diagnostic, DiagnosticCode, Severity, ValidationResult } from './validate/diagnostic';
export { validateDocument } from './validate/validate';
