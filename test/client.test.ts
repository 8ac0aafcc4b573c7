import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { WireServerClient } from '../src/client/wireserver-client';
import { decryptRemoteAccessPassword } from '../src/crypto/certificates';
import { createTransportCredentials, transportCertificateHeader } from '../src/crypto/transport';
import { isWireServerError } from '../src/errors';
import { redactUrl, WireServerHttpError } from '../src/http/http-error';
import { parseHealth } from '../src/models/health';
import { MockWireServer } from '../src/mock/mock-wireserver';
import { validateDocument } from '../src/validate/validate';
import type { Endpoint } from '../src/discovery/endpoint';
import { fastRetry } from './helpers/fast-retry';
import { EXAMPLES } from './helpers/paths';

let mock: MockWireServer;
let endpoint: Endpoint;
/** One transport key pair for every client: RSA generation is the slowest step of these tests. */
const transport = createTransportCredentials();

before(async () => {
  mock = new MockWireServer({ remoteAccess: true, tenant: createTransportCredentials({ commonName: 'TenantEncryptionCert' }) });
  endpoint = await mock.start();
});
after(async () => {
  await mock.stop();
});

function client(retry = fastRetry(), extra: Partial<ConstructorParameters<typeof WireServerClient>[0]> = {}) {
  return { retry, client: new WireServerClient({ endpoint, retry: retry.policy, timeoutMs: 2000, transport, ...extra }) };
}

describe('requests and headers', () => {
  it('checks the version and sends the real agent headers', async () => {
    const { client: c } = client(fastRetry(), { agentName: 'test-agent', agentVersion: '9.9' });
    const start = mock.requests.length;
    const versions = await c.checkVersion();
    assert.ok(versions.Supported.Version.includes('2012-11-30'));
    await c.refreshGoalState();
    const [versionsRequest, goalStateRequest] = mock.requests.slice(start);
    assert.equal(versionsRequest?.route, 'versions');
    assert.equal(versionsRequest?.headers['x-ms-version'], undefined);
    assert.equal(versionsRequest?.headers['user-agent'], 'test-agent/9.9');
    assert.equal(goalStateRequest?.url, '/machine/?comp=goalstate');
    assert.equal(goalStateRequest?.headers['x-ms-agent-name'], 'test-agent');
    assert.equal(goalStateRequest?.headers['x-ms-version'], '2012-11-30');
    assert.equal(goalStateRequest?.headers.connection, 'close');
  });
});

describe('goal state and linked documents', () => {
  it('tracks the incarnation and the container identity', async () => {
    const { client: c } = client();
    const first = await c.refreshGoalState();
    assert.equal(first.incarnationChanged, true);
    assert.equal((await c.refreshGoalState()).incarnationChanged, false);
    mock.bumpIncarnation();
    const bumped = await c.refreshGoalState();
    assert.deepEqual([bumped.incarnationChanged, bumped.identityChanged, bumped.goalState.Incarnation], [true, false, mock.incarnation]);
    mock.bumpIncarnation({ newContainer: true });
    const moved = await c.refreshGoalState();
    assert.equal(moved.identityChanged, true);
    assert.equal(moved.goalState.Container.ContainerId, mock.containerId);
  });

  it('fetches every linked document; each validates and echoes the current incarnation', async () => {
    const { client: c } = client();
    const goalState = (await c.refreshGoalState()).goalState;
    for (const name of ['HostingEnvironmentConfig', 'SharedConfig', 'ExtensionsConfig', 'FullConfig', 'Certificates', 'RemoteAccessInfo']) {
      const text = await c.fetchDocumentText(name);
      assert.ok(text, name);
      assert.deepEqual(
        validateDocument(text, `${name}.xml`).diagnostics.filter((d) => d.severity === 'error'),
        [],
        name,
      );
      assert.match(text, new RegExp(`(goalStateIncarnation="|<Incarnation>|number=")${goalState.Incarnation}\\b`), name);
    }
    await assert.rejects(c.fetchDocumentText('nonsense'), { code: 'PROTOCOL_MISSING_DOCUMENT' });
  });

  it('parses the linked documents into the typed models', async () => {
    const { client: c } = client();
    const hosting = await c.getHostingEnvironmentConfig();
    assert.deepEqual(
      hosting?.StoredCertificates?.StoredCertificate.map((s) => s.certificateId.replace('sha1:', '')).sort(),
      [...mock.thumbprints].sort(),
    );
    assert.ok(await c.getSharedConfig());
    assert.ok((await c.getExtensionsConfig())?.Plugins);
    assert.ok(await c.getFullConfig());
  });

  it('a stale document URL gets 410; the client refreshes the goal state and fetches again', async () => {
    const { client: c } = client();
    await c.refreshGoalState();
    mock.bumpIncarnation();
    const text = await c.fetchDocumentText('sharedConfig');
    assert.match(text ?? '', new RegExp(`goalStateIncarnation="${mock.incarnation}"`));
    assert.equal(c.goalState?.Incarnation, mock.incarnation);
    assert.equal(
      mock.requests
        .filter((r) => r.route === 'config')
        .at(-2)
        ?.url.endsWith(`incarnation=${Number(mock.incarnation) - 1}`),
      true,
    );
  });
});

