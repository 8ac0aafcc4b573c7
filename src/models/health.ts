/**
 * `Health`: the provisioning report the guest POSTs to `/machine?comp=health`.
 * @module
 */
import { WireServerError } from '../errors';
import { MAX_HEALTH_DESCRIPTION_LENGTH } from '../protocol-limits';
import { childElements, escapeXml, incarnationText, optionalChild, requiredChild, requiredText, rootElement } from '../xml/dom';
import { parseXmlSafely } from '../xml/safe-parse';

/**
 * The reported state.
 * @category Health
 */
export type HealthState = 'Ready' | 'NotReady';

/**
 * The sub-status of a NotReady report.
 * @category Health
 */
export type HealthSubStatus = 'Provisioning' | 'ProvisioningFailed';


/**
 * One role instance and its state.
 * @category Health
 */
export interface HealthRole {
  /** GoalState RoleInstance/InstanceId, verbatim. */
  readonly InstanceId: string;
  /** The state, with details when it is not Ready. */
  readonly Health: {
    /** Ready or NotReady. */
    readonly State: HealthState;
    /** Present only with a sub-status. */
    readonly Details?: {
      /** Provisioning or ProvisioningFailed. */
      readonly SubStatus: HealthSubStatus;
      /** Free text (unescaped here; escaped on the wire). */
      readonly Description: string;
    };
  };
}

/**
 * A provisioning health report.
 *
 * Example, report ready:
 *
 * {@includeCode ../../examples/Health/ready.xml}
 * @category Health
 */
export interface Health {
  /** Incarnation of the current goal state. */
  readonly GoalStateIncarnation: string;
  /** The container reported on. */
  readonly Container: {
    /** GoalState Container/ContainerId, verbatim. */
    readonly ContainerId: string;
    /** Clients send exactly one role. */
    readonly RoleInstanceList: { readonly Role: readonly HealthRole[] };
  };
}

/**
 * Parses a `Health` document (used by the mock WireServer to read what a client sent).
 * @param xml - The request body.
 * @category Health
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseHealth(xml: string): Health {
  const root = rootElement(parseXmlSafely(xml, 'Health'), 'Health');
  const container = requiredChild(root, 'Container');
  const roles = childElements(requiredChild(container, 'RoleInstanceList'), 'Role').map((role): HealthRole => {
    const health = requiredChild(role, 'Health');
    const state = requiredText(health, 'State');
    if (state !== 'Ready' && state !== 'NotReady') throw new WireServerError('XML_BAD_VALUE', `line ${health.line()}: <State> must be Ready or NotReady`, { line: health.line() });
    const details = optionalChild(health, 'Details');
    const subStatus = details ? requiredText(details, 'SubStatus') : undefined;
    if (subStatus !== undefined && subStatus !== 'Provisioning' && subStatus !== 'ProvisioningFailed') {
      throw new WireServerError('XML_BAD_VALUE', `line ${details?.line() ?? 0}: <SubStatus> must be Provisioning or ProvisioningFailed`, { line: details?.line() ?? 0 });
    }
    return {
      InstanceId: requiredText(role, 'InstanceId'),
      Health: {
        State: state,
        ...(details && subStatus ? { Details: { SubStatus: subStatus, Description: requiredChild(details, 'Description').text() } } : {}),
      },
    };
  });
  return {
    GoalStateIncarnation: incarnationText(requiredChild(root, 'GoalStateIncarnation')),
    Container: { ContainerId: requiredText(container, 'ContainerId'), RoleInstanceList: { Role: roles } },
  };
}

/**
 * Trims a description to {@link MAX_HEALTH_DESCRIPTION_LENGTH} characters, as cloud-init does,
 * without splitting a surrogate pair.
 * @param description - Raw text.
 * @category Health
 */
export function trimHealthDescription(description: string): string {
  const trimmed = description.trim();
  return Array.from(trimmed).slice(0, MAX_HEALTH_DESCRIPTION_LENGTH).join('');
}

/**
 * Serializes a `Health` report as the real agent does: an XML declaration, the xsi/xsd namespace
 * declarations on the root, no indentation, and escaped text.
 * @param report - The report.
 * @category Health
 */
export function serializeHealth(report: Health): string {
  const roles = report.Container.RoleInstanceList.Role.map((role) => {
    const details = role.Health.Details
      ? `<Details><SubStatus>${role.Health.Details.SubStatus}</SubStatus><Description>${escapeXml(role.Health.Details.Description)}</Description></Details>`
      : '';
    return `<Role><InstanceId>${escapeXml(role.InstanceId)}</InstanceId><Health><State>${role.Health.State}</State>${details}</Health></Role>`;
  }).join('');
  return '<?xml version="1.0" encoding="utf-8"?>' +
    '<Health xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<GoalStateIncarnation>${escapeXml(report.GoalStateIncarnation)}</GoalStateIncarnation>` +
    `<Container><ContainerId>${escapeXml(report.Container.ContainerId)}</ContainerId><RoleInstanceList>${roles}</RoleInstanceList></Container></Health>`;
}
