import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseCertificateFile } from '../src/models/certificate-file';
import { linuxConfigurationSet, parseOvfEnv } from '../src/models/ovf-env';
import { parseRemoteAccess } from '../src/models/remote-access';
import { CORPUS, EXAMPLES } from './helpers/paths';

const read = (...parts: string[]) => fs.readFileSync(path.join(CORPUS, ...parts), 'utf8');

/** The media form rewritten as ElementTree does (cloud-init's ns0:/ns1: fixtures), prefixes only. */
function reserialize(xml: string): string {
  return xml
    .replace(
      /<Environment [^>]*>/,
      '<ns0:Environment xmlns:ns0="http://schemas.dmtf.org/ovf/environment/1" xmlns:ns1="http://schemas.microsoft.com/windowsazure" ' +
        'xmlns:ns2="http://www.w3.org/2001/XMLSchema-instance">',
    )
    .replace('</Environment>', '</ns0:Environment>')
    .replace(/ xmlns="http:\/\/schemas.microsoft.com\/windowsazure" xmlns:i="[^"]+"/, '')
    .replace(/<(\/?)wa:/g, '<$1ns1:')
    .replace(/<(\/?)(?!ns\d:)([A-Z]\w*)/g, '<$1ns1:$2')
    .replace(/xsi:nil/g, 'ns2:nil');
}

const EXPECTED = {
  ProvisioningSection: {
    Version: '1.0',
    LinuxProvisioningConfigurationSet: {
      ConfigurationSetType: 'LinuxProvisioningConfiguration',
      HostName: 'HostName',
      UserName: 'UserName',
      UserPassword: 'UserPassword',
      DisableSshPasswordAuthentication: 'false',
      SSH: {
        PublicKeys: {
          PublicKey: [
            {
              Fingerprint: 'EB0C0AB4B2D5FC35F2F0658D19F44C8283E2DD62',
              Path: '$HOME/UserName/.ssh/authorized_keys',
              Value: 'ssh-rsa AAAANOTAREALKEY== foo@bar.local',
            },
          ],
        },
        KeyPairs: { KeyPair: [{ Fingerprint: 'EB0C0AB4B2D5FC35F2F0658D19F44C8283E2DD62', Path: '$HOME/UserName/.ssh/id_rsa' }] },
      },
      CustomData: 'CustomData',
    },
  },
  PlatformSettingsSection: {
    Version: '1.0',
    PlatformSettings: {
      KmsServerHostname: 'kms.core.windows.net',
      ProvisionGuestAgent: 'false',
      GuestAgentPackageName: '',
      RetainWindowsPEPassInUnattend: 'true',
      RetainOfflineServicingPassInUnattend: 'true',
      PreprovisionedVm: 'false',
    },
  },
};

describe('parseOvfEnv', () => {
  it('reads every field of the media form (ovf-env.xml)', () => {
    assert.deepEqual(parseOvfEnv(read('ovf-env.xml')), EXPECTED);
  });

  it('reads the re-serialized ns0:/ns1: form identically', () => {
    const xml = reserialize(read('ovf-env.xml'));
    assert.match(xml, /<ns1:HostName>/);
    assert.doesNotMatch(xml, /<wa:|<HostName/);
    assert.deepEqual(parseOvfEnv(xml), EXPECTED);
  });

  it('keeps ProvisionGuestAgent as sent (ovf-env-2, -3, -4)', () => {
    const value = (file: string) => parseOvfEnv(read(file)).PlatformSettingsSection?.PlatformSettings.ProvisionGuestAgent;
    assert.deepEqual(['ovf-env-2.xml', 'ovf-env-3.xml', 'ovf-env-4.xml'].map(value), ['true', '', 'bad data']);
  });

  it('matches by namespace, not by prefix or local name', () => {
    const wrong = read('ovf-env.xml').replace('xmlns="http://schemas.microsoft.com/windowsazure"', 'xmlns="urn:other"');
    assert.throws(() => parseOvfEnv(wrong), { code: 'XML_MISSING_ELEMENT' });
    assert.throws(() => parseOvfEnv('<Environment/>'), { code: 'XML_UNEXPECTED_ROOT' });
    assert.throws(() => parseOvfEnv('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Environment/>'), {
      code: 'XML_DOCTYPE_FORBIDDEN',
    });
  });
});

describe('parseRemoteAccess and parseCertificateFile', () => {
  it('reads the RemoteAccess fixtures', () => {
    const two = parseRemoteAccess(read('wire', 'remote_access_two_accounts.xml'));
    assert.deepEqual(
      two.Users.User.map((u) => u.Name),
      ['testAccount1', 'testAccount2'],
    );
    assert.deepEqual(two.Users.User[0]?.Groups, { GroupName: ['Administrators', 'RemoteDesktopUsers'] });
    assert.deepEqual(parseRemoteAccess(read('wire', 'remote_access_no_accounts.xml')), {
      Version: '1',
      Incarnation: '1',
      Users: { User: [] },
    });
    assert.equal(parseRemoteAccess(read('wire', 'remote_access_10_accounts.xml')).Users.User.length, 10);
  });

  it('reads CertificateFile with and without Format', () => {
    const file = parseCertificateFile(read('wire', 'certs.xml'));
    assert.equal(file.Format, 'Pkcs7BlobWithPfxContents');
    assert.match(file.Data ?? '', /^MII/);
    assert.equal(parseCertificateFile(read('wire', 'certs_no_format_specified.xml')).Format, '');
  });
});

describe('parseOvfEnv: Windows', () => {
  it('reads the Windows configuration set, and the Linux-only client refuses it clearly', () => {
    const env = parseOvfEnv(fs.readFileSync(path.join(EXAMPLES, 'Environment', 'windows.xml'), 'utf8'));
    const set = env.ProvisioningSection.WindowsProvisioningConfigurationSet;
    assert.ok(set);
    assert.equal(set.ConfigurationSetType, 'WindowsProvisioningConfiguration');
    assert.match(set.ComputerName, /\S/);
    assert.equal(env.ProvisioningSection.LinuxProvisioningConfigurationSet, undefined);
    assert.throws(() => linuxConfigurationSet(env), { code: 'XML_MISSING_ELEMENT', message: /provisions Linux only/ });
  });
});
