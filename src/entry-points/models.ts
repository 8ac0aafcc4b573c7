/**
 * Every document model, one namespace per document (`wireserver-spec/models`): the nested types
 * keep the names their schema gives them (`goalState.RoleInstance`, `extensions.ExtensionPlugin`),
 * which repeat between documents, so each document has its own namespace. The package root exports
 * the root types and their `parse…`/`serialize…` functions.
 * @module
 */
export * as certificateFile from '../models/certificate-file';
export * as errorBody from '../models/error-body';
export * as extensions from '../models/extensions';
export * as goalState from '../models/goal-state';
export * as health from '../models/health';
export * as hostingEnvironmentConfig from '../models/hosting-environment-config';
export * as ovfEnv from '../models/ovf-env';
export * as pluginVersionManifest from '../models/plugin-version-manifest';
export * as rdConfig from '../models/rd-config';
export * as remoteAccess from '../models/remote-access';
export * as roleProperties from '../models/role-properties';
export * as sharedConfig from '../models/shared-config';
export * as telemetryData from '../models/telemetry-data';
export * as versions from '../models/versions';
export type { VmSettings } from '../models/generated/vm-settings';
export type { InVMArtifactsProfile } from '../models/generated/in-vm-artifacts-profile';
export type { RuntimeSettings } from '../models/generated/runtime-settings';
export type { ProvisioningHealth } from '../models/generated/provisioning-health';
