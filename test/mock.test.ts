import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTransportCredentials, transportCertificateHeader } from '../src/crypto/transport';
import type { Endpoint } from '../src/discovery/endpoint';
import { httpRequest, type HttpResponse } from '../src/http/request';
import { parseErrorBody } from '../src/models/error-body';
import { parseGoalState } from '../src/models/goal-state';
import { GONE_BODY } from '../src/mock/documents';
import { MockWireServer } from '../src/mock/mock-wireserver';
import { validateDocument } from '../src/validate/validate';
import { openssl, opensslThumbprints } from './helpers/openssl';
import { EXAMPLES } from './helpers/paths';

let mock: MockWireServer;
let endpoint: Endpoint;
const transport = createTransportCredentials();

before(async () => {
  mock = new MockWireServer({ remoteAccess: true, tenant: createTransportCredentials({ commonName: 'TenantEncryptionCert' }) });
  endpoint = await mock.start();
});
after(async () => {
  await mock.stop();
});

const base = () => `http://127.0.0.1:${endpoint.port}`;
const get = (url: string, headers: Record<string, string> = {}) => httpRequest({ method: 'GET', url, headers, timeoutMs: 20_000 });
const post = (pathAndQuery: string, body: string) =>
  httpRequest({
    method: 'POST',
    url: `${base()}${pathAndQuery}`,
    body,
    headers: { 'Content-Type': 'text/xml;charset=utf-8' },
    timeoutMs: 20_000,
  });
const text = (r: HttpResponse) => r.body.toString('utf8');
const errors = (xml: string, name: string) => validateDocument(xml, name).diagnostics.filter((d) => d.severity === 'error');

