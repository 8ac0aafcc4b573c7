/**
 * `wireserver report-failure --description TEXT`: a NotReady/ProvisioningFailed health report.
 * @module
 */
import { makeClient, type CommandContext } from '../options';
import { UsageError } from '../runner';

/**
 * Posts NotReady/ProvisioningFailed with the description.
 * @param ctx - The command's context.
 */
export async function reportFailureCommand(ctx: CommandContext): Promise<void> {
  ctx.expectArgs(0, 'no arguments');
  const description = ctx.values.description;
  if (description === undefined || description.trim() === '') throw new UsageError('report-failure needs --description TEXT');
  await makeClient(ctx.values, ctx.io).reportFailure(description);
  ctx.print({ reported: 'NotReady', subStatus: 'ProvisioningFailed' }, 'reported NotReady/ProvisioningFailed');
}