describe('certificates', () => {
  it('asks for AES128_CBC with the transport certificate and decrypts the mock payload', async () => {
    const { client: c } = client();
    const bundle = await c.getCertificates();
    assert.equal(bundle.cipher, 'AES128_CBC');
    assert.deepEqual(
      bundle.certificates.map((x) => x.thumbprint),
      mock.thumbprints,
    );
    assert.deepEqual(
      bundle.certificates.map((x) => x.privateKey !== undefined),
      [true, false],
    );
    const request = mock.requests.filter((r) => r.route === 'certificates').at(-1);
    assert.equal(request?.headers['x-ms-cipher-name'], 'AES128_CBC');
    assert.equal(request?.headers['x-ms-guest-agent-public-x509-cert'], transportCertificateHeader(c.transport.certificate));
  });

  it('falls back to DES_EDE3_CBC when the server refuses AES128_CBC', async () => {
    const old = new MockWireServer({ acceptedCiphers: ['DES_EDE3_CBC'], tenant: transport });
    const oldEndpoint = await old.start();
    try {
      const c = new WireServerClient({ endpoint: oldEndpoint, retry: fastRetry().policy, transport });
      const bundle = await c.getCertificates();
      assert.equal(bundle.cipher, 'DES_EDE3_CBC');
      assert.deepEqual(
        bundle.certificates.map((x) => x.thumbprint),
        old.thumbprints,
      );
      assert.deepEqual(
        old.requests.filter((r) => r.route === 'certificates').map((r) => r.headers['x-ms-cipher-name']),
        ['AES128_CBC', 'DES_EDE3_CBC'],
      );
    } finally {
      await old.stop();
    }
  });

  it('reads RemoteAccess users and decrypts their passwords with the transport key', async () => {
    const { client: c } = client();
    const remote = await c.getRemoteAccess();
    assert.equal(remote?.Users.User.length, 2);
    assert.deepEqual(
      remote?.Users.User.map((u) => decryptRemoteAccessPassword(u.Password, c.transport.privateKey)),
      ['Jit-Passw0rd!', 'Jit-Passw0rd!'],
    );
    assert.equal(mock.requests.filter((r) => r.route === 'remoteaccess').at(-1)?.headers['x-ms-cipher-name'], 'AES128_CBC');
  });
});

