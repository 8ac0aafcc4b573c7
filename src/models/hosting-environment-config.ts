/**
 * `HostingEnvironmentConfig`: the response of `GET …?comp=config&type=hostingEnvironmentConfig`.
 * Interfaces generated from `schemas/hosting-environment-config.xsd` once, then kept in step by test/parity.test.ts:
 * property names are the XML element and attribute names; values are strings as sent.
 * @module
 */
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
  readonly StoredCertificates?: HostingEnvironmentConfigStoredCertificates;
  /** The classic deployment: its name is the tenant name WALinuxAgent puts in telemetry (TenantName). */
  readonly Deployment?: HostingEnvironmentConfigDeployment;
  /** The role instance this document is for. */
  readonly Incarnation: HostingEnvironmentConfigIncarnation;
  /** The role: its name is the RoleName WALinuxAgent reports in telemetry. */
  readonly Role?: HostingEnvironmentConfigRole;
  /** Settings of the hosting environment (cloud services). */
  readonly HostingEnvironmentSettings?: HostingEnvironmentConfigHostingEnvironmentSettings;
  /** Name/value settings of the role (cloud services); values may hold escaped XML (__ModelData) or storage connection strings. */
  readonly ApplicationSettings?: HostingEnvironmentConfigApplicationSettings;
  /** Local resources (cloud services). */
  readonly ResourceReferences?: HostingEnvironmentConfigResourceReferences;
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

/**
 * `HostingEnvironmentConfig/ApplicationSettings`: Name/value settings of the role (cloud services); values may hold escaped XML (__ModelData) or storage connection strings.
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigApplicationSettings {
  /** One setting. */
  readonly Setting: readonly HostingEnvironmentConfigApplicationSettingsSetting[];
}

/**
 * `HostingEnvironmentConfig/ApplicationSettings/Setting`: One setting.
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigApplicationSettingsSetting {
  /** Setting name, e.g. __ModelData or Microsoft.WindowsAzure.Plugins.RemoteForwarder.Enabled. (attribute) */
  readonly name: string;
  /** Setting value, any text. (attribute) */
  readonly value?: string;
}

/**
 * `HostingEnvironmentConfig/HostingEnvironmentSettings`: Settings of the hosting environment (cloud services).
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigHostingEnvironmentSettings {
  /** Seen "full". (attribute) */
  readonly name?: string;
  /** Runtime package name. (attribute) */
  readonly runtime?: string;
  /** The capitalised spelling of runtime (protocol.md §8 item 16). (attribute) */
  readonly Runtime?: string;
  /** Code-access security; seen mode "full". */
  readonly CAS?: HostingEnvironmentConfigHostingEnvironmentSettingsCAS;
  /** Role privilege level; seen mode "max". */
  readonly PrivilegeLevel?: HostingEnvironmentConfigHostingEnvironmentSettingsPrivilegeLevel;
  /** Opaque properties (e.g. an empty CgiHandlers element). */
  readonly AdditionalProperties?: string;
}

/**
 * `HostingEnvironmentConfig/HostingEnvironmentSettings/PrivilegeLevel`: Role privilege level; seen mode "max".
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigHostingEnvironmentSettingsPrivilegeLevel {
  /** Seen "max". (attribute) */
  readonly mode?: string;
}

/**
 * `HostingEnvironmentConfig/HostingEnvironmentSettings/CAS`: Code-access security; seen mode "full".
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigHostingEnvironmentSettingsCAS {
  /** Seen "full". (attribute) */
  readonly mode?: string;
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
 * `HostingEnvironmentConfig/Incarnation`: The role instance this document is for.
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigIncarnation {
  /** The incarnation number; equal to the goal-state incarnation. (attribute) */
  readonly number?: string;
  /** The role instance name: "_<vmname>" on VMs, "<Role>_IN_<n>" in cloud services. (attribute) */
  readonly instance?: string;
  /** A GUID in braces identifying the incarnation. (attribute) */
  readonly guid?: string;
}

