/**
 * `RDConfig`: the fullConfig document (`GET …?comp=config&type=fullConfig`); rare and less certain.
 * Property names are the XML element and attribute names; values are strings as sent.
 * test/parity.test.ts keeps these interfaces in step with `schemas/rd-config.xsd`.
 * @module
 */
import { CONFIG_APPLICATION_SETTINGS_SPEC, CONFIG_DEPLOYMENT_SPEC, CONFIG_HOSTING_ENVIRONMENT_SETTINGS_SPEC, CONFIG_INCARNATION_SPEC, CONFIG_INPUT_ENDPOINTS_SPEC, CONFIG_OUTPUT_ENDPOINTS_SPEC, CONFIG_STORED_CERTIFICATES_SPEC, type ConfigApplicationSettings, type ConfigDeployment, type ConfigHostingEnvironmentSettings, type ConfigIncarnation, type ConfigInputEndpoints, type ConfigOutputEndpoints, type ConfigStoredCertificates } from './config-parts';
import { readDocument, type NodeSpec } from './element-reader';

/**
 * The full configuration (GoalState Configuration/FullConfig): the union of HostingEnvironmentConfig and SharedConfig plus topology.
 * @category RDConfig
 */
export interface RDConfig {
  /** Format version; seen "1.0.0.0". (attribute) */
  readonly version?: string;
  /** The certificates the fabric delivered in the CertificateFile, by name and thumbprint. */
  readonly StoredCertificates?: ConfigStoredCertificates;
  /** The classic deployment: its name is the tenant name WALinuxAgent puts in telemetry (TenantName). */
  readonly Deployment?: ConfigDeployment;
  /** The role instance this document is for. */
  readonly Incarnation: ConfigIncarnation;
  /** The role, with its hosting limits. */
  readonly Role?: RDConfigRole;
  /** Settings of the hosting environment (cloud services). */
  readonly HostingEnvironmentSettings?: ConfigHostingEnvironmentSettings;
  /** Name/value settings of the role (cloud services); values may hold escaped XML (__ModelData) or storage connection strings. */
  readonly ApplicationSettings?: ConfigApplicationSettings;
  /** Endpoints this role connects to (cloud services). */
  readonly OutputEndpoints?: ConfigOutputEndpoints;
  /** The role instances. */
  readonly Instances?: RDConfigInstances;
  /** Network topology. */
  readonly Neighborhoods?: RDConfigNeighborhoods;
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
  /** The endpoints open on this instance; empty (`<InputEndpoints />`) in modern captures. */
  readonly InputEndpoints?: ConfigInputEndpoints;
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

const RDCONFIG_NEIGHBORHOODS_NEIGHBORHOOD_SPEC: NodeSpec = { attrs: ['id', 'innerbandwidth', 'innerlatency', 'outwardbandwidth', 'outwardlatency', 'parentNeighborhoodID'] };

const RDCONFIG_NEIGHBORHOODS_SPEC: NodeSpec = { children: {
  Neighborhood: { spec: RDCONFIG_NEIGHBORHOODS_NEIGHBORHOOD_SPEC, many: true },
} };

const RDCONFIG_INSTANCES_INSTANCE_FAULT_DOMAINS_SPEC: NodeSpec = { attrs: ['randomID', 'updateID', 'updateCount'] };

const RDCONFIG_INSTANCES_INSTANCE_SPEC: NodeSpec = { attrs: ['id', 'neighborhoodID', 'address'], children: {
  FaultDomains: { spec: RDCONFIG_INSTANCES_INSTANCE_FAULT_DOMAINS_SPEC },
  InputEndpoints: { spec: CONFIG_INPUT_ENDPOINTS_SPEC },
} };

const RDCONFIG_INSTANCES_SPEC: NodeSpec = { children: {
  Instance: { spec: RDCONFIG_INSTANCES_INSTANCE_SPEC, many: true },
} };

const RDCONFIG_ROLE_SPEC: NodeSpec = { attrs: ['guid', 'name', 'hostingEnvironment', 'hostingEnvironmentVersion', 'software', 'softwareType', 'entryPoint', 'parameters', 'cpu', 'memory', 'bandwidth', 'isManagementRole'] };

const SPEC: NodeSpec = { attrs: ['version'], children: {
  StoredCertificates: { spec: CONFIG_STORED_CERTIFICATES_SPEC },
  Deployment: { spec: CONFIG_DEPLOYMENT_SPEC },
  Incarnation: { spec: CONFIG_INCARNATION_SPEC, required: true },
  Role: { spec: RDCONFIG_ROLE_SPEC },
  HostingEnvironmentSettings: { spec: CONFIG_HOSTING_ENVIRONMENT_SETTINGS_SPEC },
  ApplicationSettings: { spec: CONFIG_APPLICATION_SETTINGS_SPEC },
  OutputEndpoints: { spec: CONFIG_OUTPUT_ENDPOINTS_SPEC },
  Instances: { spec: RDCONFIG_INSTANCES_SPEC },
  Neighborhoods: { spec: RDCONFIG_NEIGHBORHOODS_SPEC },
} };

/**
 * Parses a `RDConfig` document.
 * @param xml - The document text.
 * @category RDConfig
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseRDConfig(xml: string): RDConfig {
  return readDocument(xml, 'RDConfig', SPEC) as unknown as RDConfig;
}
