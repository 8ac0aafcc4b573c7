/**
 * `wireserver provision [--ovf FILE]`: the reference client's whole first boot, as a provisioning
 * agent runs it (and as the conformance kit judges it).
 * @module
 */
import { provisionVm } from '../provision';
import { discover, integerOption, readLocal, type CommandContext } from '../options';

/**
 * Runs the first boot and reports Ready.
 * @param ctx - The command's context.
 */
export async function provisionCommand(ctx: CommandContext): Promise<void> {
  ctx.expectArgs(0, 'no arguments');
  const { values } = ctx;
  const ovf = values.ovf === undefined ? undefined : readLocal(values.ovf).toString('utf8');
  const timeoutMs = integerOption(values, 'timeout');
  const budgetMs = integerOption(values, 'retry-budget');
  const summary = await provisionVm(
    {
      endpoint: discover(values),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(budgetMs !== undefined ? { retry: { budgetMs } } : {}),
    },
    ovf,
  );
  ctx.print(
    summary,
    `provisioned: incarnation ${summary.incarnation}, ${summary.certificates} certificate(s), ${summary.sshKeys} SSH key(s), ` +
      `vmSettings ${summary.vmSettings}; Ready reported`,
  );
}
