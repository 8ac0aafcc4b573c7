/**
 * wireserver-spec: the reference client, typed models and validation for the Azure WireServer guest
 * protocol. This is the whole public surface of the package root, every name on purpose:
 *
 * - the client: {@link WireServerClient}, {@link provision}, {@link discoverEndpoint} and the
 *   certificate helpers a provisioning agent needs;
 * - the document models, generated from the XSDs and JSON Schemas, with their `parse…` and
 *   `serialize…` functions;
 * - {@link validate}, which checks a captured document against the spec.
 *
 * The mock WireServer (`wireserver-spec/mock`) and the full validator (`wireserver-spec/validate`) have
 * their own entry points; every model type of every document is in `wireserver-spec/models`.
 * @module
 */

// Errors
export { WireServerError, isWireServerError, type WireServerErrorCode } from './errors';

// The client
export { WireServerClient, type GoalStateUpdate, type WireServerClientOptions } from './client/wireserver-client';
export type { VmSettingsResponse } from './client/hostgaplugin';
export { provision, type ProvisionOptions, type ProvisioningData } from './client/provision';
export { defaultLeaseFiles, discoverEndpoint, type DiscoveredEndpoint, type DiscoveryOptions } from './discovery/dhcp';
export { parseEndpoint, type Endpoint } from './discovery/endpoint';
export { createTransportCredentials, transportCertificateHeader, type TransportCredentials } from './crypto/transport';
export { decryptCertificateFile, decryptRemoteAccessPassword, resolveSshKeys, type CertificateBundle } from './crypto/certificates';

// The WireServer documents
export { WIRE_PROTOCOL_VERSION, parseVersions, supportsVersion, type Versions } from './models/versions';
export { parseGoalState, type GoalState, type RoleInstance } from './models/goal-state';
export { parseHostingEnvironmentConfig, type HostingEnvironmentConfig } from './models/hosting-environment-config';
export { parseSharedConfig, type SharedConfig } from './models/shared-config';
export { parseExtensions, type Extensions } from './models/extensions';
export { parseRDConfig, type RDConfig } from './models/rd-config';
export { parseCertificateFile, type CertificateFile } from './models/certificate-file';
export { parseRemoteAccess, type RemoteAccess } from './models/remote-access';
export { parseErrorBody, type ErrorBody } from './models/error-body';
export { parsePluginVersionManifest, type PluginVersionManifest } from './models/plugin-version-manifest';

// The documents a guest sends
export { parseHealth, serializeHealth, trimHealthDescription, type Health, type HealthState, type HealthSubStatus } from './models/health';
export { parseTelemetryData, serializeTelemetryData, type TelemetryData } from './models/telemetry-data';
export { parseRoleProperties, serializeRoleProperties, type RoleProperties } from './models/role-properties';

// The provisioning media
export { linuxConfigurationSet, parseOvfEnv, type LinuxProvisioningConfigurationSet, type OvfEnv } from './models/ovf-env';

// The JSON documents (types generated from their JSON Schemas)
export type { VmSettings } from './models/generated/vm-settings';
export type { InVMArtifactsProfile } from './models/generated/in-vm-artifacts-profile';
export type { RuntimeSettings } from './models/generated/runtime-settings';
export type { ProvisioningHealth } from './models/generated/provisioning-health';

// Validation
export { validateDocument as validate } from './validate/validate';
export type { Diagnostic, ValidationResult } from './validate/diagnostic';