function healthBody(incarnation: string, containerId = mock.containerId): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?><Health xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<GoalStateIncarnation>${incarnation}</GoalStateIncarnation><Container><ContainerId>${containerId}</ContainerId><RoleInstanceList><Role>` +
    `<InstanceId>${mock.instanceId}</InstanceId><Health><State>Ready</State></Health></Role></RoleInstanceList></Container></Health>`
  );
}

describe('the goal state the mock serves', () => {
  it('is valid, agrees with the examples VM and points back at the mock with the current incarnation', async () => {
    const xml = text(await get(`${base()}/machine/?comp=goalstate`));
    assert.deepEqual(errors(xml, 'GoalState.xml'), []);
    const goalState = parseGoalState(xml);
    assert.equal(goalState.Container.ContainerId, '06185f00-1f00-4545-abaa-4b7baa121869');
    assert.equal(goalState.Container.RoleInstanceList?.RoleInstance[0]?.InstanceId, '8cd0ae53-1baa-4f00-9356-a4e1a34f004c._test-vm');
    const urls = [...xml.matchAll(/>(http:[^<]+)</g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
    assert.ok(urls.length >= 5);
    for (const url of urls) {
      assert.ok(url.startsWith(`${base()}/machine/${goalState.Container.ContainerId}/`), url);
      assert.ok(url.endsWith(`incarnation=${goalState.Incarnation}`), url);
    }
  });

  it('links documents that are valid, echo the incarnation and list the payload thumbprints', async () => {
    mock.bumpIncarnation();
    const goalState = parseGoalState(text(await get(`${base()}/machine?comp=goalstate`)));
    assert.equal(goalState.Incarnation, mock.incarnation);
    const config = goalState.Container.RoleInstanceList?.RoleInstance[0]?.Configuration;
    for (const [name, url] of Object.entries(config ?? {})) {
      if (name === 'ConfigName' || name === 'Certificates') continue;
      const xml = text(await get(url));
      assert.deepEqual(errors(xml, `${name}.xml`), [], name);
      assert.match(xml, new RegExp(`(goalStateIncarnation|<Incarnation number)="${goalState.Incarnation}"`), name);
      assert.doesNotMatch(xml, new RegExp(`(goalStateIncarnation|<Incarnation number)="(?!${goalState.Incarnation}")`), name);
    }
    const hostingEnvironment = text(await get(config?.HostingEnvironmentConfig ?? ''));
    for (const thumbprint of mock.thumbprints) assert.ok(hostingEnvironment.includes(`sha1:${thumbprint}`));
  });

  it('answers a stale incarnation with 410 and the real Error body', async () => {
    const stale = `${base()}/machine/${mock.containerId}/x?comp=config&type=sharedConfig&incarnation=0`;
    const response = await get(stale);
    assert.equal(response.status, 410);
    assert.equal(text(response), GONE_BODY);
    assert.deepEqual(errors(GONE_BODY, 'Error.xml'), []);
    // The same code and message as the body WALinuxAgent logged from a real WireServer (the example cites it).
    assert.deepEqual(
      parseErrorBody(GONE_BODY),
      parseErrorBody(fs.readFileSync(path.join(EXAMPLES, 'Error', 'resource-not-available.xml'), 'utf8')),
    );
  });
});

describe('certificates', () => {
  for (const cipher of ['AES128_CBC', 'DES_EDE3_CBC'] as const) {
    it(`${cipher}: the payload decrypts with openssl cms -decrypt and holds the mock's certificates`, async () => {
      const goalState = parseGoalState(text(await get(`${base()}/machine/?comp=goalstate`)));
      const url = goalState.Container.RoleInstanceList?.RoleInstance[0]?.Configuration.Certificates ?? '';
      const response = await get(url, {
        'x-ms-guest-agent-public-x509-cert': transportCertificateHeader(transport.certificate),
        'x-ms-cipher-name': cipher,
      });
      const xml = text(response);
      assert.deepEqual(errors(xml, 'Certificates.xml'), []);
      const data = /<Data>([\s\S]+)<\/Data>/.exec(xml)?.[1] ?? '';
      assert.ok(data.split('\n').every((line) => line.length <= 64));
      const der = Buffer.from(data.replace(/\s+/g, ''), 'base64');
      const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', '{dir}/p7'], { p7: der }).toString();
      assert.match(printed, cipher === 'AES128_CBC' ? /rsaesOaep[\s\S]*aes-128-cbc/ : /rsaEncryption[\s\S]*des-ede3-cbc/);
      const pfx = openssl(['cms', '-decrypt', '-inform', 'DER', '-in', '{dir}/p7', '-inkey', '{dir}/key', '-recip', '{dir}/cert'], {
        p7: der,
        key: transport.privateKey.export({ type: 'pkcs8', format: 'pem' }),
        cert: transport.certificate.toString(),
      });
      const pem = openssl(['pkcs12', '-nodes', '-nomacver', '-password', 'pass:', '-in', '{dir}/pfx'], { pfx }).toString();
      assert.deepEqual(opensslThumbprints(pem).sort(), [...mock.thumbprints].sort());
      assert.equal((pem.match(/BEGIN PRIVATE KEY/g) ?? []).length, 1);
    });
  }

  it('refuses a request without the transport certificate', async () => {
    const goalState = parseGoalState(text(await get(`${base()}/machine/?comp=goalstate`)));
    const response = await get(goalState.Container.RoleInstanceList?.RoleInstance[0]?.Configuration.Certificates ?? '');
    assert.equal(response.status, 400);
  });
});

