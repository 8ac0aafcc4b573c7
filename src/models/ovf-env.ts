/**
 * `ovf-env.xml`: the provisioning document on the VM's provisioning media (not fetched over HTTP).
 * It is the one namespaced document: elements are matched by namespace URI, never by prefix, so the
 * media form (`wa:` plus a redeclared default namespace) and the re-serialized `ns0:`/`ns1:` form
 * that cloud-init writes back both parse (docs/ovf-env.mdx).
 * @module
 */
import { WireServerError } from '../errors';
import { childElements, optionalChild, optionalText, requiredChild, requiredText } from '../xml/dom';
import { parseXmlSafely, type XmlElement } from '../xml/safe-parse';

/** The OVF environment namespace (the root element). */
export const OVF_NAMESPACE = 'http://schemas.dmtf.org/ovf/environment/1';
/** The Windows Azure namespace (everything below the root). */
export const WA_NAMESPACE = 'http://schemas.microsoft.com/windowsazure';

/**
 * An SSH public key to install: inline (`Value`) or by certificate thumbprint (`Fingerprint`).
 * @category OvfEnv
 */
export interface OvfPublicKey {
  /** SHA-1 thumbprint of a certificate in the certificates payload. */
  readonly Fingerprint?: string;
  /** Where to append the key, e.g. `$HOME/<user>/.ssh/authorized_keys`. */
  readonly Path: string;
  /** An OpenSSH public key line; it wins over `Fingerprint`. */
  readonly Value?: string;
}

/**
 * An SSH key pair to install from a certificate with a private key.
 * @category OvfEnv
 */
export interface OvfKeyPair {
  /** SHA-1 thumbprint of a certificate with a private key. */
  readonly Fingerprint: string;
  /** Where to write the private key, e.g. `$HOME/<user>/.ssh/id_rsa`. */
  readonly Path: string;
}

/**
 * The Linux provisioning settings.
 * @category OvfEnv
 */
export interface LinuxProvisioningConfigurationSet {
  /** `LinuxProvisioningConfiguration`. */
  readonly ConfigurationSetType?: string;
  /** The host name to set. */
  readonly HostName: string;
  /** The administrator user to create. */
  readonly UserName: string;
  /** The administrator's plaintext password (a secret: never log it). */
  readonly UserPassword?: string;
  /** Raw text, `true`/`false` compared case-insensitively; missing means false. */
  readonly DisableSshPasswordAuthentication?: string;
  /** SSH keys. */
  readonly SSH?: {
    /** Public keys to authorize. */
    readonly PublicKeys?: { readonly PublicKey: readonly OvfPublicKey[] };
    /** Key pairs to install. */
    readonly KeyPairs?: { readonly KeyPair: readonly OvfKeyPair[] };
  };
  /** Base64 custom data (a secret-bearing user payload: never log it). */
  readonly CustomData?: string;
}

/**
 * Platform settings; values are kept as sent (`true`, `false`, empty, or text).
 * @category OvfEnv
 */
export interface OvfPlatformSettings {
  /** KMS host, e.g. `kms.core.windows.net`. */
  readonly KmsServerHostname?: string;
  /** `false` disables the guest agent; WALinuxAgent fails on an empty value and treats other text as true. */
  readonly ProvisionGuestAgent?: string;
  /** Usually `xsi:nil`; read as the empty string. */
  readonly GuestAgentPackageName?: string;
  /** Windows only. */
  readonly RetainWindowsPEPassInUnattend?: string;
  /** Windows only. */
  readonly RetainOfflineServicingPassInUnattend?: string;
  /** Whether the VM is pre-provisioned. */
  readonly PreprovisionedVm?: string;
  /** `Running`, `Savable`, or nil (cloud-init's casing). */
  readonly PreprovisionedVMType?: string;
  /** Whether to provision the guest proxy agent. */
  readonly ProvisionGuestProxyAgent?: string;
  /** Whether the trusted image identifier is enabled (recent media; no client reads it). */
  readonly EnableTrustedImageIdentifier?: string;
  /** Windows: activate with Automatic VM Activation. */
  readonly UseAVMA?: string;
}

/**
 * The Windows configuration set (Windows VMs, handled by the Windows guest agent). Inferred from the
 * Service Management configuration-set model: no Windows capture is in the corpus.
 * @category OvfEnv
 */
export interface WindowsProvisioningConfigurationSet {
  /** `WindowsProvisioningConfiguration`. */
  readonly ConfigurationSetType: string;
  /** The computer name. */
  readonly ComputerName: string;
  /** The administrator password (plaintext on the media; never logged). */
  readonly AdminPassword?: string;
  /** The administrator account name. */
  readonly AdminUsername?: string;
  /** Raw boolean text; compare case-insensitively. */
  readonly EnableAutomaticUpdates?: string;
  /** A Windows time-zone name. */
  readonly TimeZone?: string;
  /** Base64 custom data. */
  readonly CustomData?: string;
}

/**
 * The `Environment` document.
 * @category OvfEnv
 */
export interface OvfEnv {
  /** What to provision. */
  readonly ProvisioningSection: {
    /** `1.0`. */
    readonly Version: string;
    /** The Linux settings; exactly one of the two configuration sets is present. */
    readonly LinuxProvisioningConfigurationSet?: LinuxProvisioningConfigurationSet;
    /** The Windows settings; exactly one of the two configuration sets is present. */
    readonly WindowsProvisioningConfigurationSet?: WindowsProvisioningConfigurationSet;
  };
  /** Platform settings (required by WALinuxAgent since 2.2.31; absent in some older fixtures). */
  readonly PlatformSettingsSection?: {
    /** `1.0`. */
    readonly Version: string;
    /** The settings. */
    readonly PlatformSettings: OvfPlatformSettings;
  };
}

