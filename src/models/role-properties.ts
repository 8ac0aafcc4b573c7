/**
 * `RoleProperties`: the body of `POST /machine?comp=roleProperties` (legacy).
 * Property names are the XML element and attribute names; values are strings as sent.
 * test/parity.test.ts keeps these interfaces in step with `schemas/role-properties.xsd`.
 * @module
 */
import { escapeXml } from '../xml/dom';
import { readDocument, type NodeSpec } from './element-reader';

/**
 * Role properties the guest posts to ?comp=roleProperties (legacy: agents before 2.2.49.1 sent the SSH host-key thumbprint after Ready).
 * @category RoleProperties
 */
export interface RoleProperties {
  /** The container. */
  readonly Container: RolePropertiesContainer;
}

/**
 * `RoleProperties/Container`: The container.
 * @category RoleProperties
 */
export interface RolePropertiesContainer {
  /** GoalState Container/ContainerId. */
  readonly ContainerId: string;
  /** The role instances. */
  readonly RoleInstances: RolePropertiesContainerRoleInstances;
}

/**
 * `RoleProperties/Container/RoleInstances`: The role instances.
 * @category RoleProperties
 */
export interface RolePropertiesContainerRoleInstances {
  /** One role instance. */
  readonly RoleInstance: readonly RolePropertiesContainerRoleInstancesRoleInstance[];
}

/**
 * `RoleProperties/Container/RoleInstances/RoleInstance`: One role instance.
 * @category RoleProperties
 */
export interface RolePropertiesContainerRoleInstancesRoleInstance {
  /** GoalState RoleInstance/InstanceId. */
  readonly Id: string;
  /** The properties. */
  readonly Properties: RolePropertiesContainerRoleInstancesRoleInstanceProperties;
}

/**
 * `RoleProperties/Container/RoleInstances/RoleInstance/Properties`: The properties.
 * @category RoleProperties
 */
export interface RolePropertiesContainerRoleInstancesRoleInstanceProperties {
  /** One property; empty element. */
  readonly Property: readonly RolePropertiesContainerRoleInstancesRoleInstancePropertiesProperty[];
}

/**
 * `RoleProperties/Container/RoleInstances/RoleInstance/Properties/Property`: One property; empty element.
 * @category RoleProperties
 */
export interface RolePropertiesContainerRoleInstancesRoleInstancePropertiesProperty {
  /** Seen "CertificateThumbprint". (attribute) */
  readonly name: string;
  /** The SSH host-key fingerprint without colons. (attribute) */
  readonly value: string;
}

const ROLE_PROPERTIES_CONTAINER_ROLE_INSTANCES_ROLE_INSTANCE_PROPERTIES_PROPERTY_SPEC: NodeSpec = { attrs: ['name', 'value'], requiredAttrs: ['name', 'value'] };

const ROLE_PROPERTIES_CONTAINER_ROLE_INSTANCES_ROLE_INSTANCE_PROPERTIES_SPEC: NodeSpec = { children: {
  Property: { spec: ROLE_PROPERTIES_CONTAINER_ROLE_INSTANCES_ROLE_INSTANCE_PROPERTIES_PROPERTY_SPEC, many: true, required: true },
} };

const ROLE_PROPERTIES_CONTAINER_ROLE_INSTANCES_ROLE_INSTANCE_SPEC: NodeSpec = { children: {
  Id: { required: true },
  Properties: { spec: ROLE_PROPERTIES_CONTAINER_ROLE_INSTANCES_ROLE_INSTANCE_PROPERTIES_SPEC, required: true },
} };

const ROLE_PROPERTIES_CONTAINER_ROLE_INSTANCES_SPEC: NodeSpec = { children: {
  RoleInstance: { spec: ROLE_PROPERTIES_CONTAINER_ROLE_INSTANCES_ROLE_INSTANCE_SPEC, many: true, required: true },
} };

const ROLE_PROPERTIES_CONTAINER_SPEC: NodeSpec = { children: {
  ContainerId: { required: true },
  RoleInstances: { spec: ROLE_PROPERTIES_CONTAINER_ROLE_INSTANCES_SPEC, required: true },
} };

const SPEC: NodeSpec = { children: {
  Container: { spec: ROLE_PROPERTIES_CONTAINER_SPEC, required: true },
} };

/**
 * Parses a `RoleProperties` document.
 * @param xml - The document text.
 * @category RoleProperties
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseRoleProperties(xml: string): RoleProperties {
  return readDocument(xml, 'RoleProperties', SPEC) as unknown as RoleProperties;
}

/**
 * Serializes a `RoleProperties` body (XML declaration with utf-8, one line).
 * @param data - The properties to send.
 * @category RoleProperties
 */
export function serializeRoleProperties(data: RoleProperties): string {
  const instances = data.Container.RoleInstances.RoleInstance.map((instance) => {
    const properties = instance.Properties.Property.map((p) => `<Property name="${escapeXml(p.name)}" value="${escapeXml(p.value)}" />`).join('');
    return `<RoleInstance><Id>${escapeXml(instance.Id)}</Id><Properties>${properties}</Properties></RoleInstance>`;
  }).join('');
  return `<?xml version="1.0" encoding="utf-8"?><RoleProperties><Container><ContainerId>${escapeXml(data.Container.ContainerId)}</ContainerId><RoleInstances>${instances}</RoleInstances></Container></RoleProperties>`;
}
