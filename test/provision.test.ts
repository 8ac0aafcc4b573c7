import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { provision } from '../src/client/provision';
import { WireServerClient } from '../src/client/wireserver-client';
import { createTransportCredentials } from '../src/crypto/transport';
import { MockWireServer } from '../src/mock/mock-wireserver';
import { linuxConfigurationSet } from '../src/models/ovf-env';
import { fastRetry } from './helpers/fast-retry';
import { CORPUS } from './helpers/paths';

/** The corpus ovf-env.xml with its SSH keys pointing at the mock's certificates (public key by fingerprint, key pair from the tenant cert). */
function ovfFor(mock: MockWireServer, publicKeyThumbprint: string): string {
  return fs
    .readFileSync(path.join(CORPUS, 'ovf-env.xml'), 'utf8')
    .replace('<Value>ssh-rsa AAAANOTAREALKEY== foo@bar.local</Value>', '')
    .replace(
      /<Fingerprint>EB0C[0-9A-F]+<\/Fingerprint>(\s*<Path>\$HOME\/UserName\/.ssh\/authorized_keys)/,
      `<Fingerprint>${publicKeyThumbprint}</Fingerprint>$1`,
    )
    .replace(
      /<Fingerprint>EB0C[0-9A-F]+<\/Fingerprint>(\s*<Path>\$HOME\/UserName\/.ssh\/id_rsa)/,
      `<Fingerprint>${mock.thumbprints[0] ?? ''}</Fingerprint>$1`,
    );
}

const transport = createTransportCredentials();

describe('provisioning end to end against the mock, under injected faults', () => {
  it('reports exactly one valid Ready with the current incarnation', async () => {
    const mock = new MockWireServer({ tenant: transport });
    const endpoint = await mock.start();
    try {
      mock.inject(
        { route: 'versions', fault: { kind: 'status', status: 503 } },
        { route: 'goalstate', fault: { kind: 'drop' } },
        { route: 'goalstate', fault: { kind: 'garbage' } },
        { route: 'certificates', fault: { kind: 'status', status: 500 } },
        { route: 'certificates', fault: { kind: 'truncate' } },
        { route: 'health', fault: { kind: 'status', status: 429 } },
        { route: 'health', fault: { kind: 'bumpIncarnation' } },
        { route: 'certificates', fault: { kind: 'delay', ms: 300 } },
      );
      const retry = fastRetry();
      const client = new WireServerClient({ endpoint, retry: retry.policy, timeoutMs: 150, transport });
      const applied: string[] = [];
      const data = await provision({
        client,
        ovfEnvXml: ovfFor(mock, mock.thumbprints[1] ?? ''),
        apply: (d) => {
          applied.push(linuxConfigurationSet(d.ovf).UserName);
        },
      });
      assert.equal(mock.pendingFaults, 0);
      assert.deepEqual(applied, ['UserName']);
      assert.deepEqual(
        data.sshKeys.map((k) => [k.kind, k.thumbprint]),
        [
          ['authorized_keys', mock.thumbprints[1]],
          ['keypair', mock.thumbprints[0]],
        ],
      );
      assert.ok(data.sshKeys[1]?.privateKey);

      const accepted = mock.healthReports.filter((r) => r.valid && r.status === 200);
      const ready = accepted.filter((r) => r.health?.Container.RoleInstanceList.Role[0]?.Health.State === 'Ready');
      assert.equal(ready.length, 1);
      assert.equal(ready[0]?.health?.GoalStateIncarnation, mock.incarnation);
      assert.equal(ready[0]?.health?.Container.ContainerId, mock.containerId);
      assert.ok(mock.healthReports.every((r) => r.valid));
      assert.equal(accepted.length, 2, 'one Provisioning, one Ready');
      assert.equal(mock.incarnation, '2');
      assert.ok(retry.waits.length >= 6);
    } finally {
      await mock.stop();
    }
  });

  it('reports ProvisioningFailed (and no Ready) when ovf-env asks for a key the payload lacks', async () => {
    const mock = new MockWireServer({ tenant: transport });
    const endpoint = await mock.start();
    try {
      const client = new WireServerClient({ endpoint, retry: fastRetry().policy, transport });
      await assert.rejects(provision({ client, ovfEnvXml: ovfFor(mock, '0'.repeat(40)) }), { code: 'PROTOCOL_MISSING_DOCUMENT' });
      const states = mock.healthReports.map((r) => r.health?.Container.RoleInstanceList.Role[0]?.Health);
      assert.deepEqual(
        states.map((h) => [h?.State, h?.Details?.SubStatus]),
        [
          ['NotReady', 'Provisioning'],
          ['NotReady', 'ProvisioningFailed'],
        ],
      );
      assert.match(states[1]?.Details?.Description ?? '', /^PROTOCOL_MISSING_DOCUMENT: no certificate has thumbprint 0{40}$/);
    } finally {
      await mock.stop();
    }
  });

  it('reports ProvisioningFailed when ovf-env.xml is broken, before touching certificates', async () => {
    const mock = new MockWireServer({ tenant: transport });
    const endpoint = await mock.start();
    try {
      const client = new WireServerClient({ endpoint, retry: fastRetry().policy, transport });
      await assert.rejects(provision({ client, ovfEnvXml: '<Environment' }), { code: 'XML_NOT_WELL_FORMED' });
      assert.equal(mock.healthReports.length, 1);
      assert.equal(mock.healthReports[0]?.health?.Container.RoleInstanceList.Role[0]?.Health.Details?.SubStatus, 'ProvisioningFailed');
      assert.equal(mock.requests.filter((r) => r.route === 'certificates').length, 0);
    } finally {
      await mock.stop();
    }
  });
});
