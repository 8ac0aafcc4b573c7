/**
 * End-to-end provisioning as an image builder needs it: what WALinuxAgent's daemon does up to
 * "report ready", minus the OS changes (creating the user, writing keys), which the caller does in
 * `apply` with the resolved data.
 * @module
 */
import { resolveSshKeys, type CertificateBundle, type ResolvedSshKey } from '../crypto/certificates';
import { isWireServerError } from '../errors';
import type { GoalState } from '../models/goal-state';
import { parseOvfEnv, type OvfEnv } from '../models/ovf-env';
import type { WireServerClient } from './wireserver-client';

/** What provisioning found, handed to `apply` and returned. */
export interface ProvisioningData {
  /** The goal state provisioning ran against. */
  readonly goalState: GoalState;
  /** The parsed ovf-env.xml. */
  readonly ovf: OvfEnv;
  /** The decrypted certificates (empty when the goal state has none). */
  readonly certificates: CertificateBundle;
  /** The SSH keys ovf-env.xml asks for, resolved against the certificates. */
  readonly sshKeys: readonly ResolvedSshKey[];
}

/** Options of {@link provision}. */
export interface ProvisionOptions {
  /** The client (its endpoint and retry policy). */
  readonly client: WireServerClient;
  /** The text of ovf-env.xml, read from the provisioning media before anything is reported (docs/flows/report-ready.mdx: Ready removes the media). */
  readonly ovfEnvXml: string;
  /** Makes the OS changes; a throw is reported as ProvisioningFailed. */
  readonly apply?: (data: ProvisioningData) => Promise<void> | void;
}

/**
 * Provisions: version check, goal state, `NotReady/Provisioning`, certificates, ovf-env SSH keys,
 * `apply`, then `Ready`. Any failure after the WireServer answered is reported as
 * `NotReady/ProvisioningFailed` with the error's message (secret-free by design), so the platform
 * does not wait 20 minutes for a timeout (Azure/azure-init#58); the error is then rethrown.
 * @param options - Client, ovf-env.xml text and the OS step.
 * @returns What was provisioned.
 */
export async function provision(options: ProvisionOptions): Promise<ProvisioningData> {
  const { client } = options;
  await client.checkVersion();
  await client.refreshGoalState();
  try {
    const ovf = parseOvfEnv(options.ovfEnvXml);
    await client.reportProvisioning();
    const certificates = await client.getCertificates();
    const goalState = await client.getGoalState();
    const data: ProvisioningData = { goalState, ovf, certificates, sshKeys: resolveSshKeys(ovf, certificates) };
    await options.apply?.(data);
    await client.reportReady();
    return data;
  } catch (error) {
    const description = isWireServerError(error) ? `${error.code}: ${error.message}` : 'provisioning failed';
    try {
      await client.reportFailure(description);
    } catch {
      // The original error matters more than the failed report.
    }
    throw error;
  }
}
