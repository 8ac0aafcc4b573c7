/**
 * The documents a goal state links to, as the client reads them: the table itself is
 * src/protocol/linked-documents.ts, shared with the mock and the validator.
 * @module
 */
import type { GoalState } from '../models/goal-state';
import type { LinkedDocumentName } from '../protocol/linked-documents';

export { LINKED_DOCUMENTS, findLinkedDocument, type LinkedDocument, type LinkedDocumentName } from '../protocol/linked-documents';

/**
 * The URL of a linked document in a goal state (first role instance), if the goal state has one.
 * `RemoteAccessInfo` is read from `Container`, the others from `RoleInstance/Configuration`.
 * @param goalState - The goal state.
 * @param name - Which document.
 */
export function linkedDocumentUrl(goalState: GoalState, name: LinkedDocumentName): string | undefined {
  if (name === 'RemoteAccessInfo') return goalState.Container.RemoteAccessInfo;
  return goalState.Container.RoleInstanceList?.RoleInstance[0]?.Configuration[name];
}
