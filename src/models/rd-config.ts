/**
 * `RDConfig`: the fullConfig document (`GET …?comp=config&type=fullConfig`); rare and less certain.
 * Interfaces generated from `schemas/rd-config.xsd` once, then kept in step by test/parity.test.ts:
 * property names are the XML element and attribute names; values are strings as sent.
 * @module
 */
import { readDocument, type NodeSpec } from './element-reader';

/**
 * The full configuration (GoalState Configuration/FullConfig): the union of HostingEnvironmentConfig and SharedConfig plus topology.
 * @category RDConfig
 */
export interface RDConfig {
  /** Format version; seen "1.0.0.0". (attribute) */
  readonly version?: string;
  /** The certificates the fabric delivered in the CertificateFile, by name and thumbprint. */
  readonly StoredCertificates?: RDConfigStoredCertificates;
  /** The classic deployment: its name is the tenant name WALinuxAgent puts in telemetry (TenantName). */
  readonly Deployment?: RDConfigDeployment;
  /** The role instance this document is for. */
  readonly Incarnation?: RDConfigIncarnation;
  /** The role, with its hosting limits. */
  readonly Role?: RDConfigRole;
  /** Settings of the hosting environment (cloud services). */
  readonly HostingEnvironmentSettings?: RDConfigHostingEnvironmentSettings;
  /** Name/value settings of the role (cloud services); values may hold escaped XML (__ModelData) or storage connection strings. */
  readonly ApplicationSettings?: RDConfigApplicationSettings;
  /** Endpoints this role connects to (cloud services). */
  readonly OutputEndpoints?: RDConfigOutputEndpoints;
  /** The role instances. */
  readonly Instances?: RDConfigInstances;
  /** Network topology. */
  readonly Neighborhoods?: RDConfigNeighborhoods;
}

/**
 * `RDConfig/Neighborhoods`: Network topology.
 * @category RDConfig
 */
export interface RDConfigNeighborhoods {
  /** One neighborhood. */
  readonly Neighborhood: readonly RDConfigNeighborhoodsNeighborhood[];
}

/**
 * `RDConfig/Neighborhoods/Neighborhood`: One neighborhood.
 * @category RDConfig
 */
export interface RDConfigNeighborhoodsNeighborhood {
  /** Neighborhood attribute id. (attribute) */
  readonly id?: string;
  /** Neighborhood attribute innerbandwidth. (attribute) */
  readonly innerbandwidth?: string;
  /** Neighborhood attribute innerlatency. (attribute) */
  readonly innerlatency?: string;
  /** Neighborhood attribute outwardbandwidth. (attribute) */
  readonly outwardbandwidth?: string;
  /** Neighborhood attribute outwardlatency. (attribute) */
  readonly outwardlatency?: string;
  /** Neighborhood attribute parentNeighborhoodID. (attribute) */
  readonly parentNeighborhoodID?: string;
}

/**
 * `RDConfig/Instances`: The role instances.
 * @category RDConfig
 */
export interface RDConfigInstances {
  /** One role instance. */
  readonly Instance: readonly RDConfigInstancesInstance[];
}

/**
 * `RDConfig/Instances/Instance`: One role instance.
 * @category RDConfig
 */
export interface RDConfigInstancesInstance {
  /** Instance name. (attribute) */
  readonly id?: string;
  /** Neighborhood of the instance. (attribute) */
  readonly neighborhoodID?: string;
  /** Private IP address. (attribute) */
  readonly address?: string;
  /** Placement. */
  readonly FaultDomains?: RDConfigInstancesInstanceFaultDomains;
  /** The endpoints open on this instance; empty (&lt;InputEndpoints /&gt;) in modern captures. */
  readonly InputEndpoints?: RDConfigInstancesInstanceInputEndpoints;
}

/**
 * `RDConfig/Instances/Instance/InputEndpoints`: The endpoints open on this instance; empty (&lt;InputEndpoints /&gt;) in modern captures.
 * @category RDConfig
 */
export interface RDConfigInstancesInstanceInputEndpoints {
  /** One input endpoint. */
  readonly Endpoint: readonly RDConfigInstancesInstanceInputEndpointsEndpoint[];
}

/**
 * `RDConfig/Instances/Instance/InputEndpoints/Endpoint`: One input endpoint.
 * @category RDConfig
 */
export interface RDConfigInstancesInstanceInputEndpointsEndpoint {
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
  /** Local port ranges behind the endpoint. */
  readonly LocalPorts?: RDConfigInstancesInstanceInputEndpointsEndpointLocalPorts;
}

/**
 * `RDConfig/Instances/Instance/InputEndpoints/Endpoint/LocalPorts`: Local port ranges behind the endpoint.
 * @category RDConfig
 */
export interface RDConfigInstancesInstanceInputEndpointsEndpointLocalPorts {
  /** A port range. */
  readonly LocalPortRange: readonly RDConfigInstancesInstanceInputEndpointsEndpointLocalPortsLocalPortRange[];
}

