/**
 * `wireserver report-ready`: a Ready health report.
 * @module
 */
import { makeClient, type CommandContext } from '../options';

/**
 * Posts Ready.
 * @param ctx - The command's context.
 */
export async function reportReadyCommand(ctx: CommandContext): Promise<void> {
  ctx.expectArgs(0, 'no arguments');
  await makeClient(ctx.values, ctx.io).reportReady();
  ctx.print({ reported: 'Ready' }, 'reported Ready');
}
