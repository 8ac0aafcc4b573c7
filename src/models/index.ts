/**
 * Every document model, one namespace per document (`wireserver-spec/models`): the nested types
 * keep the names their schema gives them (`goalState.RoleInstance`, `extensions.ExtensionPlugin`),
 * which repeat between documents, so each document has its own namespace. The package root exports
 * the root types and their `parse…`/`serialize…` functions.
 * @module
 */
export * as certificateFile from './certificate-file';
export * as errorBody from './error-body';
export * as extensions from './extensions';
export * as goalState from './goal-state';
export * as health from './health';
export * as hostingEnvironmentConfig from './hosting-environment-config';
export * as ovfEnv from './ovf-env';
export * as pluginVersionManifest from './plugin-version-manifest';
export * as rdConfig from './rd-config';
export * as remoteAccess from './remote-access';
export * as roleProperties from './role-properties';
export * as sharedConfig from './shared-config';
export * as telemetryData from './telemetry-data';
export * as versions from './versions';
export type { VmSettings } from './generated/vm-settings';
export type { InVMArtifactsProfile } from './generated/in-vm-artifacts-profile';
export type { RuntimeSettings } from './generated/runtime-settings';
export type { ProvisioningHealth } from './generated/provisioning-health';
