/**
 * `GoalState`: the response of `GET /machine/?comp=goalstate`.
 * @module
 */
import { childElements, incarnationText, integerText, optionalChild, optionalText, requiredChild, requiredText, rootElement } from '../xml/dom';
import { parseXmlSafely, type XmlElement } from '../xml/safe-parse';

/**
 * Machine-level hints. Modern clients ignore all of them.
 * @category GoalState
 */
export interface GoalStateMachine {
  /** Expected state; only `Started` has been seen. */
  readonly ExpectedState: 'Started' | 'Stopped';
  /** Milliseconds to stop roles, e.g. 300000. */
  readonly StopRolesDeadlineHint?: number;
  /** Load-balancer probe ports (legacy). */
  readonly LBProbePorts?: { readonly Port: readonly number[] };
  /** Raw text as sent (`FALSE`, `TRUE`, …); compare case-insensitively. */
  readonly ExpectHealthReport?: string;
}

/**
 * The URLs of the configuration documents of a role instance. Children may come in any order
 * and repeat; the first of each wins.
 * @category GoalState
 */
export interface GoalStateConfiguration {
  /** URL of the `HostingEnvironmentConfig` document. */
  readonly HostingEnvironmentConfig?: string;
  /** URL of the `SharedConfig` document. */
  readonly SharedConfig?: string;
  /** URL of the `Extensions` document; absent when the VM has no extensions. */
  readonly ExtensionsConfig?: string;
  /** URL of the `RDConfig` (full config) document; no known Linux client fetches it. */
  readonly FullConfig?: string;
  /** URL of the `CertificateFile` document; absent when the VM has no secrets. */
  readonly Certificates?: string;
  /** Sent as `x-ms-host-config-name` to HostGAPlugin. */
  readonly ConfigName: string;
}

/**
 * One role instance; IaaS VMs have exactly one.
 * @category GoalState
 */
export interface GoalStateRoleInstance {
  /** The role instance name, copied into Health reports. */
  readonly InstanceId: string;
  /** The role instance state; only `Started` has been seen. */
  readonly State: 'Started' | 'Stopped';
  /** Links to the configuration documents. */
  readonly Configuration: GoalStateConfiguration;
}

/**
 * The container (the VM).
 * @category GoalState
 */
export interface GoalStateContainer {
  /** The container GUID; `x-ms-containerid`. It can change without an incarnation change. */
  readonly ContainerId: string;
  /** URL of the `RemoteAccess` document (JIT users), trimmed. */
  readonly RemoteAccessInfo?: string;
  /** The role instances. */
  readonly RoleInstanceList: { readonly RoleInstance: readonly GoalStateRoleInstance[] };
}

/**
 * What the fabric wants this VM to be.
 *
 * Example, a VM with extensions and certificates (real capture):
 *
 * {@includeCode ../../examples/GoalState/vm-with-extensions.xml}
 * @category GoalState
 */
export interface GoalState {
  /** Document version, e.g. `2012-11-30`; clients ignore it. */
  readonly Version: string;
  /** The goal-state counter, as text; compare as an opaque string. */
  readonly Incarnation: string;
  /** Machine-level hints. */
  readonly Machine: GoalStateMachine;
  /** The container and its role instances. */
  readonly Container: GoalStateContainer;
}

const CONFIGURATION_URLS = ['HostingEnvironmentConfig', 'SharedConfig', 'ExtensionsConfig', 'FullConfig', 'Certificates'] as const;

function parseConfiguration(element: XmlElement): GoalStateConfiguration {
  const urls: Partial<Record<(typeof CONFIGURATION_URLS)[number], string>> = {};
  for (const name of CONFIGURATION_URLS) {
    const text = optionalText(element, name);
    if (text !== undefined) urls[name] = text;
  }
  return { ...urls, ConfigName: requiredText(element, 'ConfigName') };
}

function parseMachine(element: XmlElement): GoalStateMachine {
  const deadline = optionalChild(element, 'StopRolesDeadlineHint');
  const ports = optionalChild(element, 'LBProbePorts');
  const expect = optionalText(element, 'ExpectHealthReport');
  return {
    ExpectedState: requiredText(element, 'ExpectedState') as GoalStateMachine['ExpectedState'],
    ...(deadline ? { StopRolesDeadlineHint: integerText(deadline) } : {}),
    ...(ports ? { LBProbePorts: { Port: childElements(ports, 'Port').map(integerText) } } : {}),
    ...(expect !== undefined ? { ExpectHealthReport: expect } : {}),
  };
}

/**
 * Parses a `GoalState` document.
 * @param xml - The response body.
 * @category GoalState
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseGoalState(xml: string): GoalState {
  const root = rootElement(parseXmlSafely(xml, 'GoalState'), 'GoalState');
  const container = requiredChild(root, 'Container');
  const remote = optionalText(container, 'RemoteAccessInfo');
  return {
    Version: requiredText(root, 'Version'),
    Incarnation: incarnationText(requiredChild(root, 'Incarnation')),
    Machine: parseMachine(requiredChild(root, 'Machine')),
    Container: {
      ContainerId: requiredText(container, 'ContainerId'),
      ...(remote !== undefined ? { RemoteAccessInfo: remote } : {}),
      RoleInstanceList: {
        RoleInstance: childElements(requiredChild(container, 'RoleInstanceList'), 'RoleInstance').map((ri) => ({
          InstanceId: requiredText(ri, 'InstanceId'),
          State: requiredText(ri, 'State') as GoalStateRoleInstance['State'],
          Configuration: parseConfiguration(requiredChild(ri, 'Configuration')),
        })),
      },
    },
  };
}
