/**
 * `wireserver provision [--ovf FILE]`: the reference client's whole first-boot flow, as a
 * provisioning agent runs it (and as the conformance kit judges it): version check, goal state,
 * `NotReady/Provisioning`, certificates, ovf-env SSH keys when a document is given, one HostGAPlugin
 * vmSettings read (optional: provisioning needs only the WireServer), then `Ready`. No OS changes.
 * @module
 */
import type { CertificateBundle } from '../crypto/certificates';
import { isWireServerError } from '../errors';
import { provision } from '../client/provision';
import { WireServerClient, type WireServerClientOptions } from '../client/wireserver-client';

/** What {@link provisionVm} did. */
export interface ProvisionSummary {
  /** The incarnation Ready was reported for. */
  readonly incarnation: string;
  /** How many certificates were decrypted. */
  readonly certificates: number;
  /** SSH keys from ovf-env resolved (0 without a document). */
  readonly sshKeys: number;
  /** The vmSettings source HostGAPlugin named, or why there was none. */
  readonly vmSettings: string;
}

/** HostGAPlugin is optional: one try, a short time limit. */
const HOST_GA_PLUGIN_TIMEOUT_MS = 5000;

async function readVmSettings(options: WireServerClientOptions): Promise<string> {
  const client = new WireServerClient({
    ...options,
    timeoutMs: Math.min(options.timeoutMs ?? HOST_GA_PLUGIN_TIMEOUT_MS, HOST_GA_PLUGIN_TIMEOUT_MS),
    retry: { ...options.retry, maxAttempts: 1 },
  });
  try {
    const answer = await client.getVmSettings();
    const source = /"extensionGoalStatesSource"\s*:\s*"([A-Za-z]{1,20})"/.exec(answer.body ?? '')?.[1];
    return source ?? `HTTP ${answer.status}`;
  } catch (error) {
    return `unavailable (${isWireServerError(error) ? error.code : 'error'})`;
  }
}

/**
 * Provisions against the WireServer the options name.
 * @param options - Client options (endpoint, timeouts, retry).
 * @param ovfEnvXml - The text of ovf-env.xml, if the caller has the media.
 * @throws The client's errors, after a `ProvisioningFailed` report when the WireServer answered.
 */
export async function provisionVm(options: WireServerClientOptions, ovfEnvXml?: string): Promise<ProvisionSummary> {
  const client = new WireServerClient(options);
  let vmSettings = 'not asked';
  if (ovfEnvXml !== undefined) {
    const data = await provision({
      client,
      ovfEnvXml,
      apply: async () => {
        vmSettings = await readVmSettings(options);
      },
    });
    return {
      incarnation: (await client.getGoalState()).Incarnation,
      certificates: data.certificates.certificates.length,
      sshKeys: data.sshKeys.length,
      vmSettings,
    };
  }
  await client.checkVersion();
  await client.refreshGoalState();
  let certificates: CertificateBundle;
  try {
    await client.reportProvisioning();
    certificates = await client.getCertificates();
    vmSettings = await readVmSettings(options);
    await client.reportReady();
  } catch (error) {
    try {
      await client.reportFailure(isWireServerError(error) ? `${error.code}: ${error.message}` : 'provisioning failed');
    } catch {
      // The original error matters more than the failed report.
    }
    throw error;
  }
  return { incarnation: (await client.getGoalState()).Incarnation, certificates: certificates.certificates.length, sshKeys: 0, vmSettings };
}
