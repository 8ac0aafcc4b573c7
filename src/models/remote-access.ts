/**
 * `RemoteAccess`: the JIT user accounts at `GoalState/Container/RemoteAccessInfo`.
 * @module
 */
import { childElements, optionalChild, optionalText, requiredChild, requiredText, rootElement } from '../xml/dom';
import { parseXmlSafely } from '../xml/safe-parse';

/**
 * One JIT user account.
 * @category RemoteAccess
 */
export interface RemoteAccessUser {
  /** The user name. */
  readonly Name: string;
  /** Base64 DER CMS EnvelopedData for the transport certificate; the plaintext is UTF-16LE. */
  readonly Password: string;
  /** Expiry as sent (`Mon, 01 Jan 2019 00:00:00 UTC` in the handler, `2019-01-01` in fixtures). */
  readonly Expiration: string;
  /** Groups (WALinuxAgent ignores them). */
  readonly Groups?: { readonly GroupName: readonly string[] };
}

/**
 * The remote-access (JIT) accounts of the VM.
 * @category RemoteAccess
 */
export interface RemoteAccess {
  /** Document version, `1`. */
  readonly Version?: string;
  /** The incarnation. */
  readonly Incarnation?: string;
  /** The users; may be empty. */
  readonly Users: { readonly User: readonly RemoteAccessUser[] };
}

/**
 * Parses a `RemoteAccess` document.
 * @param xml - The response body.
 * @category RemoteAccess
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseRemoteAccess(xml: string): RemoteAccess {
  const root = rootElement(parseXmlSafely(xml, 'RemoteAccess'), 'RemoteAccess');
  const version = optionalText(root, 'Version');
  const incarnation = optionalText(root, 'Incarnation');
  return {
    ...(version !== undefined ? { Version: version } : {}),
    ...(incarnation !== undefined ? { Incarnation: incarnation } : {}),
    Users: {
      User: childElements(requiredChild(root, 'Users'), 'User').map((user): RemoteAccessUser => {
        const groups = optionalChild(user, 'Groups');
        return {
          Name: requiredText(user, 'Name'),
          Password: requiredText(user, 'Password'),
          Expiration: requiredText(user, 'Expiration'),
          ...(groups ? { Groups: { GroupName: childElements(groups, 'GroupName').map((g) => g.text().trim()) } } : {}),
        };
      }),
    },
  };
}
