/**
 * `wireserver discover`: where the WireServer is.
 * @module
 */
import { discover, type CommandContext } from '../options';

/**
 * Prints the endpoint and where it was found.
 * @param ctx - The command's context.
 */
export async function discoverCommand(ctx: CommandContext): Promise<void> {
  ctx.expectArgs(0, 'no arguments');
  const found = discover(ctx.values);
  ctx.print(
    found,
    `${found.host}:${found.port} (HostGAPlugin port ${found.hostGAPluginPort}; from ${found.source}${found.file ? ` ${found.file}` : ''})`,
  );
}