describe('reports', () => {
  it('accepts a valid Health report with the current incarnation and records it', async () => {
    const before = mock.healthReports.length;
    assert.equal((await post('/machine?comp=health', healthBody(mock.incarnation))).status, 200);
    assert.deepEqual(
      mock.healthReports.slice(before).map((r) => [r.valid, r.status]),
      [[true, 200]],
    );
  });

  it('answers a stale incarnation or container with 410 and the Error body', async () => {
    const stale = await post('/machine/?comp=health', healthBody(String(Number(mock.incarnation) - 1)));
    assert.deepEqual([stale.status, text(stale)], [410, GONE_BODY]);
    assert.equal((await post('/machine?comp=health', healthBody(mock.incarnation, '00000000-0000-0000-0000-000000000000'))).status, 410);
  });

  it('validates against the schema: an invalid report gets 400 and is recorded with diagnostics', async () => {
    const invalid = fs.readFileSync(path.join(EXAMPLES, 'Health', 'lowercase-state.invalid.xml'), 'utf8');
    assert.equal((await post('/machine?comp=health', invalid)).status, 400);
    const report = mock.healthReports.at(-1);
    assert.equal(report?.valid, false);
    assert.ok((report?.diagnostics.length ?? 0) > 0);
  });

  it('validates TelemetryData', async () => {
    const valid = fs.readFileSync(path.join(EXAMPLES, 'TelemetryData', 'agent-event.xml'), 'utf8');
    assert.equal((await post('/machine?comp=telemetrydata', valid)).status, 200);
    assert.equal((await post('/machine?comp=telemetrydata', '<TelemetryData version="1.0"><Bogus/></TelemetryData>')).status, 400);
    assert.deepEqual(
      mock.telemetry.slice(-2).map((r) => r.valid),
      [true, false],
    );
  });

  it('answers JSON /provisioning/health with 201, and 400 for a body outside the schema', async () => {
    assert.equal((await post('/provisioning/health', '{"state":"Ready"}')).status, 201);
    assert.equal((await post('/provisioning/health', '{"state":"ready"}')).status, 400);
    assert.equal((await post('/provisioning/health', healthBody(mock.incarnation))).status, 400);
    assert.deepEqual(
      mock.provisioningHealth.slice(-3).map((r) => r.valid),
      [true, false, false],
    );
  });
});

describe('HostGAPlugin', () => {
  it('serves versions, health and vmSettings with an ETag (304 when it matches); the body follows the JSON schema', async () => {
    const hgap = `http://127.0.0.1:${endpoint.hostGAPluginPort}`;
    assert.equal(text(await get(`${hgap}/versions`)), '["2015-09-01"]');
    assert.equal((await get(`${hgap}/health`)).status, 200);
    const goalState = parseGoalState(text(await get(`${base()}/machine/?comp=goalstate`)));
    const headers = {
      'x-ms-containerid': goalState.Container.ContainerId,
      'x-ms-host-config-name': goalState.Container.RoleInstanceList?.RoleInstance[0]?.Configuration.ConfigName ?? '',
    };
    const first = await get(`${hgap}/vmSettings`, headers);
    assert.equal(first.status, 200);
    const result = validateDocument(text(first), 'VmSettings.json');
    assert.deepEqual([result.root, result.diagnostics], ['vmSettings', []]);
    assert.equal((await get(`${hgap}/vmSettings`, { ...headers, 'if-none-match': String(first.headers.etag) })).status, 304);
    assert.equal((await get(`${hgap}/vmSettings`, { ...headers, 'x-ms-containerid': 'stale' })).status, 410);
  });
});

describe('scripted faults', () => {
  const goalStateUrl = () => `${base()}/machine/?comp=goalstate`;

  it('status, garbage and bumpIncarnation faults apply once each, in order', async () => {
    mock.inject(
      { route: 'goalstate', fault: { kind: 'status', status: 503, retryAfterSeconds: 2 } },
      { route: 'goalstate', fault: { kind: 'garbage' } },
      { route: 'goalstate', fault: { kind: 'bumpIncarnation' } },
    );
    const incarnation = Number(mock.incarnation);
    const unavailable = await get(goalStateUrl());
    assert.deepEqual([unavailable.status, unavailable.headers['retry-after']], [503, '2']);
    assert.match(text(await get(goalStateUrl())), /^\u0000garbage/);
    assert.equal(parseGoalState(text(await get(goalStateUrl()))).Incarnation, String(incarnation + 1));
    assert.equal((await get(goalStateUrl())).status, 200);
    assert.equal(mock.pendingFaults, 0);
  });

  it('drop and truncate faults cut the connection', async () => {
    mock.inject({ route: '*', fault: { kind: 'drop' } }, { route: 'goalstate', fault: { kind: 'truncate' }, times: 1 });
    await assert.rejects(get(goalStateUrl()), { code: 'HTTP_NETWORK' });
    await assert.rejects(get(goalStateUrl()), { code: 'HTTP_NETWORK' });
  });

  it('a delay fault holds the answer past a client timeout', async () => {
    mock.inject({ route: 'versions', fault: { kind: 'delay', ms: 300 } });
    await assert.rejects(httpRequest({ method: 'GET', url: `${base()}/?comp=versions`, timeoutMs: 50 }), { code: 'HTTP_TIMEOUT' });
  });
});