describe('retries', () => {
  beforeEach(() => assert.equal(mock.pendingFaults, 0));

  it('retries 429, 500, 502, 503, dropped connections, truncated and garbage bodies, with capped exponential waits', async () => {
    const retry = fastRetry({ maxDelayMs: 4000 });
    const { client: c } = client(retry);
    mock.inject(
      { route: 'goalstate', fault: { kind: 'status', status: 429 } },
      { route: 'goalstate', fault: { kind: 'status', status: 500 } },
      { route: 'goalstate', fault: { kind: 'status', status: 502 } },
      { route: 'goalstate', fault: { kind: 'status', status: 503 } },
      { route: 'goalstate', fault: { kind: 'drop' } },
      { route: 'goalstate', fault: { kind: 'truncate' } },
      { route: 'goalstate', fault: { kind: 'garbage' } },
    );
    const { goalState } = await c.refreshGoalState();
    assert.equal(goalState.Incarnation, mock.incarnation);
    // 1 s doubling, capped at 4 s, times 0.75 (random fixed at 0.5): one retry sequence for all seven faults.
    assert.deepEqual(retry.waits, [750, 1500, 3000, 3000, 3000, 3000, 3000]);
  });

  it('retries a goal state that has no RoleInstance yet (goal_state_noop)', async () => {
    const retry = fastRetry();
    const noop = fs.readFileSync(path.join(EXAMPLES, 'GoalState', 'transient-no-role-instance.xml'), 'utf8');
    mock.inject({ route: 'goalstate', fault: { kind: 'body', body: noop }, times: 2 });
    const { goalState } = await client(retry).client.refreshGoalState();
    assert.ok(goalState.Container.RoleInstanceList?.RoleInstance[0]);
    assert.deepEqual(retry.waits, [750, 1500]);
  });

  it('honours Retry-After, capped by the largest delay', async () => {
    const retry = fastRetry();
    mock.inject(
      { route: 'goalstate', fault: { kind: 'status', status: 503, retryAfterSeconds: 7 } },
      { route: 'goalstate', fault: { kind: 'status', status: 429, retryAfterSeconds: 999 } },
    );
    await client(retry).client.refreshGoalState();
    assert.deepEqual(retry.waits, [7000, 30000]);
  });

  it('times out a slow answer and retries it', async () => {
    const retry = fastRetry();
    const { client: c } = client(retry, { timeoutMs: 100 });
    mock.inject({ route: 'goalstate', fault: { kind: 'delay', ms: 400 } });
    await c.refreshGoalState();
    assert.deepEqual(retry.waits, [750]);
    assert.ok(mock.requests.filter((r) => r.route === 'goalstate').at(-2)?.fault?.kind === 'delay');
  });

  for (const status of [400, 401, 403, 404, 405]) {
    it(`does not retry ${status}`, async () => {
      const retry = fastRetry();
      const before = mock.requests.length;
      mock.inject({ route: 'goalstate', fault: { kind: 'status', status } });
      await assert.rejects(client(retry).client.refreshGoalState(), (error: unknown) => {
        assert.ok(error instanceof WireServerHttpError);
        assert.equal(error.status, status);
        assert.equal(error.code, 'HTTP_STATUS');
        return true;
      });
      assert.equal(mock.requests.length - before, 1);
      assert.deepEqual(retry.waits, []);
    });
  }

  it('gives up when the next wait would pass the budget, saying how many attempts were made', async () => {
    const retry = fastRetry({ budgetMs: 10_000 });
    mock.inject({ route: 'goalstate', fault: { kind: 'status', status: 500 }, times: 4 });
    await assert.rejects(client(retry).client.refreshGoalState(), (error: unknown) => {
      assert.ok(isWireServerError(error));
      assert.match(error.message, /HTTP 500 InternalError \(4 attempts made\)$/);
      return true;
    });
    assert.deepEqual(retry.waits, [750, 1500, 3000]);
    assert.equal(mock.pendingFaults, 0);
  });
});

