/**
 * `SharedConfig`: the response of `GET …?comp=config&type=sharedConfig`.
 * Interfaces generated from `schemas/shared-config.xsd` once, then kept in step by test/parity.test.ts:
 * property names are the XML element and attribute names; values are strings as sent.
 * @module
 */
import { readDocument, type NodeSpec } from './element-reader';

/**
 * The deployment-wide configuration, linked from GoalState Configuration/SharedConfig. WALinuxAgent does not parse it; afterburn reads the instance address.
 * @category SharedConfig
 */
export interface SharedConfig {
  /** The SharedConfig format version; always "1.0.0.0". (attribute) */
  readonly version: string;
  /** The goal-state incarnation this document belongs to; equal to GoalState/Incarnation. (attribute) */
  readonly goalStateIncarnation?: string;
  /** The classic deployment: its name is the tenant name WALinuxAgent puts in telemetry (TenantName). */
  readonly Deployment?: SharedConfigDeployment;
  /** The role instance this document is for. */
  readonly Incarnation: SharedConfigIncarnation;
  /** The role (cloud services). */
  readonly Role?: SharedConfigRole;
  /** Load-balancer probe settings (cloud services). */
  readonly LoadBalancerSettings?: SharedConfigLoadBalancerSettings;
  /** Endpoints this role connects to (cloud services). */
  readonly OutputEndpoints?: SharedConfigOutputEndpoints;
  /** The role instances of the deployment; in modern captures only this VM. */
  readonly Instances: SharedConfigInstances;
}

/**
 * `SharedConfig/Instances`: The role instances of the deployment; in modern captures only this VM.
 * @category SharedConfig
 */
export interface SharedConfigInstances {
  /** One role instance. */
  readonly Instance: readonly SharedConfigInstancesInstance[];
}

/**
 * `SharedConfig/Instances/Instance`: One role instance.
 * @category SharedConfig
 */
export interface SharedConfigInstancesInstance {
  /** The instance name; equals Incarnation\@instance for this VM. (attribute) */
  readonly id: string;
  /** The instance's private IPv4 address (afterburn reads it as the VM's dynamic IP). (attribute) */
  readonly address?: string;
  /** Fault and update domain placement. */
  readonly FaultDomains?: SharedConfigInstancesInstanceFaultDomains;
  /** The endpoints open on this instance; empty (&lt;InputEndpoints /&gt;) in modern captures. */
  readonly InputEndpoints?: SharedConfigInstancesInstanceInputEndpoints;
}

/**
 * `SharedConfig/Instances/Instance/InputEndpoints`: The endpoints open on this instance; empty (&lt;InputEndpoints /&gt;) in modern captures.
 * @category SharedConfig
 */
export interface SharedConfigInstancesInstanceInputEndpoints {
  /** One input endpoint. */
  readonly Endpoint: readonly SharedConfigInstancesInstanceInputEndpointsEndpoint[];
}

/**
 * `SharedConfig/Instances/Instance/InputEndpoints/Endpoint`: One input endpoint.
 * @category SharedConfig
 */
export interface SharedConfigInstancesInstanceInputEndpointsEndpoint {
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
  readonly LocalPorts?: SharedConfigInstancesInstanceInputEndpointsEndpointLocalPorts;
}

/**
 * `SharedConfig/Instances/Instance/InputEndpoints/Endpoint/LocalPorts`: Local port ranges behind the endpoint.
 * @category SharedConfig
 */
export interface SharedConfigInstancesInstanceInputEndpointsEndpointLocalPorts {
  /** A port range. */
  readonly LocalPortRange: readonly SharedConfigInstancesInstanceInputEndpointsEndpointLocalPortsLocalPortRange[];
}

/**
 * `SharedConfig/Instances/Instance/InputEndpoints/Endpoint/LocalPorts/LocalPortRange`: A port range.
 * @category SharedConfig
 */
export interface SharedConfigInstancesInstanceInputEndpointsEndpointLocalPortsLocalPortRange {
  /** First port. (attribute) */
  readonly from?: string;
  /** Last port of the range. (attribute) */
  readonly to?: string;
}

/**
 * `SharedConfig/Instances/Instance/FaultDomains`: Fault and update domain placement.
 * @category SharedConfig
 */
export interface SharedConfigInstancesInstanceFaultDomains {
  /** A placement counter; seen 0. (attribute) */
  readonly randomId?: string;
  /** Update domain; seen 0. (attribute) */
  readonly updateId?: string;
  /** A placement counter; seen 0. (attribute) */
  readonly updateCount?: string;
}

/**
 * `SharedConfig/OutputEndpoints`: Endpoints this role connects to (cloud services).
 * @category SharedConfig
 */
export interface SharedConfigOutputEndpoints {
  /** One output endpoint. */
  readonly Endpoint: readonly SharedConfigOutputEndpointsEndpoint[];
}

/**
 * `SharedConfig/OutputEndpoints/Endpoint`: One output endpoint.
 * @category SharedConfig
 */
export interface SharedConfigOutputEndpointsEndpoint {
  /** Endpoint name "<Role>:<endpoint>". (attribute) */
  readonly name?: string;
  /** Seen "SFS". (attribute) */
  readonly type?: string;
  /** The instance and endpoint it targets. */
  readonly Target: readonly SharedConfigOutputEndpointsEndpointTarget[];
}

