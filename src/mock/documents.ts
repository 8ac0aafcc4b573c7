/**
 * The documents the mock WireServer serves, built from `examples/`: the goal state and its linked
 * documents, rewritten so that container id, instance id, incarnation and URLs agree.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { escapeXml } from '../xml/dom';

/** The identity and incarnation of the mock VM. */
export interface MockVmState {
  /** GoalState Container/ContainerId. */
  readonly containerId: string;
  /** GoalState RoleInstance/InstanceId. */
  readonly instanceId: string;
  /** The current incarnation. */
  readonly incarnation: number;
  /** Base URL of the mock WireServer, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
}

/** The examples folder of this package. */
export const DEFAULT_EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

/** The container id of the examples' VM (examples/<Root>/vm.xml). */
export const EXAMPLE_CONTAINER_ID = '06185f00-1f00-4545-abaa-4b7baa121869';
/** The instance id of the examples' VM. */
export const EXAMPLE_INSTANCE_ID = '8cd0ae53-1baa-4f00-9356-a4e1a34f004c._test-vm';

/** The linked documents served from examples: goal-state element → example root folder. */
export const EXAMPLE_LINKED_DOCUMENTS = [
  ['HostingEnvironmentConfig', 'HostingEnvironmentConfig', 'hostingEnvironmentConfig'],
  ['SharedConfig', 'SharedConfig', 'sharedConfig'],
  ['ExtensionsConfig', 'Extensions', 'extensionsConfig'],
  ['FullConfig', 'RDConfig', 'fullConfig'],
] as const;

/**
 * Reads an example, preferring the given names and falling back to the first valid example of the folder.
 * @param examplesDir - The examples folder.
 * @param root - The root element (folder name).
 * @param preferred - File names to try first, in order.
 * @returns The text, or `undefined` when the folder has no valid example.
 */
export function readExample(examplesDir: string, root: string, preferred: readonly string[] = ['vm.xml']): string | undefined {
  const dir = path.join(examplesDir, root);
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.xml') && !f.endsWith('.invalid.xml')).sort();
  } catch {
    return undefined;
  }
  const file = preferred.find((name) => files.includes(name)) ?? files[0];
  return file === undefined ? undefined : fs.readFileSync(path.join(dir, file), 'utf8');
}

/** `-` and `_` percent-encoded in the instance id, as the real URLs have them. */
function encodeInstance(instanceId: string): string {
  return encodeURIComponent(instanceId).replace(/-/g, '%2D').replace(/_/g, '%5F');
}

/**
 * The URL of a linked document in the mock.
 * @param state - The VM state.
 * @param query - The query without incarnation, e.g. `comp=config&type=sharedConfig`.
 */
export function documentUrl(state: MockVmState, query: string): string {
  return `${state.baseUrl}/machine/${state.containerId}/${encodeInstance(state.instanceId)}?${query}&incarnation=${state.incarnation}`;
}

/**
 * Sets the incarnation everywhere a document echoes it (`goalStateIncarnation`, `Incarnation@number`,
 * `<Incarnation>`).
 * @param xml - The document.
 * @param incarnation - The incarnation.
 */
export function withIncarnation(xml: string, incarnation: number): string {
  return xml
    .replace(/goalStateIncarnation="\d+"/g, `goalStateIncarnation="${incarnation}"`)
    .replace(/(<Incarnation\b[^>]*\bnumber=")\d+"/g, `$1${incarnation}"`)
    .replace(/<Incarnation>\s*\d+\s*<\/Incarnation>/g, `<Incarnation>${incarnation}</Incarnation>`);
}

/**
 * Builds the goal state from the GoalState example: identity, incarnation and every URL rewritten to
 * point at the mock; links to documents the mock cannot serve are removed.
 * @param template - The GoalState example.
 * @param state - The VM state.
 * @param links - Which linked documents exist, by goal-state element name.
 */
export function buildGoalState(template: string, state: MockVmState, links: ReadonlySet<string>): string {
  const queries: Record<string, string> = {
    HostingEnvironmentConfig: 'comp=config&type=hostingEnvironmentConfig',
    SharedConfig: 'comp=config&type=sharedConfig',
    ExtensionsConfig: 'comp=config&type=extensionsConfig',
    FullConfig: 'comp=config&type=fullConfig',
    Certificates: 'comp=certificates',
  };
  let xml = withIncarnation(template, state.incarnation)
    .replace(/<ContainerId>[^<]*<\/ContainerId>/, `<ContainerId>${escapeXml(state.containerId)}</ContainerId>`)
    .replace(/<InstanceId>[^<]*<\/InstanceId>/, `<InstanceId>${escapeXml(state.instanceId)}</InstanceId>`)
    .replace(/\s*<RemoteAccessInfo>[^<]*<\/RemoteAccessInfo>/, '');
  for (const [name, query] of Object.entries(queries)) {
    const element = new RegExp(`(\\s*)<${name}>[^<]*</${name}>`);
    if (!element.test(xml)) {
      if (!links.has(name)) continue;
      xml = xml.replace(/(\s*)<ConfigName>/, `$1<${name}></${name}>$1<ConfigName>`);
    }
    xml = links.has(name)
      ? xml.replace(element, `$1<${name}>${escapeXml(documentUrl(state, query))}</${name}>`)
      : xml.replace(element, '');
  }
  if (links.has('RemoteAccessInfo')) {
    xml = xml.replace(/(\s*)<RoleInstanceList>/, `$1<RemoteAccessInfo>${escapeXml(documentUrl(state, 'comp=remoteaccess'))}</RemoteAccessInfo>$1<RoleInstanceList>`);
  }
  return xml;
}

/**
 * The WireServer's error body (Azure/WALinuxAgent#2960), e.g. for 410 `ResourceNotAvailable`.
 * @param code - `Error/Code`.
 * @param message - `Error/Message`.
 */
export function errorBody(code: string, message: string): string {
  return '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<Error xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message><Details></Details></Error>`;
}

/** The 410 body of a stale incarnation or container, verbatim from Azure/WALinuxAgent#2960. */
export const GONE_BODY = errorBody('ResourceNotAvailable', 'The resource requested is no longer available. Please refresh your cache.');
