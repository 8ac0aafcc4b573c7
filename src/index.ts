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
export { CONFIG_INPUT_ENDPOINTS_SPEC, CONFIG_OUTPUT_ENDPOINTS_SPEC, CONFIG_APPLICATION_SETTINGS_SPEC, CONFIG_HOSTING_ENVIRONMENT_SETTINGS_SPEC, CONFIG_INCARNATION_SPEC, CONFIG_DEPLOYMENT_SPEC, CONFIG_STORED_CERTIFICATES_SPEC, type ConfigStoredCertificates, type ConfigStoredCertificatesStoredCertificate, type ConfigDeployment, type ConfigDeploymentService, type ConfigDeploymentServiceInstance, type ConfigIncarnation, type ConfigHostingEnvironmentSettings, type ConfigHostingEnvironmentSettingsCAS, type ConfigHostingEnvironmentSettingsPrivilegeLevel, type ConfigApplicationSettings, type ConfigApplicationSettingsSetting, type ConfigOutputEndpoints, type ConfigOutputEndpointsEndpoint, type ConfigOutputEndpointsEndpointTarget, type ConfigInputEndpoints, type ConfigInputEndpointsEndpoint, type ConfigInputEndpointsEndpointLocalPorts, type ConfigInputEndpointsEndpointLocalPortsLocalPortRange } from './models/config-parts';
export { parseHostingEnvironmentConfig, type HostingEnvironmentConfig, type HostingEnvironmentConfigRole, type HostingEnvironmentConfigResourceReferences, type HostingEnvironmentConfigResourceReferencesResource } from './models/hosting-environment-config';
export { parseSharedConfig, type SharedConfig, type SharedConfigRole, type SharedConfigLoadBalancerSettings, type SharedConfigLoadBalancerSettingsProbes, type SharedConfigLoadBalancerSettingsProbesProbe, type SharedConfigInstances, type SharedConfigInstancesInstance, type SharedConfigInstancesInstanceFaultDomains } from './models/shared-config';
export { parseExtensions, type Extensions, type ExtensionsGuestAgentExtension, type ExtensionsGuestAgentExtensionGAFamilies, type ExtensionsGuestAgentExtensionGAFamiliesGAFamily, type ExtensionsGuestAgentExtensionGAFamiliesGAFamilyUris, type ExtensionsRequiredFeatures, type ExtensionsRequiredFeaturesRequiredFeature, type ExtensionsStatusUploadBlob, type ExtensionsPlugins, type ExtensionsPluginsPlugin, type ExtensionsPluginsPluginadditionalLocations, type ExtensionsPluginSettings, type ExtensionsPluginSettingsPlugin, type ExtensionsPluginSettingsPluginDependsOn, type ExtensionsPluginSettingsPluginDependsOnDependsOnExtension, type ExtensionsPluginSettingsPluginRuntimeSettings, type ExtensionsPluginSettingsPluginExtensionRuntimeSettings, type ExtensionsInVMGoalStateMetaData, type ExtensionsHealthProbe } from './models/extensions';
export { parseRDConfig, type RDConfig, type RDConfigRole, type RDConfigInstances, type RDConfigInstancesInstance, type RDConfigInstancesInstanceFaultDomains, type RDConfigNeighborhoods, type RDConfigNeighborhoodsNeighborhood } from './models/rd-config';
export { parseErrorBody, type ErrorBody } from './models/error-body';
export { parseTelemetryData, serializeTelemetryData, type TelemetryData, type TelemetryDataProvider, type TelemetryDataProviderEvent } from './models/telemetry-data';
export { parseRoleProperties, serializeRoleProperties, type RoleProperties, type RolePropertiesContainer, type RolePropertiesContainerRoleInstances, type RolePropertiesContainerRoleInstancesRoleInstance, type RolePropertiesContainerRoleInstancesRoleInstanceProperties, type RolePropertiesContainerRoleInstancesRoleInstancePropertiesProperty } from './models/role-properties';
export { parsePluginVersionManifest, type PluginVersionManifest, type PluginVersionManifestPlugins, type PluginVersionManifestPluginsPlugin, type PluginVersionManifestPluginsPluginUris } from './models/plugin-version-manifest';
export { PKCS7_PFX_FORMAT, parseCertificateFile, type CertificateFile } from './models/certificate-file';
export { parseRemoteAccess, type RemoteAccess, type RemoteAccessUser } from './models/remote-access';
export { OVF_NAMESPACE, WA_NAMESPACE, linuxConfigurationSet, parseOvfEnv, type LinuxProvisioningConfigurationSet, type WindowsProvisioningConfigurationSet, type OvfEnv, type OvfKeyPair, type OvfPlatformSettings, type OvfPublicKey } from './models/ovf-env';
export { HOST_GA_PLUGIN_PORT, KNOWN_WIRESERVER_IP, WIRESERVER_PORT, parseEndpoint, type Endpoint } from './discovery/endpoint';
export { defaultLeaseFiles, discoverEndpoint, parseDhclientLeases, parseDhcpReply, parseNetworkdLease, type DhcpReplyOptions, type DiscoveredEndpoint, type DiscoveryOptions, type DiscoverySource } from './discovery/dhcp';
export { decryptEnvelopedData, encryptEnvelopedData, subjectKeyIdentifier, type EnvelopedContent } from './crypto/cms';
export { CERTIFICATE_CIPHERS, MAX_HEALTH_DESCRIPTION_LENGTH, type CertificateCipher } from './protocol-limits';
export { createPkcs12, thumbprint, unpackPkcs12, type PfxCertificate } from './crypto/pkcs12';
export { createTransportCredentials, transportCertificateHeader, type TransportCredentials, type TransportOptions } from './crypto/transport';
export { opensshFingerprint, opensshPublicKey } from './crypto/ssh';
export { decryptCertificateFile, decryptRemoteAccessPassword, resolveSshKeys, type CertificateBundle, type ResolvedSshKey } from './crypto/certificates';
export { WireServerHttpError, redactUrl } from './http/http-error';
export { httpRequest, type HttpRequest, type HttpResponse } from './http/request';
export { DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, isRetryable, retryDelay, withRetry, type RetryPolicy } from './http/retry';
export { LINKED_DOCUMENTS, findLinkedDocument, linkedDocumentUrl, type LinkedDocument, type LinkedDocumentName } from './client/documents';
export { DEFAULT_AGENT_NAME, DEFAULT_AGENT_VERSION, HOST_GA_PLUGIN_API_VERSION, WireServerClient, type GoalStateUpdate, type VmSettingsResponse, type WireServerClientOptions } from './client/wireserver-client';
export { provision, type ProvisionOptions, type ProvisioningData } from './client/provision';
export { MockWireServer, type MockReport, type MockRequest, type MockWireServerOptions } from './mock/mock-wireserver';
export { FaultQueue, type MockFault, type MockRoute, type ScriptedFault } from './mock/faults';
export { DEFAULT_EXAMPLES_DIR, EXAMPLE_CONTAINER_ID, EXAMPLE_INSTANCE_ID, GONE_BODY, errorBody, type MockVmState } from './mock/documents';
export { JsonSyntaxError, looksLikeJson, scanJson, validateJsonText, type JsonSchemaLoader, type ScannedJson } from './validate/json-core';
export { validateJsonDocument } from './validate/json-engine';
export type { Diagnostic, DiagnosticCode, Severity, ValidationResult } from './validate/diagnostic';
export { validateDocument } from './validate/validate';