describe('health reports', () => {
  it('re-fetches the goal state right before reporting, so the report carries the current incarnation', async () => {
    const { client: c } = client();
    await c.refreshGoalState();
    mock.bumpIncarnation();
    const before = mock.healthReports.length;
    await c.reportReady();
    const reports = mock.healthReports.slice(before);
    assert.equal(reports.length, 1);
    assert.deepEqual([reports[0]?.valid, reports[0]?.status, reports[0]?.health?.GoalStateIncarnation], [true, 200, mock.incarnation]);
    const request = mock.requests.filter((r) => r.route === 'health').at(-1);
    assert.equal(request?.url, '/machine?comp=health');
    assert.equal(request?.headers['content-type'], 'text/xml;charset=utf-8');
  });

  it('on 410 (incarnation bumped between fetch and post) refreshes and reports again', async () => {
    const { client: c } = client();
    mock.inject({ route: 'health', fault: { kind: 'bumpIncarnation' } });
    const before = mock.healthReports.length;
    await c.reportProvisioning();
    const reports = mock.healthReports.slice(before);
    assert.deepEqual(
      reports.map((r) => r.status),
      [410, 200],
    );
    assert.equal(reports[1]?.health?.GoalStateIncarnation, mock.incarnation);
    assert.deepEqual(reports[1]?.health?.Container.RoleInstanceList.Role[0]?.Health.Details, {
      SubStatus: 'Provisioning',
      Description: 'Starting',
    });
  });

  it('a scripted 410 on the report makes the client refresh and report again', async () => {
    const { client: c } = client();
    mock.inject({ route: 'health', fault: { kind: 'status', status: 410 } });
    const before = mock.requests.filter((r) => r.route === 'goalstate').length;
    const reports = mock.healthReports.length;
    await c.reportReady();
    assert.equal(mock.healthReports.length - reports, 1);
    assert.equal(mock.requests.filter((r) => r.route === 'goalstate').length - before, 2);
  });

  it('trims and escapes a failure description', async () => {
    const { client: c } = client();
    const before = mock.healthReports.length;
    await c.reportFailure(`  <bad> & "worse" ${'x'.repeat(1000)}  `);
    const report = mock.healthReports[before];
    assert.equal(report?.valid, true);
    assert.match(report?.body ?? '', /<Description>&lt;bad&gt; &amp; &quot;worse&quot; x+<\/Description>/);
    const description = parseHealth(report?.body ?? '').Container.RoleInstanceList.Role[0]?.Health.Details?.Description ?? '';
    assert.equal(description.length, 512);
  });

  it('posts the JSON /provisioning/health report', async () => {
    const { client: c } = client();
    await c.reportProvisioningHealth('NotReady', { subStatus: 'ProvisioningFailed', description: 'no user' });
    await c.reportProvisioningHealth('Ready');
    const [failed, ready] = mock.provisioningHealth.slice(-2);
    assert.deepEqual(JSON.parse(failed?.body ?? ''), {
      state: 'NotReady',
      details: { subStatus: 'ProvisioningFailed', description: 'no user' },
    });
    assert.deepEqual([failed?.valid, ready?.valid, ready?.status], [true, true, 201]);
  });
});

describe('HostGAPlugin', () => {
  it('reads versions and health', async () => {
    const { client: c } = client();
    assert.deepEqual(await c.getHostGAPluginVersions(), ['2015-09-01']);
    assert.equal(await c.getHostGAPluginHealth(), true);
  });

  it('vmSettings: ETag, 304 on if-none-match, a new ETag after an incarnation change, 410 → refresh', async () => {
    const { client: c } = client();
    const first = await c.getVmSettings();
    assert.equal(first.status, 200);
    assert.ok(first.etag);
    assert.deepEqual(await c.getVmSettings(first.etag), { status: 304, etag: first.etag });
    mock.bumpIncarnation({ newContainer: true });
    const next = await c.getVmSettings(first.etag);
    assert.equal(next.status, 200);
    assert.notEqual(next.etag, first.etag);
    const vmSettingsRequests = mock.requests.filter((r) => r.route === 'vmSettings');
    assert.equal(vmSettingsRequests.at(-1)?.headers['x-ms-containerid'], mock.containerId);
    assert.match(String(vmSettingsRequests.at(-1)?.headers['x-ms-client-correlationid']), /^[0-9a-f-]{36}$/);
  });
});

describe('errors never carry secrets', () => {
  it('redacts SAS signatures in URLs and HTTP errors', () => {
    const url = 'https://acct.blob.core.windows.net/c/b.status?sv=2018-03-28&sr=b&sig=AbC%2Bsecret%3D&se=2030';
    assert.equal(redactUrl(url), 'https://acct.blob.core.windows.net/c/b.status?sv=2018-03-28&sr=b&sig=REDACTED&se=2030');
    const error = new WireServerHttpError('PUT', url, 403);
    assert.doesNotMatch(error.message, /secret/);
    assert.equal(error.url, redactUrl(url));
  });
});