/**
 * `RDConfig/Instances/Instance/InputEndpoints/Endpoint/LocalPorts/LocalPortRange`: A port range.
 * @category RDConfig
 */
export interface RDConfigInstancesInstanceInputEndpointsEndpointLocalPortsLocalPortRange {
  /** First port. (attribute) */
  readonly from?: string;
  /** Last port of the range. (attribute) */
  readonly to?: string;
}

/**
 * `RDConfig/Instances/Instance/FaultDomains`: Placement.
 * @category RDConfig
 */
export interface RDConfigInstancesInstanceFaultDomains {
  /** Random fault domain. (attribute) */
  readonly randomID?: string;
  /** Update domain. (attribute) */
  readonly updateID?: string;
  /** Update count. (attribute) */
  readonly updateCount?: string;
}

/**
 * `RDConfig/OutputEndpoints`: Endpoints this role connects to (cloud services).
 * @category RDConfig
 */
export interface RDConfigOutputEndpoints {
  /** One output endpoint. */
  readonly Endpoint: readonly RDConfigOutputEndpointsEndpoint[];
}

/**
 * `RDConfig/OutputEndpoints/Endpoint`: One output endpoint.
 * @category RDConfig
 */
export interface RDConfigOutputEndpointsEndpoint {
  /** Endpoint name "<Role>:<endpoint>". (attribute) */
  readonly name?: string;
  /** Seen "SFS". (attribute) */
  readonly type?: string;
  /** The instance and endpoint it targets. */
  readonly Target: readonly RDConfigOutputEndpointsEndpointTarget[];
}

/**
 * `RDConfig/OutputEndpoints/Endpoint/Target`: The instance and endpoint it targets.
 * @category RDConfig
 */
export interface RDConfigOutputEndpointsEndpointTarget {
  /** Target role instance. (attribute) */
  readonly instance?: string;
  /** Target endpoint name. (attribute) */
  readonly endpoint?: string;
}

/**
 * `RDConfig/ApplicationSettings`: Name/value settings of the role (cloud services); values may hold escaped XML (__ModelData) or storage connection strings.
 * @category RDConfig
 */
export interface RDConfigApplicationSettings {
  /** One setting. */
  readonly Setting: readonly RDConfigApplicationSettingsSetting[];
}

/**
 * `RDConfig/ApplicationSettings/Setting`: One setting.
 * @category RDConfig
 */
export interface RDConfigApplicationSettingsSetting {
  /** Setting name, e.g. __ModelData or Microsoft.WindowsAzure.Plugins.RemoteForwarder.Enabled. (attribute) */
  readonly name: string;
  /** Setting value, any text. (attribute) */
  readonly value?: string;
}

/**
 * `RDConfig/HostingEnvironmentSettings`: Settings of the hosting environment (cloud services).
 * @category RDConfig
 */
export interface RDConfigHostingEnvironmentSettings {
  /** Seen "full". (attribute) */
  readonly name?: string;
  /** Runtime package name. (attribute) */
  readonly runtime?: string;
  /** The capitalised spelling of runtime (protocol.md §8 item 16). (attribute) */
  readonly Runtime?: string;
  /** Code-access security; seen mode "full". */
  readonly CAS?: RDConfigHostingEnvironmentSettingsCAS;
  /** Role privilege level; seen mode "max". */
  readonly PrivilegeLevel?: RDConfigHostingEnvironmentSettingsPrivilegeLevel;
  /** Opaque properties (e.g. an empty CgiHandlers element). */
  readonly AdditionalProperties?: string;
}

/**
 * `RDConfig/HostingEnvironmentSettings/PrivilegeLevel`: Role privilege level; seen mode "max".
 * @category RDConfig
 */
export interface RDConfigHostingEnvironmentSettingsPrivilegeLevel {
  /** Seen "max". (attribute) */
  readonly mode?: string;
}

/**
 * `RDConfig/HostingEnvironmentSettings/CAS`: Code-access security; seen mode "full".
 * @category RDConfig
 */
export interface RDConfigHostingEnvironmentSettingsCAS {
  /** Seen "full". (attribute) */
  readonly mode?: string;
}

/**
 * `RDConfig/Role`: The role, with its hosting limits.
 * @category RDConfig
 */
export interface RDConfigRole {
  /** Role attribute guid. (attribute) */
  readonly guid?: string;
  /** Role attribute name. (attribute) */
  readonly name?: string;
  /** Role attribute hostingEnvironment. (attribute) */
  readonly hostingEnvironment?: string;
  /** Role attribute hostingEnvironmentVersion. (attribute) */
  readonly hostingEnvironmentVersion?: string;
  /** Role attribute software. (attribute) */
  readonly software?: string;
  /** Role attribute softwareType. (attribute) */
  readonly softwareType?: string;
  /** Role attribute entryPoint. (attribute) */
  readonly entryPoint?: string;
  /** Role attribute parameters. (attribute) */
  readonly parameters?: string;
  /** Role attribute cpu. (attribute) */
  readonly cpu?: string;
  /** Role attribute memory. (attribute) */
  readonly memory?: string;
  /** Role attribute bandwidth. (attribute) */
  readonly bandwidth?: string;
  /** Role attribute isManagementRole. (attribute) */
  readonly isManagementRole?: string;
}

