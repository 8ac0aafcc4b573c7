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
export { parseHostingEnvironmentConfig, type HostingEnvironmentConfig, type HostingEnvironmentConfigResourceReferences, type HostingEnvironmentConfigResourceReferencesResource, type HostingEnvironmentConfigApplicationSettings, type HostingEnvironmentConfigApplicationSettingsSetting, type HostingEnvironmentConfigHostingEnvironmentSettings, type HostingEnvironmentConfigHostingEnvironmentSettingsPrivilegeLevel, type HostingEnvironmentConfigHostingEnvironmentSettingsCAS, type HostingEnvironmentConfigRole, type HostingEnvironmentConfigIncarnation, type HostingEnvironmentConfigDeployment, type HostingEnvironmentConfigDeploymentServiceInstance, type HostingEnvironmentConfigDeploymentService, type HostingEnvironmentConfigStoredCertificates, type HostingEnvironmentConfigStoredCertificatesStoredCertificate } from './models/hosting-environment-config';
export { parseSharedConfig, type SharedConfig, type SharedConfigInstances, type SharedConfigInstancesInstance, type SharedConfigInstancesInstanceInputEndpoints, type SharedConfigInstancesInstanceInputEndpointsEndpoint, type SharedConfigInstancesInstanceInputEndpointsEndpointLocalPorts, type SharedConfigInstancesInstanceInputEndpointsEndpointLocalPortsLocalPortRange, type SharedConfigInstancesInstanceFaultDomains, type SharedConfigOutputEndpoints, type SharedConfigOutputEndpointsEndpoint, type SharedConfigOutputEndpointsEndpointTarget, type SharedConfigLoadBalancerSettings, type SharedConfigLoadBalancerSettingsProbes, type SharedConfigLoadBalancerSettingsProbesProbe, type SharedConfigRole, type SharedConfigIncarnation, type SharedConfigDeployment, type SharedConfigDeploymentServiceInstance, type SharedConfigDeploymentService } from './models/shared-config';
export { parseExtensions, type Extensions, type ExtensionsHealthProbe, type ExtensionsInVMGoalStateMetaData, type ExtensionsInVMArtifactsProfileBlob, type ExtensionsPluginSettings, type ExtensionsPluginSettingsPlugin, type ExtensionsPluginSettingsPluginExtensionRuntimeSettings, type ExtensionsPluginSettingsPluginRuntimeSettings, type ExtensionsPluginSettingsPluginDependsOn, type ExtensionsPluginSettingsPluginDependsOnDependsOnExtension, type ExtensionsPlugins, type ExtensionsPluginsPlugin, type ExtensionsPluginsPluginadditionalLocations, type ExtensionsStatusUploadBlob, type ExtensionsRequiredFeatures, type ExtensionsRequiredFeaturesRequiredFeature, type ExtensionsGuestAgentExtension, type ExtensionsGuestAgentExtensionGAFamilies, type ExtensionsGuestAgentExtensionGAFamiliesGAFamily, type ExtensionsGuestAgentExtensionGAFamiliesGAFamilyUris } from './models/extensions';
export { parseRDConfig, type RDConfig, type RDConfigNeighborhoods, type RDConfigNeighborhoodsNeighborhood, type RDConfigInstances, type RDConfigInstancesInstance, type RDConfigInstancesInstanceInputEndpoints, type RDConfigInstancesInstanceInputEndpointsEndpoint, type RDConfigInstancesInstanceInputEndpointsEndpointLocalPorts, type RDConfigInstancesInstanceInputEndpointsEndpointLocalPortsLocalPortRange, type RDConfigInstancesInstanceFaultDomains, type RDConfigOutputEndpoints, type RDConfigOutputEndpointsEndpoint, type RDConfigOutputEndpointsEndpointTarget, type RDConfigApplicationSettings, type RDConfigApplicationSettingsSetting, type RDConfigHostingEnvironmentSettings, type RDConfigHostingEnvironmentSettingsPrivilegeLevel, type RDConfigHostingEnvironmentSettingsCAS, type RDConfigRole, type RDConfigIncarnation, type RDConfigDeployment, type RDConfigDeploymentServiceInstance, type RDConfigDeploymentService, type RDConfigStoredCertificates, type RDConfigStoredCertificatesStoredCertificate } from './models/rd-config';
export { parseErrorBody, type ErrorBody } from './models/error-body';
export { parseTelemetryData, serializeTelemetryData, type TelemetryData, type TelemetryDataProvider, type TelemetryDataProviderEvent } from './models/telemetry-data';
export { parseRoleProperties, serializeRoleProperties, type RoleProperties, type RolePropertiesContainer, type RolePropertiesContainerRoleInstances, type RolePropertiesContainerRoleInstancesRoleInstance, type RolePropertiesContainerRoleInstancesRoleInstanceProperties, type RolePropertiesContainerRoleInstancesRoleInstancePropertiesProperty } from './models/role-properties';
export { parsePluginVersionManifest, type PluginVersionManifest, type PluginVersionManifestInternalPlugins, type PluginVersionManifestInternalPluginsPlugin, type PluginVersionManifestInternalPluginsPluginUris, type PluginVersionManifestPlugins, type PluginVersionManifestPluginsPlugin, type PluginVersionManifestPluginsPluginUris } from './models/plugin-version-manifest';
export { JsonSyntaxError, looksLikeJson, scanJson, validateJsonDocument, type ScannedJson } from './validate/json-engine';
export type { Diagnostic, DiagnosticCode, Severity, ValidationResult } from './validate/diagnostic';
export { validateDocument } from './validate/validate';
