/**
 * `RoleProperties`: the body of `POST /machine?comp=roleProperties` (legacy).
 * Interfaces generated from `schemas/role-properties.xsd` once, then kept in step by test/parity.test.ts:
 * property names are the XML element and attribute names; values are strings as sent.
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

const SPEC: NodeSpec = {
  children: {
    Container: { spec: {
      children: {
        ContainerId: { required: true },
        RoleInstances: { spec: {
          children: {
            RoleInstance: { spec: {
              children: {
                Id: { required: true },
                Properties: { spec: {
                  children: {
                    Property: { spec: { attrs: ['name', 'value'], requiredAttrs: ['name', 'value'] }, many: true, required: true },
                  }
                }, required: true },
              }
            }, many: true, required: true },
          }
        }, required: true },
      }
    }, required: true },
  }
};

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
