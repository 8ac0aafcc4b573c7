/**
 * `SharedConfig`: the response of `GET …?comp=config&type=sharedConfig`.
 * Property names are the XML element and attribute names; values are strings as sent.
 * test/parity.test.ts keeps these interfaces in step with `schemas/shared-config.xsd`.
 * @module
 */
import { CONFIG_DEPLOYMENT_SPEC, CONFIG_INCARNATION_SPEC, CONFIG_INPUT_ENDPOINTS_SPEC, CONFIG_OUTPUT_ENDPOINTS_SPEC, type ConfigDeployment, type ConfigIncarnation, type ConfigInputEndpoints, type ConfigOutputEndpoints } from './config-parts';
import { readDocument, type NodeSpec } from './element-reader';

/**
 * The deployment-wide configuration, linked from GoalState Configuration/SharedConfig. WALinuxAgent saves it for other tools and reads only Instance@rdmaIPv4Address and @rdmaMacAddress, when RDMA is enabled (https://github.com/Azure/WALinuxAgent/blob/088d71b1f2682c3b8fa66dfa6dde3a1d1c856175/azurelinuxagent/pa/rdma/rdma.py#L40-L73); afterburn reads the instance address.
 * @category SharedConfig
 */
export interface SharedConfig {
  /** The SharedConfig format version; always "1.0.0.0". (attribute) */
  readonly version: string;
  /** The goal-state incarnation this document belongs to; equal to GoalState/Incarnation. (attribute) */
  readonly goalStateIncarnation?: string;
  /** The classic deployment: its name is the tenant name WALinuxAgent puts in telemetry (TenantName). */
  readonly Deployment?: ConfigDeployment;
  /** The role instance this document is for. */
  readonly Incarnation: ConfigIncarnation;
  /** The role (cloud services). */
  readonly Role?: SharedConfigRole;
  /** Load-balancer probe settings (cloud services). */
  readonly LoadBalancerSettings?: SharedConfigLoadBalancerSettings;
  /** Endpoints this role connects to (cloud services). */
  readonly OutputEndpoints?: ConfigOutputEndpoints;
  /** The role instances of the deployment; in modern captures only this VM. */
  readonly Instances: SharedConfigInstances;
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
  /** The endpoints open on this instance; empty (`<InputEndpoints />`) in modern captures. */
  readonly InputEndpoints?: ConfigInputEndpoints;
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

const SHARED_CONFIG_INSTANCES_INSTANCE_FAULT_DOMAINS_SPEC: NodeSpec = { attrs: ['randomId', 'updateId', 'updateCount'] };

const SHARED_CONFIG_INSTANCES_INSTANCE_SPEC: NodeSpec = { attrs: ['id', 'address'], requiredAttrs: ['id'], children: {
  FaultDomains: { spec: SHARED_CONFIG_INSTANCES_INSTANCE_FAULT_DOMAINS_SPEC },
  InputEndpoints: { spec: CONFIG_INPUT_ENDPOINTS_SPEC },
} };

const SHARED_CONFIG_INSTANCES_SPEC: NodeSpec = { children: {
  Instance: { spec: SHARED_CONFIG_INSTANCES_INSTANCE_SPEC, many: true, required: true },
} };

const SHARED_CONFIG_LOAD_BALANCER_SETTINGS_PROBES_PROBE_SPEC: NodeSpec = { attrs: ['name'] };

const SHARED_CONFIG_LOAD_BALANCER_SETTINGS_PROBES_SPEC: NodeSpec = { children: {
  Probe: { spec: SHARED_CONFIG_LOAD_BALANCER_SETTINGS_PROBES_PROBE_SPEC, many: true },
} };

const SHARED_CONFIG_LOAD_BALANCER_SETTINGS_SPEC: NodeSpec = { attrs: ['timeoutSeconds', 'waitLoadBalancerProbeCount'], children: {
  Probes: { spec: SHARED_CONFIG_LOAD_BALANCER_SETTINGS_PROBES_SPEC },
} };

const SHARED_CONFIG_ROLE_SPEC: NodeSpec = { attrs: ['guid', 'name', 'settleTimeSeconds'] };

const SPEC: NodeSpec = { attrs: ['version', 'goalStateIncarnation'], requiredAttrs: ['version'], children: {
  Deployment: { spec: CONFIG_DEPLOYMENT_SPEC },
  Incarnation: { spec: CONFIG_INCARNATION_SPEC, required: true },
  Role: { spec: SHARED_CONFIG_ROLE_SPEC },
  LoadBalancerSettings: { spec: SHARED_CONFIG_LOAD_BALANCER_SETTINGS_SPEC },
  OutputEndpoints: { spec: CONFIG_OUTPUT_ENDPOINTS_SPEC },
  Instances: { spec: SHARED_CONFIG_INSTANCES_SPEC, required: true },
} };

/**
 * Parses a `SharedConfig` document.
 * @param xml - The document text.
 * @category SharedConfig
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseSharedConfig(xml: string): SharedConfig {
  return readDocument(xml, 'SharedConfig', SPEC) as unknown as SharedConfig;
}
