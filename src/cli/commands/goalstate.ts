/**
 * `wireserver goalstate`: the goal state and the documents it links.
 * @module
 */
import { LINKED_DOCUMENTS } from '../../client/documents';
import { makeClient, type CommandContext } from '../options';

/**
 * Fetches the goal state and prints its identity and links.
 * @param ctx - The command's context.
 */
export async function goalStateCommand(ctx: CommandContext): Promise<void> {
  ctx.expectArgs(0, 'no arguments');
  const goalState = (await makeClient(ctx.values, ctx.io).refreshGoalState()).goalState;
  const instance = goalState.Container.RoleInstanceList?.RoleInstance[0];
  ctx.print(
    goalState,
    [
      `Incarnation ${goalState.Incarnation}`,
      `ContainerId ${goalState.Container.ContainerId}`,
      `InstanceId ${instance?.InstanceId ?? ''}`,
      ...LINKED_DOCUMENTS.filter((d) =>
        d.name === 'RemoteAccessInfo'
          ? goalState.Container.RemoteAccessInfo
          : instance?.Configuration[d.name as Exclude<typeof d.name, 'RemoteAccessInfo'>],
      ).map((d) => `links ${d.cliName}`),
    ].join('\n'),
  );
}
