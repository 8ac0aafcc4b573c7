/**
 * `wireserver versions`: the protocol versions the WireServer speaks.
 * @module
 */
import { makeClient, type CommandContext } from '../options';

/**
 * Fetches the versions and checks that 2012-11-30 is supported.
 * @param ctx - The command's context.
 */
export async function versionsCommand(ctx: CommandContext): Promise<void> {
  ctx.expectArgs(0, 'no arguments');
  const versions = await makeClient(ctx.values, ctx.io).checkVersion();
  ctx.print(versions, `preferred ${versions.Preferred.Version}; supported ${versions.Supported.Version.join(', ')}; 2012-11-30 supported`);
}
