/**
 * `ovf-env.xml`: the provisioning document on the VM's provisioning media (not fetched over HTTP).
 * It is the one namespaced document: elements are matched by namespace URI, never by prefix, so the
 * media form (`wa:` plus a redeclared default namespace) and the re-serialized `ns0:`/`ns1:` form
 * that cloud-init writes back both parse (see OVF-2 on the ovf-env page). The model and reader are generated
 * from schemas/ovf-env.xsd (src/models/generated/ovf-env.ts); this module adds the choice of the
 * Linux configuration set.
 * @module
 */
import { WireServerError } from '../errors';
import type { LinuxProvisioningConfigurationSet, OvfEnv } from './generated/ovf-env';

export * from './generated/ovf-env';

/**
 * The Linux configuration set of an ovf-env.xml: what the reference client provisions.
 * @param env - The parsed document.
 * @category OvfEnv
 * @throws {@link WireServerError} `XML_MISSING_ELEMENT` when the document provisions Windows.
 */
export function linuxConfigurationSet(env: OvfEnv): LinuxProvisioningConfigurationSet {
  const set = env.ProvisioningSection.LinuxProvisioningConfigurationSet;
  if (!set)
    throw new WireServerError(
      'XML_MISSING_ELEMENT',
      'ovf-env.xml has a WindowsProvisioningConfigurationSet and no LinuxProvisioningConfigurationSet; ' +
        'the reference client provisions Linux only',
    );
  return set;
}