/**
 * `RDConfig/Incarnation`: The role instance this document is for.
 * @category RDConfig
 */
export interface RDConfigIncarnation {
  /** The incarnation number; equal to the goal-state incarnation. (attribute) */
  readonly number?: string;
  /** The role instance name: "_<vmname>" on VMs, "<Role>_IN_<n>" in cloud services. (attribute) */
  readonly instance?: string;
  /** A GUID in braces identifying the incarnation. (attribute) */
  readonly guid?: string;
}

/**
 * `RDConfig/Deployment`: The classic deployment: its name is the tenant name WALinuxAgent puts in telemetry (TenantName).
 * @category RDConfig
 */
export interface RDConfigDeployment {
  /** Deployment name (32 hex digits); WALinuxAgent reports it as TenantName. (attribute) */
  readonly name?: string;
  /** Deployment GUID in braces. (attribute) */
  readonly guid?: string;
  /** Deployment incarnation, a decimal counter. (attribute) */
  readonly incarnation?: string;
  /** The hosted service of the deployment. */
  readonly Service: readonly RDConfigDeploymentService[];
  /** The service instance of the deployment. */
  readonly ServiceInstance: readonly RDConfigDeploymentServiceInstance[];
}

/**
 * `RDConfig/Deployment/ServiceInstance`: The service instance of the deployment.
 * @category RDConfig
 */
export interface RDConfigDeploymentServiceInstance {
  /** Instance name, "<deployment>.<n>". (attribute) */
  readonly name?: string;
  /** Instance GUID in braces. (attribute) */
  readonly guid?: string;
}

/**
 * `RDConfig/Deployment/Service`: The hosted service of the deployment.
 * @category RDConfig
 */
export interface RDConfigDeploymentService {
  /** Service name. (attribute) */
  readonly name?: string;
  /** Service GUID in braces; seen the zero GUID. (attribute) */
  readonly guid?: string;
}

/**
 * `RDConfig/StoredCertificates`: The certificates the fabric delivered in the CertificateFile, by name and thumbprint.
 * @category RDConfig
 */
export interface RDConfigStoredCertificates {
  /** One certificate the VM holds. */
  readonly StoredCertificate: readonly RDConfigStoredCertificatesStoredCertificate[];
}

/**
 * `RDConfig/StoredCertificates/StoredCertificate`: One certificate the VM holds.
 * @category RDConfig
 */
export interface RDConfigStoredCertificatesStoredCertificate {
  /** The certificate's role name, e.g. TenantEncryptionCert or Cert0My. (attribute) */
  readonly name: string;
  /** "sha1:" and the upper-case SHA-1 thumbprint; it matches a certificate of the decrypted CertificateFile PFX (protocol.md §4.8). (attribute) */
  readonly certificateId: string;
  /** The Windows certificate store; seen "My". (attribute) */
  readonly storeName?: string;
  /** Seen "System". (attribute) */
  readonly configurationLevel?: string;
}

const SPEC: NodeSpec = { attrs: ['version'], children: {
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
    Incarnation: { spec: { attrs: ['number', 'instance', 'guid'] } },
    Role: { spec: { attrs: ['guid', 'name', 'hostingEnvironment', 'hostingEnvironmentVersion', 'software', 'softwareType', 'entryPoint', 'parameters', 'cpu', 'memory', 'bandwidth', 'isManagementRole'] } },
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
    OutputEndpoints: { spec: {
      children: {
        Endpoint: { spec: { attrs: ['name', 'type'], children: {
            Target: { spec: { attrs: ['instance', 'endpoint'] }, many: true },
          }
        }, many: true },
      }
    } },
    Instances: { spec: {
      children: {
        Instance: { spec: { attrs: ['id', 'neighborhoodID', 'address'], children: {
            FaultDomains: { spec: { attrs: ['randomID', 'updateID', 'updateCount'] } },
            InputEndpoints: { spec: {
              children: {
                Endpoint: { spec: { attrs: ['name', 'address', 'protocol', 'isPublic', 'loadBalancedPublicAddress', 'enableDirectServerReturn', 'isDirectAddress', 'disableStealthMode'], children: {
                    LocalPorts: { spec: {
                      children: {
                        LocalPortRange: { spec: { attrs: ['from', 'to'] }, many: true },
                      }
                    } },
                  }
                }, many: true },
              }
            } },
          }
        }, many: true },
      }
    } },
    Neighborhoods: { spec: {
      children: {
        Neighborhood: { spec: { attrs: ['id', 'innerbandwidth', 'innerlatency', 'outwardbandwidth', 'outwardlatency', 'parentNeighborhoodID'] }, many: true },
      }
    } },
  }
};

/**
 * Parses a `RDConfig` document.
 * @param xml - The document text.
 * @category RDConfig
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseRDConfig(xml: string): RDConfig {
  return readDocument(xml, 'RDConfig', SPEC) as unknown as RDConfig;
}