/**
 * `HostingEnvironmentConfig/Deployment`: The classic deployment: its name is the tenant name WALinuxAgent puts in telemetry (TenantName).
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigDeployment {
  /** Deployment name (32 hex digits); WALinuxAgent reports it as TenantName. (attribute) */
  readonly name?: string;
  /** Deployment GUID in braces. (attribute) */
  readonly guid?: string;
  /** Deployment incarnation, a decimal counter. (attribute) */
  readonly incarnation?: string;
  /** The hosted service of the deployment. */
  readonly Service: readonly HostingEnvironmentConfigDeploymentService[];
  /** The service instance of the deployment. */
  readonly ServiceInstance: readonly HostingEnvironmentConfigDeploymentServiceInstance[];
}

/**
 * `HostingEnvironmentConfig/Deployment/ServiceInstance`: The service instance of the deployment.
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigDeploymentServiceInstance {
  /** Instance name, "<deployment>.<n>". (attribute) */
  readonly name?: string;
  /** Instance GUID in braces. (attribute) */
  readonly guid?: string;
}

/**
 * `HostingEnvironmentConfig/Deployment/Service`: The hosted service of the deployment.
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigDeploymentService {
  /** Service name. (attribute) */
  readonly name?: string;
  /** Service GUID in braces; seen the zero GUID. (attribute) */
  readonly guid?: string;
}

/**
 * `HostingEnvironmentConfig/StoredCertificates`: The certificates the fabric delivered in the CertificateFile, by name and thumbprint.
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigStoredCertificates {
  /** One certificate the VM holds. */
  readonly StoredCertificate: readonly HostingEnvironmentConfigStoredCertificatesStoredCertificate[];
}

/**
 * `HostingEnvironmentConfig/StoredCertificates/StoredCertificate`: One certificate the VM holds.
 * @category HostingEnvironmentConfig
 */
export interface HostingEnvironmentConfigStoredCertificatesStoredCertificate {
  /** The certificate's role name, e.g. TenantEncryptionCert or Cert0My. (attribute) */
  readonly name: string;
  /** "sha1:" and the upper-case SHA-1 thumbprint; it matches a certificate of the decrypted CertificateFile PFX (protocol.md §4.8). (attribute) */
  readonly certificateId: string;
  /** The Windows certificate store; seen "My". (attribute) */
  readonly storeName?: string;
  /** Seen "System". (attribute) */
  readonly configurationLevel?: string;
}

const SPEC: NodeSpec = { attrs: ['version', 'goalStateIncarnation'], requiredAttrs: ['version'], children: {
    StoredCertificates: { spec: {
      children: {
        StoredCertificate: { spec: { attrs: ['name', 'certificateId', 'storeName', 'configurationLevel'], requiredAttrs: ['name', 'certificateId'] }, many: true },
      }
    } },
    Deployment: { spec: { attrs: ['name', 'guid', 'incarnation'], children: {
        Service: { spec: { attrs: ['name', 'guid'] }, many: true },
        ServiceInstance: { spec: { attrs: ['name', 'guid'] }, many: true },
      }
    } },
    Incarnation: { spec: { attrs: ['number', 'instance', 'guid'] }, required: true },
    Role: { spec: { attrs: ['guid', 'name', 'hostingEnvironmentVersion', 'software', 'softwareType', 'entryPoint', 'parameters', 'settleTimeSeconds'] } },
    HostingEnvironmentSettings: { spec: { attrs: ['name', 'runtime', 'Runtime'], children: {
        CAS: { spec: { attrs: ['mode'] } },
        PrivilegeLevel: { spec: { attrs: ['mode'] } },
        AdditionalProperties: {  },
      }
    } },
    ApplicationSettings: { spec: {
      children: {
        Setting: { spec: { attrs: ['name', 'value'], requiredAttrs: ['name'] }, many: true },
      }
    } },
    ResourceReferences: { spec: {
      children: {
        Resource: { spec: { attrs: ['name', 'type', 'request', 'sticky', 'size', 'path', 'disableQuota'] }, many: true },
      }
    } },
  }
};

/**
 * Parses a `HostingEnvironmentConfig` document.
 * @param xml - The document text.
 * @category HostingEnvironmentConfig
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseHostingEnvironmentConfig(xml: string): HostingEnvironmentConfig {
  return readDocument(xml, 'HostingEnvironmentConfig', SPEC) as unknown as HostingEnvironmentConfig;
}
