/**
 * Parts shared by the fabric configuration documents (HostingEnvironmentConfig, SharedConfig and
 * RDConfig): the same element, with the same content, in each of them.
 * @module
 */
import type { NodeSpec } from './element-reader';

/**
 * `StoredCertificates` of HostingEnvironmentConfig, SharedConfig or RDConfig: The certificates the fabric delivered in the CertificateFile, by name and thumbprint.
 * @category Configuration documents
 */
export interface ConfigStoredCertificates {
  /** One certificate the VM holds. */
  readonly StoredCertificate: readonly ConfigStoredCertificatesStoredCertificate[];
}

/**
 * `StoredCertificates/StoredCertificate` of HostingEnvironmentConfig, SharedConfig or RDConfig: One certificate the VM holds.
 * @category Configuration documents
 */
export interface ConfigStoredCertificatesStoredCertificate {
  /** The certificate's role name, e.g. TenantEncryptionCert or Cert0My. (attribute) */
  readonly name: string;
  /** "sha1:" and the upper-case SHA-1 thumbprint; it matches a certificate of the decrypted CertificateFile PFX (https://github.com/Azure/WALinuxAgent/blob/a976115fd7254f4f9f54cc33528f0817b07b7976/azurelinuxagent/common/protocol/goal_state.py, class Certificates). (attribute) */
  readonly certificateId: string;
  /** The Windows certificate store; seen "My". (attribute) */
  readonly storeName?: string;
  /** Seen "System". (attribute) */
  readonly configurationLevel?: string;
}

/**
 * `Deployment` of HostingEnvironmentConfig, SharedConfig or RDConfig: The classic deployment: its name is the tenant name WALinuxAgent puts in telemetry (TenantName).
 * @category Configuration documents
 */
export interface ConfigDeployment {
  /** Deployment name (32 hex digits); WALinuxAgent reports it as TenantName. (attribute) */
  readonly name?: string;
  /** Deployment GUID in braces. (attribute) */
  readonly guid?: string;
  /** Deployment incarnation, a decimal counter. (attribute) */
  readonly incarnation?: string;
  /** Whether a topology change of the deployment may not be cancelled; "false" in the 2016 capture. (attribute) */
  readonly isNonCancellableTopologyChangeEnabled?: string;
  /** The hosted service of the deployment. */
  readonly Service: readonly ConfigDeploymentService[];
  /** The service instance of the deployment. */
  readonly ServiceInstance: readonly ConfigDeploymentServiceInstance[];
}

/**
 * `Deployment/Service` of HostingEnvironmentConfig, SharedConfig or RDConfig: The hosted service of the deployment.
 * @category Configuration documents
 */
export interface ConfigDeploymentService {
  /** Service name. (attribute) */
  readonly name?: string;
  /** Service GUID in braces; seen the zero GUID. (attribute) */
  readonly guid?: string;
}

/**
 * `Deployment/ServiceInstance` of HostingEnvironmentConfig, SharedConfig or RDConfig: The service instance of the deployment.
 * @category Configuration documents
 */
export interface ConfigDeploymentServiceInstance {
  /** Instance name, "`<deployment>`.`<n>`". (attribute) */
  readonly name?: string;
  /** Instance GUID in braces. (attribute) */
  readonly guid?: string;
}

/**
 * `Incarnation` of HostingEnvironmentConfig, SharedConfig or RDConfig: The role instance this document is for.
 * @category Configuration documents
 */
export interface ConfigIncarnation {
  /** The incarnation number; equal to the goal-state incarnation. (attribute) */
  readonly number?: string;
  /** The role instance name: "_`<vmname>`" on VMs, "`<Role>`_IN_`<n>`" in cloud services. (attribute) */
  readonly instance?: string;
  /** A GUID in braces identifying the incarnation. (attribute) */
  readonly guid?: string;
}

/**
 * `HostingEnvironmentSettings` of HostingEnvironmentConfig, SharedConfig or RDConfig: Settings of the hosting environment (cloud services).
 * @category Configuration documents
 */
export interface ConfigHostingEnvironmentSettings {
  /** Seen "full". (attribute) */
  readonly name?: string;
  /** Runtime package name. (attribute) */
  readonly runtime?: string;
  /** The capitalised spelling of runtime (https://github.com/Azure/WALinuxAgent/blob/a976115fd7254f4f9f54cc33528f0817b07b7976/tests/data/wire/hosting_env.xml). (attribute) */
  readonly Runtime?: string;
  /** Code-access security; seen mode "full". */
  readonly CAS?: ConfigHostingEnvironmentSettingsCAS;
  /** Role privilege level; seen mode "max". */
  readonly PrivilegeLevel?: ConfigHostingEnvironmentSettingsPrivilegeLevel;
  /** Opaque properties (e.g. an empty CgiHandlers element). */
  readonly AdditionalProperties?: string;
}

/**
 * `HostingEnvironmentSettings/CAS` of HostingEnvironmentConfig, SharedConfig or RDConfig: Code-access security; seen mode "full".
 * @category Configuration documents
 */
