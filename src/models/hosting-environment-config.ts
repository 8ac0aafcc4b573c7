/**
 * `HostingEnvironmentConfig`: the response of `GET …?comp=config&type=hostingEnvironmentConfig`.
 * Property names are the XML element and attribute names; values are strings as sent.
 * test/parity.test.ts keeps these interfaces in step with `schemas/hosting-environment-config.xsd`.
 * @module
 */
import { CONFIG_APPLICATION_SETTINGS_SPEC, CONFIG_DEPLOYMENT_SPEC, CONFIG_HOSTING_ENVIRONMENT_SETTINGS_SPEC, CONFIG_INCARNATION_SPEC, CONFIG_STORED_CERTIFICATES_SPEC, type ConfigApplicationSettings, type ConfigDeployment, type ConfigHostingEnvironmentSettings, type ConfigIncarnation, type ConfigStoredCertificates } from './config-parts';
import { readDocument, type NodeSpec } from './element-reader';

/**
 * Configuration of the hosting environment, linked from GoalState Configuration/HostingEnvironmentConfig. Real modern captures hold only StoredCertificates and Incarnation; the classic full form (Deployment, Role, settings) comes from cloud services, so everything is optional and order is kept as observed.
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfig {
  /** The HostingEnvironmentConfig format version; always "1.0.0.0". (attribute) */
  readonly version: string;
  /** The goal-state incarnation this document belongs to; equal to GoalState/Incarnation. (attribute) */
  readonly goalStateIncarnation?: string;
  /** The certificates the fabric delivered in the CertificateFile, by name and thumbprint. */
  readonly StoredCertificates?: ConfigStoredCertificates;
  /** The classic deployment: its name is the tenant name WALinuxAgent puts in telemetry (TenantName). */
  readonly Deployment?: ConfigDeployment;
  /** The role instance this document is for. */
  readonly Incarnation: ConfigIncarnation;
  /** The role: its name is the RoleName WALinuxAgent reports in telemetry. */
  readonly Role?: HostingEnvironmentConfigRole;
  /** Settings of the hosting environment (cloud services). */
  readonly HostingEnvironmentSettings?: ConfigHostingEnvironmentSettings;
  /** Name/value settings of the role (cloud services); values may hold escaped XML (__ModelData) or storage connection strings. */
  readonly ApplicationSettings?: ConfigApplicationSettings;
  /** Local resources (cloud services). */
  readonly ResourceReferences?: HostingEnvironmentConfigResourceReferences;
}

/**
 * `HostingEnvironmentConfig/Role`: The role: its name is the RoleName WALinuxAgent reports in telemetry.
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigRole {
  /** Role GUID in braces. (attribute) */
  readonly guid?: string;
  /** Role name, e.g. MachineRole. (attribute) */
  readonly name?: string;
  /** Seen "1" (hosting environment version). (attribute) */
  readonly hostingEnvironmentVersion?: string;
  /** Software package; seen empty. (attribute) */
  readonly software?: string;
  /** Seen "ApplicationPackage". (attribute) */
  readonly softwareType?: string;
  /** Seen empty. (attribute) */
  readonly entryPoint?: string;
  /** Seen empty. (attribute) */
  readonly parameters?: string;
  /** Seconds to settle; seen 10. (attribute) */
  readonly settleTimeSeconds?: string;
}

/**
 * `HostingEnvironmentConfig/ResourceReferences`: Local resources (cloud services).
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigResourceReferences {
  /** One local resource. */
  readonly Resource: readonly HostingEnvironmentConfigResourceReferencesResource[];
}

/**
 * `HostingEnvironmentConfig/ResourceReferences/Resource`: One local resource.
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigResourceReferencesResource {
  /** Resource name, e.g. DiagnosticStore. (attribute) */
  readonly name?: string;
  /** Seen "directory". (attribute) */
  readonly type?: string;
  /** Request policy name. (attribute) */
  readonly request?: string;
  /** Whether it survives reimage. (attribute) */
  readonly sticky?: string;
  /** Size in MB. (attribute) */
  readonly size?: string;
  /** Local path. (attribute) */
  readonly path?: string;
  /** Quota flag. (attribute) */
  readonly disableQuota?: string;
}

const HOSTING_ENVIRONMENT_CONFIG_RESOURCE_REFERENCES_RESOURCE_SPEC: NodeSpec = { attrs: ['name', 'type', 'request', 'sticky', 'size', 'path', 'disableQuota'] };

const HOSTING_ENVIRONMENT_CONFIG_RESOURCE_REFERENCES_SPEC: NodeSpec = { children: {
  Resource: { spec: HOSTING_ENVIRONMENT_CONFIG_RESOURCE_REFERENCES_RESOURCE_SPEC, many: true },
} };

const HOSTING_ENVIRONMENT_CONFIG_ROLE_SPEC: NodeSpec = { attrs: ['guid', 'name', 'hostingEnvironmentVersion', 'software', 'softwareType', 'entryPoint', 'parameters', 'settleTimeSeconds'] };

const SPEC: NodeSpec = { attrs: ['version', 'goalStateIncarnation'], requiredAttrs: ['version'], children: {
  StoredCertificates: { spec: CONFIG_STORED_CERTIFICATES_SPEC },
  Deployment: { spec: CONFIG_DEPLOYMENT_SPEC },
  Incarnation: { spec: CONFIG_INCARNATION_SPEC, required: true },
  Role: { spec: HOSTING_ENVIRONMENT_CONFIG_ROLE_SPEC },
  HostingEnvironmentSettings: { spec: CONFIG_HOSTING_ENVIRONMENT_SETTINGS_SPEC },
  ApplicationSettings: { spec: CONFIG_APPLICATION_SETTINGS_SPEC },
  ResourceReferences: { spec: HOSTING_ENVIRONMENT_CONFIG_RESOURCE_REFERENCES_SPEC },
} };

/**
 * Parses a `HostingEnvironmentConfig` document.
 * @param xml - The document text.
 * @category HostingEnvironmentConfig
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseHostingEnvironmentConfig(xml: string): HostingEnvironmentConfig {
  return readDocument(xml, 'HostingEnvironmentConfig', SPEC) as unknown as HostingEnvironmentConfig;
}