/**
 * `SharedConfig/OutputEndpoints/Endpoint/Target`: The instance and endpoint it targets.
 * @category SharedConfig
 */
export interface SharedConfigOutputEndpointsEndpointTarget {
  /** Target role instance. (attribute) */
  readonly instance?: string;
  /** Target endpoint name. (attribute) */
  readonly endpoint?: string;
}

/**
 * `SharedConfig/LoadBalancerSettings`: Load-balancer probe settings (cloud services).
 * @category SharedConfig
 */
export interface SharedConfigLoadBalancerSettings {
  /** A placement counter; seen 0. (attribute) */
  readonly timeoutSeconds?: string;
  /** Probe count to wait for; seen 8. (attribute) */
  readonly waitLoadBalancerProbeCount?: string;
  /** The probes. */
  readonly Probes?: SharedConfigLoadBalancerSettingsProbes;
}

/**
 * `SharedConfig/LoadBalancerSettings/Probes`: The probes.
 * @category SharedConfig
 */
export interface SharedConfigLoadBalancerSettingsProbes {
  /** One load-balancer probe. */
  readonly Probe: readonly SharedConfigLoadBalancerSettingsProbesProbe[];
}

/**
 * `SharedConfig/LoadBalancerSettings/Probes/Probe`: One load-balancer probe.
 * @category SharedConfig
 */
export interface SharedConfigLoadBalancerSettingsProbesProbe {
  /** Probe name. (attribute) */
  readonly name?: string;
}

/**
 * `SharedConfig/Role`: The role (cloud services).
 * @category SharedConfig
 */
export interface SharedConfigRole {
  /** Role GUID in braces. (attribute) */
  readonly guid?: string;
  /** The role name, e.g. MachineRole. (attribute) */
  readonly name?: string;
  /** Seconds to settle. (attribute) */
  readonly settleTimeSeconds?: string;
}

/**
 * `SharedConfig/Incarnation`: The role instance this document is for.
 * @category SharedConfig
 */
export interface SharedConfigIncarnation {
  /** The incarnation number; equal to the goal-state incarnation. (attribute) */
  readonly number?: string;
  /** The role instance name: "_<vmname>" on VMs, "<Role>_IN_<n>" in cloud services. (attribute) */
  readonly instance?: string;
  /** A GUID in braces identifying the incarnation. (attribute) */
  readonly guid?: string;
}

/**
 * `SharedConfig/Deployment`: The classic deployment: its name is the tenant name WALinuxAgent puts in telemetry (TenantName).
 * @category SharedConfig
 */
export interface SharedConfigDeployment {
  /** Deployment name (32 hex digits); WALinuxAgent reports it as TenantName. (attribute) */
  readonly name?: string;
  /** Deployment GUID in braces. (attribute) */
  readonly guid?: string;
  /** Deployment incarnation, a decimal counter. (attribute) */
  readonly incarnation?: string;
  /** The hosted service of the deployment. */
  readonly Service: readonly SharedConfigDeploymentService[];
  /** The service instance of the deployment. */
  readonly ServiceInstance: readonly SharedConfigDeploymentServiceInstance[];
}

/**
 * `SharedConfig/Deployment/ServiceInstance`: The service instance of the deployment.
 * @category SharedConfig
 */
export interface SharedConfigDeploymentServiceInstance {
  /** Instance name, "<deployment>.<n>". (attribute) */
  readonly name?: string;
  /** Instance GUID in braces. (attribute) */
  readonly guid?: string;
}

/**
 * `SharedConfig/Deployment/Service`: The hosted service of the deployment.
 * @category SharedConfig
 */
export interface SharedConfigDeploymentService {
  /** Service name. (attribute) */
  readonly name?: string;
  /** Service GUID in braces; seen the zero GUID. (attribute) */
  readonly guid?: string;
}

const SPEC: NodeSpec = { attrs: ['version', 'goalStateIncarnation'], requiredAttrs: ['version'], children: {
    Deployment: { spec: { attrs: ['name', 'guid', 'incarnation'], children: {
        Service: { spec: { attrs: ['name', 'guid'] }, many: true },
        ServiceInstance: { spec: { attrs: ['name', 'guid'] }, many: true },
      }
    } },
    Incarnation: { spec: { attrs: ['number', 'instance', 'guid'] }, required: true },
    Role: { spec: { attrs: ['guid', 'name', 'settleTimeSeconds'] } },
    LoadBalancerSettings: { spec: { attrs: ['timeoutSeconds', 'waitLoadBalancerProbeCount'], children: {
        Probes: { spec: {
          children: {
            Probe: { spec: { attrs: ['name'] }, many: true },
          }
        } },
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
        Instance: { spec: { attrs: ['id', 'address'], requiredAttrs: ['id'], children: {
            FaultDomains: { spec: { attrs: ['randomId', 'updateId', 'updateCount'] } },
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
        }, many: true, required: true },
      }
    }, required: true },
  }
};

/**
 * Parses a `SharedConfig` document.
 * @param xml - The document text.
 * @category SharedConfig
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseSharedConfig(xml: string): SharedConfig {
  return readDocument(xml, 'SharedConfig', SPEC) as unknown as SharedConfig;
}