export interface ConfigHostingEnvironmentSettingsCAS {
  /** Seen "full". (attribute) */
  readonly mode?: string;
}

/**
 * `HostingEnvironmentSettings/PrivilegeLevel` of HostingEnvironmentConfig, SharedConfig or RDConfig: Role privilege level; seen mode "max".
 * @category Configuration documents
 */
export interface ConfigHostingEnvironmentSettingsPrivilegeLevel {
  /** Seen "max". (attribute) */
  readonly mode?: string;
}

/**
 * `ApplicationSettings` of HostingEnvironmentConfig, SharedConfig or RDConfig: Name/value settings of the role (cloud services); values may hold escaped XML (__ModelData) or storage connection strings.
 * @category Configuration documents
 */
export interface ConfigApplicationSettings {
  /** One setting. */
  readonly Setting: readonly ConfigApplicationSettingsSetting[];
}

/**
 * `ApplicationSettings/Setting` of HostingEnvironmentConfig, SharedConfig or RDConfig: One setting.
 * @category Configuration documents
 */
export interface ConfigApplicationSettingsSetting {
  /** Setting name, e.g. __ModelData or Microsoft.WindowsAzure.Plugins.RemoteForwarder.Enabled. (attribute) */
  readonly name: string;
  /** Setting value, any text. (attribute) */
  readonly value?: string;
}

/**
 * `OutputEndpoints` of HostingEnvironmentConfig, SharedConfig or RDConfig: Endpoints this role connects to (cloud services).
 * @category Configuration documents
 */
export interface ConfigOutputEndpoints {
  /** One output endpoint. */
  readonly Endpoint: readonly ConfigOutputEndpointsEndpoint[];
}

/**
 * `OutputEndpoints/Endpoint` of HostingEnvironmentConfig, SharedConfig or RDConfig: One output endpoint.
 * @category Configuration documents
 */
export interface ConfigOutputEndpointsEndpoint {
  /** Endpoint name "`<Role>`:`<endpoint>`". (attribute) */
  readonly name?: string;
  /** Seen "SFS". (attribute) */
  readonly type?: string;
  /** The instance and endpoint it targets. */
  readonly Target: readonly ConfigOutputEndpointsEndpointTarget[];
}

/**
 * `OutputEndpoints/Endpoint/Target` of HostingEnvironmentConfig, SharedConfig or RDConfig: The instance and endpoint it targets.
 * @category Configuration documents
 */
export interface ConfigOutputEndpointsEndpointTarget {
  /** Target role instance. (attribute) */
  readonly instance?: string;
  /** Target endpoint name. (attribute) */
  readonly endpoint?: string;
}

/**
 * `InputEndpoints` of HostingEnvironmentConfig, SharedConfig or RDConfig: The endpoints open on this instance; empty (`<InputEndpoints />`) in modern captures.
 * @category Configuration documents
 */
export interface ConfigInputEndpoints {
  /** One input endpoint. */
  readonly Endpoint: readonly ConfigInputEndpointsEndpoint[];
}

/**
 * `InputEndpoints/Endpoint` of HostingEnvironmentConfig, SharedConfig or RDConfig: One input endpoint.
 * @category Configuration documents
 */
export interface ConfigInputEndpointsEndpoint {
  /** Endpoint name. (attribute) */
  readonly name?: string;
  /** Internal "ip:port". (attribute) */
  readonly address?: string;
  /** Seen http and tcp. (attribute) */
  readonly protocol?: string;
  /** Whether it is exposed through the load balancer. (attribute) */
  readonly isPublic?: string;
  /** Public "ip:port", when public. (attribute) */
  readonly loadBalancedPublicAddress?: string;
  /** Direct server return flag. (attribute) */
  readonly enableDirectServerReturn?: string;
  /** Direct address flag. (attribute) */
  readonly isDirectAddress?: string;
  /** Stealth-mode flag. (attribute) */
  readonly disableStealthMode?: string;
  /** A host name for the endpoint. (attribute) */
  readonly hostName?: string;
  /** Local port ranges behind the endpoint. */
  readonly LocalPorts?: ConfigInputEndpointsEndpointLocalPorts;
}

/**
 * `InputEndpoints/Endpoint/LocalPorts` of HostingEnvironmentConfig, SharedConfig or RDConfig: Local port ranges behind the endpoint.
 * @category Configuration documents
 */
export interface ConfigInputEndpointsEndpointLocalPorts {
  /** A port range. */
  readonly LocalPortRange: readonly ConfigInputEndpointsEndpointLocalPortsLocalPortRange[];
  /** Present (an empty element) when the role manages the local port itself. */
  readonly LocalPortSelfManaged?: Readonly<Record<string, never>>;
}

/**
 * `InputEndpoints/Endpoint/LocalPorts/LocalPortRange` of HostingEnvironmentConfig, SharedConfig or RDConfig: A port range.
 * @category Configuration documents
 */
export interface ConfigInputEndpointsEndpointLocalPortsLocalPortRange {
  /** First port. (attribute) */
  readonly from?: string;
  /** Last port of the range. (attribute) */
  readonly to?: string;
}

