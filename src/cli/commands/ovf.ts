/**
 * `wireserver ovf <path>`: an ovf-env.xml, without its password and custom data.
 * @module
 */
import { linuxConfigurationSet, parseOvfEnv } from '../../models/ovf-env';
import { REDACTED } from '../../redact/redact';
import { readLocal, type CommandContext } from '../options';

/**
 * Reads an ovf-env.xml and prints what it provisions; secrets are never printed.
 * @param ctx - The command's context.
 */
export async function ovfCommand(ctx: CommandContext): Promise<void> {
  ctx.expectArgs(1, 'the path of ovf-env.xml');
  const env = parseOvfEnv(readLocal(ctx.args[0] ?? '').toString('utf8'));
  const set = linuxConfigurationSet(env);
  const safe = {
    ...env,
    ProvisioningSection: {
      ...env.ProvisioningSection,
      LinuxProvisioningConfigurationSet: {
        ...set,
        ...(set.UserPassword !== undefined ? { UserPassword: REDACTED } : {}),
        ...(set.CustomData !== undefined ? { CustomData: REDACTED } : {}),
      },
    },
  };
  const keys = [
    ...(set.SSH?.PublicKeys?.PublicKey ?? []).map(
      (k) => `public key ${k.Value ? 'inline' : `fingerprint ${k.Fingerprint ?? '?'}`} -> ${k.Path}`,
    ),
    ...(set.SSH?.KeyPairs?.KeyPair ?? []).map((k) => `key pair fingerprint ${k.Fingerprint} -> ${k.Path}`),
  ];
  ctx.print(
    safe,
    [
      `HostName ${set.HostName}`,
      `UserName ${set.UserName}`,
      `password ${set.UserPassword ? 'set' : 'not set'}`,
      `custom data ${set.CustomData ? `${Buffer.from(set.CustomData, 'base64').length} bytes` : 'none'}`,
      ...keys,
      ...Object.entries(env.PlatformSettingsSection?.PlatformSettings ?? {}).map(([k, v]) => `${k} ${v}`),
    ].join('\n'),
  );
}