const PLATFORM_SETTINGS = ['KmsServerHostname', 'ProvisionGuestAgent', 'GuestAgentPackageName', 'RetainWindowsPEPassInUnattend',
  'RetainOfflineServicingPassInUnattend', 'PreprovisionedVm', 'PreprovisionedVMType', 'ProvisionGuestProxyAgent', 'EnableTrustedImageIdentifier', 'UseAVMA'] as const;

function optionalFields<K extends string>(element: XmlElement, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const text = optionalText(element, name, WA_NAMESPACE);
    if (text !== undefined) out[name] = text;
  }
  return out;
}

function parseSsh(ssh: XmlElement): NonNullable<LinuxProvisioningConfigurationSet['SSH']> {
  const publicKeys = optionalChild(ssh, 'PublicKeys', WA_NAMESPACE);
  const keyPairs = optionalChild(ssh, 'KeyPairs', WA_NAMESPACE);
  return {
    ...(publicKeys ? {
      PublicKeys: {
        PublicKey: childElements(publicKeys, 'PublicKey', WA_NAMESPACE).map((key) => ({
          ...optionalFields(key, ['Fingerprint'] as const),
          Path: requiredText(key, 'Path', WA_NAMESPACE),
          ...optionalFields(key, ['Value'] as const),
        })),
      },
    } : {}),
    ...(keyPairs ? {
      KeyPairs: {
        KeyPair: childElements(keyPairs, 'KeyPair', WA_NAMESPACE).map((pair) => ({
          Fingerprint: requiredText(pair, 'Fingerprint', WA_NAMESPACE),
          Path: requiredText(pair, 'Path', WA_NAMESPACE),
        })),
      },
    } : {}),
  };
}

function parseLinuxSet(set: XmlElement): LinuxProvisioningConfigurationSet {
  const ssh = optionalChild(set, 'SSH', WA_NAMESPACE);
  return {
    ...optionalFields(set, ['ConfigurationSetType'] as const),
    HostName: requiredText(set, 'HostName', WA_NAMESPACE),
    UserName: requiredText(set, 'UserName', WA_NAMESPACE),
    ...optionalFields(set, ['UserPassword', 'DisableSshPasswordAuthentication'] as const),
    ...(ssh ? { SSH: parseSsh(ssh) } : {}),
    ...optionalFields(set, ['CustomData'] as const),
  };
}

function parseWindowsSet(set: XmlElement): WindowsProvisioningConfigurationSet {
  return {
    ConfigurationSetType: requiredText(set, 'ConfigurationSetType', WA_NAMESPACE),
    ComputerName: requiredText(set, 'ComputerName', WA_NAMESPACE),
    ...optionalFields(set, ['AdminPassword', 'AdminUsername', 'EnableAutomaticUpdates', 'TimeZone', 'CustomData'] as const),
  };
}

/**
 * The Linux configuration set of an ovf-env.xml: what the reference client provisions.
 * @param env - The parsed document.
 * @category OvfEnv
 * @throws {@link WireServerError} `XML_MISSING_ELEMENT` when the document provisions Windows.
 */
export function linuxConfigurationSet(env: OvfEnv): LinuxProvisioningConfigurationSet {
  const set = env.ProvisioningSection.LinuxProvisioningConfigurationSet;
  if (!set) throw new WireServerError('XML_MISSING_ELEMENT', 'ovf-env.xml has a WindowsProvisioningConfigurationSet and no LinuxProvisioningConfigurationSet; the reference client provisions Linux only');
  return set;
}

/**
 * Parses an `ovf-env.xml` document, whatever prefixes it uses.
 * @param xml - The document.
 * @category OvfEnv
 * @throws {@link WireServerError} when the XML is unsafe, malformed, not an OVF `Environment` or lacks a required element.
 */
export function parseOvfEnv(xml: string): OvfEnv {
  const root = parseXmlSafely(xml, 'ovf-env.xml').root();
  if (!root || root.name() !== 'Environment' || root.namespace()?.href() !== OVF_NAMESPACE) {
    throw new WireServerError('XML_UNEXPECTED_ROOT', `expected root element <Environment> in ${OVF_NAMESPACE}`, { line: root?.line() ?? 0 });
  }
  const provisioning = requiredChild(root, 'ProvisioningSection', WA_NAMESPACE);
  const windows = optionalChild(provisioning, 'WindowsProvisioningConfigurationSet', WA_NAMESPACE);
  const platform = optionalChild(root, 'PlatformSettingsSection', WA_NAMESPACE);
  return {
    ProvisioningSection: {
      Version: requiredText(provisioning, 'Version', WA_NAMESPACE),
      ...(windows
        ? { WindowsProvisioningConfigurationSet: parseWindowsSet(windows) }
        : { LinuxProvisioningConfigurationSet: parseLinuxSet(requiredChild(provisioning, 'LinuxProvisioningConfigurationSet', WA_NAMESPACE)) }),
    },
    ...(platform ? {
      PlatformSettingsSection: {
        Version: requiredText(platform, 'Version', WA_NAMESPACE),
        PlatformSettings: optionalFields(requiredChild(platform, 'PlatformSettings', WA_NAMESPACE), PLATFORM_SETTINGS),
      },
    } : {}),
  };
}