const CONFIG_INPUT_ENDPOINTS_ENDPOINT_LOCAL_PORTS_LOCAL_PORT_RANGE_SPEC: NodeSpec = { attrs: ['from', 'to'] };

const CONFIG_INPUT_ENDPOINTS_ENDPOINT_LOCAL_PORTS_SPEC: NodeSpec = { children: {
  LocalPortRange: { spec: CONFIG_INPUT_ENDPOINTS_ENDPOINT_LOCAL_PORTS_LOCAL_PORT_RANGE_SPEC, many: true },
  LocalPortSelfManaged: { spec: {} },
} };

const CONFIG_INPUT_ENDPOINTS_ENDPOINT_SPEC: NodeSpec = { attrs: ['name', 'address', 'protocol', 'isPublic', 'loadBalancedPublicAddress', 'enableDirectServerReturn', 'isDirectAddress', 'disableStealthMode', 'hostName'], children: {
  LocalPorts: { spec: CONFIG_INPUT_ENDPOINTS_ENDPOINT_LOCAL_PORTS_SPEC },
} };

/** How {@link ConfigInputEndpoints} is read. */
export const CONFIG_INPUT_ENDPOINTS_SPEC: NodeSpec = { children: {
  Endpoint: { spec: CONFIG_INPUT_ENDPOINTS_ENDPOINT_SPEC, many: true },
} };

const CONFIG_OUTPUT_ENDPOINTS_ENDPOINT_TARGET_SPEC: NodeSpec = { attrs: ['instance', 'endpoint'] };

const CONFIG_OUTPUT_ENDPOINTS_ENDPOINT_SPEC: NodeSpec = { attrs: ['name', 'type'], children: {
  Target: { spec: CONFIG_OUTPUT_ENDPOINTS_ENDPOINT_TARGET_SPEC, many: true },
} };

/** How {@link ConfigOutputEndpoints} is read. */
export const CONFIG_OUTPUT_ENDPOINTS_SPEC: NodeSpec = { children: {
  Endpoint: { spec: CONFIG_OUTPUT_ENDPOINTS_ENDPOINT_SPEC, many: true },
} };

const CONFIG_APPLICATION_SETTINGS_SETTING_SPEC: NodeSpec = { attrs: ['name', 'value'], requiredAttrs: ['name'] };

/** How {@link ConfigApplicationSettings} is read. */
export const CONFIG_APPLICATION_SETTINGS_SPEC: NodeSpec = { children: {
  Setting: { spec: CONFIG_APPLICATION_SETTINGS_SETTING_SPEC, many: true },
} };

const CONFIG_HOSTING_ENVIRONMENT_SETTINGS_PRIVILEGE_LEVEL_SPEC: NodeSpec = { attrs: ['mode'] };

const CONFIG_HOSTING_ENVIRONMENT_SETTINGS_CAS_SPEC: NodeSpec = { attrs: ['mode'] };

/** How {@link ConfigHostingEnvironmentSettings} is read. */
export const CONFIG_HOSTING_ENVIRONMENT_SETTINGS_SPEC: NodeSpec = { attrs: ['name', 'runtime', 'Runtime'], children: {
  CAS: { spec: CONFIG_HOSTING_ENVIRONMENT_SETTINGS_CAS_SPEC },
  PrivilegeLevel: { spec: CONFIG_HOSTING_ENVIRONMENT_SETTINGS_PRIVILEGE_LEVEL_SPEC },
  AdditionalProperties: {},
} };

/** How {@link ConfigIncarnation} is read. */
export const CONFIG_INCARNATION_SPEC: NodeSpec = { attrs: ['number', 'instance', 'guid'] };

const CONFIG_DEPLOYMENT_SERVICE_INSTANCE_SPEC: NodeSpec = { attrs: ['name', 'guid'] };

const CONFIG_DEPLOYMENT_SERVICE_SPEC: NodeSpec = { attrs: ['name', 'guid'] };

/** How {@link ConfigDeployment} is read. */
export const CONFIG_DEPLOYMENT_SPEC: NodeSpec = { attrs: ['name', 'guid', 'incarnation', 'isNonCancellableTopologyChangeEnabled'], children: {
  Service: { spec: CONFIG_DEPLOYMENT_SERVICE_SPEC, many: true },
  ServiceInstance: { spec: CONFIG_DEPLOYMENT_SERVICE_INSTANCE_SPEC, many: true },
} };

const CONFIG_STORED_CERTIFICATES_STORED_CERTIFICATE_SPEC: NodeSpec = { attrs: ['name', 'certificateId', 'storeName', 'configurationLevel'], requiredAttrs: ['name', 'certificateId'] };

/** How {@link ConfigStoredCertificates} is read. */
export const CONFIG_STORED_CERTIFICATES_SPEC: NodeSpec = { children: {
  StoredCertificate: { spec: CONFIG_STORED_CERTIFICATES_STORED_CERTIFICATE_SPEC, many: true },
} };
