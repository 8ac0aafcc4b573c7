/**
 * The conformance kit without root: scenario files, generated docs, the mock's self-pointing URLs
 * and IMDS, the judge on real requests made to the scenario servers, and the reference client run
 * through scenarios on loopback by the command itself. Network-namespace runs (the reference
 * client in every scenario, the bad agent, Debian's agents) are in conformance-kit-netns.test.ts.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { runConformanceCli } from '../src/cli/conformance';
import { CHECKS, judge, type Verdict } from '../src/conformance/checks';
import { findStatement, generateConformanceDocs } from '../src/conformance/reference-docs';
import { SITE_URL, type ConformanceReport } from '../src/conformance/report';
import { allScenarios, readScenario, ScenarioError, SCENARIOS_DIR, type Scenario } from '../src/conformance/scenario';
import { ScenarioServer, type ScenarioEndpoints } from '../src/conformance/scenario-server';
import { createTransportCredentials, transportCertificateHeader } from '../src/crypto/transport';
import { httpRequest } from '../src/http/request';
import { parseFaultSpec } from '../src/cli/mock';
import { openssl } from './helpers/openssl';
import { ROOT } from './helpers/paths';

const scenario = (name: string): Scenario => readScenario(path.join(SCENARIOS_DIR, `${name}.json`));

/** Plays requests against a scenario's servers on loopback and judges them. */
async function play(s: Scenario, agent: (e: ScenarioEndpoints) => Promise<void>): Promise<Verdict[]> {
  const server = new ScenarioServer(s, { mode: 'loopback' });
  const endpoints = await server.start();
  try {
    await agent(endpoints);
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    await server.stop();
  }
  return judge(
    [...server.log.exchanges].sort((a, b) => a.at - b.at),
    server.facts(),
  );
}
const failed = (verdicts: readonly Verdict[]) =>
  verdicts
    .filter((v) => v.status === 'fail')
    .map((v) => v.id)
    .sort();
const get = (url: string, headers: Record<string, string> = {}, timeoutMs = 5000) =>
  httpRequest({ method: 'GET', url, headers, timeoutMs });
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  httpRequest({ method: 'POST', url, body, headers: { 'Content-Type': 'text/xml;charset=utf-8', ...headers }, timeoutMs: 5000 });
const PROTOCOL = { 'x-ms-version': '2012-11-30', 'x-ms-agent-name': 'kit-test' };
const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';
function health(incarnation: string, goalState: string, state = 'Ready'): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><Health><GoalStateIncarnation>${incarnation}</GoalStateIncarnation><Container><ContainerId>${tag(goalState, 'ContainerId')}</ContainerId>` +
    `<RoleInstanceList><Role><InstanceId>${tag(goalState, 'InstanceId')}</InstanceId><Health><State>${state}</State></Health></Role></RoleInstanceList></Container></Health>`
  );
}

describe('scenarios', () => {
  const scenarios = allScenarios();

  it('cover every behaviour the issue names, one file each, and aim only at existing checks and statements', () => {
    assert.deepEqual(
      scenarios.map((s) => s.name),
      [
        'busy',
        'certificates-aes128',
        'certificates-des3',
        'fast-track-off',
        'fast-track-on',
        'happy-path',
        'hostgaplugin-down',
        'incarnation-change',
        'no-certificates',
        'slow',
        'stale-report',
        'throttled',
      ],
    );
    const ids = new Set(CHECKS.map((c) => c.id));
    for (const s of scenarios) {
      for (const id of s.focus) assert.ok(ids.has(id), `${s.name}: unknown check ${id}`);
      for (const id of s.statements) assert.ok(findStatement(id) !== undefined, `${s.name}: statement ${id} is on no page`);
    }
  });

  it('a broken scenario file is refused with its name and the field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-'));
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ name: 'bad', title: 't', description: 'd', statements: [], focus: [], mock: { cipher: 'RC4' }, faults: [] }),
    );
    assert.throws(
      () => readScenario(file),
      (e: unknown) => e instanceof ScenarioError && e.message.includes('bad.json') && e.message.includes('mock.cipher'),
    );
    fs.writeFileSync(file, '{ "name": ');
    assert.throws(() => readScenario(file), /bad\.json: not JSON/);
    fs.rmSync(dir, { recursive: true });
  });

  it('faults are given on the mock command line as ROUTE=KIND[:ARG][xTIMES]', () => {
    assert.deepEqual(parseFaultSpec('goalstate=status:503x2'), { route: 'goalstate', fault: { kind: 'status', status: 503 }, times: 2 });
    assert.deepEqual(parseFaultSpec('health=status:429:1'), {
      route: 'health',
      fault: { kind: 'status', status: 429, retryAfterSeconds: 1 },
    });
    assert.deepEqual(parseFaultSpec('*=delay:100'), { route: '*', fault: { kind: 'delay', ms: 100 } });
    assert.throws(() => parseFaultSpec('nowhere=drop'), /unknown route/);
    assert.throws(() => parseFaultSpec('health=status'), /KIND is/);
  });
});

describe('checks and their pages', () => {
  it('every check names a statement that is on the page it links to', () => {
    for (const check of CHECKS) assert.equal(findStatement(check.statement), check.page, `${check.id}: ${check.statement}`);
  });

  it('the generated reference (checks, scenarios) is up to date (npm run gen:conformance)', () => {
    assert.deepEqual(generateConformanceDocs(true), []);
  });

  it('report links use the site address of docusaurus.config.ts', () => {
    assert.match(
      fs.readFileSync(path.join(ROOT, 'docusaurus.config.ts'), 'utf8'),
      new RegExp(`process\\.env\\['SITE_URL'\\] \\?\\? '${SITE_URL.replace(/\./g, '\\.')}'`),
    );
  });
});

describe('the mock on the way', () => {
  it('every URL it serves points back at itself', async () => {
    await play(scenario('happy-path'), async ({ wireServer, hostGAPluginPort }) => {
      const base = `http://${wireServer}`;
      const goalState = (await get(`${base}/machine/?comp=goalstate`, PROTOCOL)).body.toString();
      const texts = [goalState];
      for (const url of (goalState.match(/>http:\/\/[^<]+</g) ?? []).map((m) => m.slice(1, -1))) {
        const transport = createTransportCredentials();
        const answer = await get(url.replaceAll('&amp;', '&'), {
          ...PROTOCOL,
          'x-ms-guest-agent-public-x509-cert': transportCertificateHeader(transport.certificate),
          'x-ms-cipher-name': 'AES128_CBC',
        });
        assert.equal(answer.status, 200, url);
        texts.push(answer.body.toString());
      }
      const vm = await get(`http://127.0.0.1:${hostGAPluginPort}/vmSettings`, {
        'x-ms-version': '2015-09-01',
        'x-ms-containerid': tag(goalState, 'ContainerId'),
        'x-ms-host-config-name': tag(goalState, 'ConfigName'),
      });
      texts.push(vm.body.toString());
      const elsewhere = texts
        .flatMap((t) => t.match(/https?:\/\/[A-Za-z0-9.-]+[^\s"'<>]*/g) ?? [])
        .filter((u) => !u.startsWith(base) && !/^https?:\/\/(schemas\.microsoft\.com|www\.w3\.org|schemas\.dmtf\.org)\//.test(u));
      assert.deepEqual(elsewhere, []);
      const blobs = texts.join('\n').match(/http:\/\/127\.0\.0\.1:\d+\/blob\/[^\s"'<>]+/g) ?? [];
      assert.ok(
        blobs.some((u) => u.endsWith('.vmSettings?sv=mock')),
        'the InVMArtifactsProfileBlob points at the mock',
      );
      const profile = await get(blobs.find((u) => u.includes('.vmSettings')) ?? '');
      assert.equal(profile.status, 200);
      assert.equal(typeof (JSON.parse(profile.body.toString()) as { onHold?: unknown }).onHold, 'boolean');
    });
  });

  it('IMDS answers like the real service: Metadata: true and a known api-version required', async () => {
    await play(scenario('happy-path'), async ({ imds }) => {
      const base = `http://${imds}/metadata`;
      assert.equal((await get(`${base}/instance?api-version=2021-08-01`)).status, 400);
      assert.match((await get(`${base}/instance?api-version=2021-08-01`)).body.toString(), /Required metadata header not specified/);
      assert.equal((await get(`${base}/instance`, { Metadata: 'true' })).status, 400);
      assert.equal((await get(`${base}/instance?api-version=1999-01-01`, { Metadata: 'true' })).status, 400);
      assert.equal((await get(`${base}/instance?api-version=2021-08-01`, { Metadata: 'true', 'X-Forwarded-For': '10.0.0.9' })).status, 400);
      const whole = JSON.parse(
        (await get(`${base}/instance?api-version=2021-08-01&extended=true`, { Metadata: 'true' })).body.toString(),
      ) as { compute: { osProfile: { adminUsername: string } }; network: unknown };
      assert.equal(whole.compute.osProfile.adminUsername, 'azureuser');
      assert.ok(whole.network);
      assert.equal(
        (await get(`${base}/instance/compute/name?api-version=2018-02-01&format=text`, { Metadata: 'True' })).body.toString(),
        'test-vm',
      );
      assert.equal(
        (
          await get(`${base}/instance/network/interface/0/ipv4/ipAddress/0/privateIpAddress?api-version=2019-06-01&format=text`, {
            Metadata: 'true',
          })
        ).body.toString(),
        '10.0.0.4',
      );
      assert.equal((await get(`${base}/reprovisiondata?api-version=2019-06-01`, { Metadata: 'true' })).status, 404);
    });
  });
});

describe('the judge, on real requests', () => {
  it('a well-behaved exchange passes; a wrong cipher, a weak transport certificate, an unknown URL and a made-up document URL fail', async () => {
    const weak = openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:1024',
      '-nodes',
      '-subj',
      '/CN=weak',
      '-days',
      '1',
      '-keyout',
      '{dir}/k.pem',
      '-outform',
      'DER',
    ]);
    const verdicts = await play(scenario('happy-path'), async ({ wireServer }) => {
      const base = `http://${wireServer}`;
      const goalState = (await get(`${base}/machine/?comp=goalstate`, PROTOCOL)).body.toString();
      const certificates = tag(goalState, 'Certificates').replaceAll('&amp;', '&');
      await get(certificates, { ...PROTOCOL, 'x-ms-guest-agent-public-x509-cert': weak.toString('base64'), 'x-ms-cipher-name': 'RC4' });
      await get(`${base}/machine/?comp=nonsense`, PROTOCOL);
      await get(
        tag(goalState, 'SharedConfig')
          .replaceAll('&amp;', '&')
          .replace(/incarnation=\d+/, 'incarnation=1'),
        PROTOCOL,
      );
      assert.equal((await post(`${base}/machine?comp=health`, health(tag(goalState, 'Incarnation'), goalState), PROTOCOL)).status, 200);
    });
    assert.deepEqual(failed(verdicts), ['CIPHER-HEADER', 'LINKED-URLS', 'TRANSPORT-CERTIFICATE', 'URL-FORMS']);
    const evidence = verdicts.find((v) => v.id === 'TRANSPORT-CERTIFICATE')?.evidence[0];
    assert.match(evidence?.observed ?? '', /RSA 1024 bits/);
    assert.equal(verdicts.find((v) => v.id === 'READY-REPORTED')?.status, 'pass');
  });

  it('repeating a request answered 410, an invalid report and a report before any goal state fail', async () => {
    const verdicts = await play(scenario('happy-path'), async ({ wireServer }) => {
      const base = `http://${wireServer}`;
      assert.equal((await post(`${base}/machine?comp=health`, '<Health><Nonsense/></Health>', PROTOCOL)).status, 400);
      const goalState = (await get(`${base}/machine/?comp=goalstate`, PROTOCOL)).body.toString();
      for (let i = 0; i < 2; i += 1)
        assert.equal((await post(`${base}/machine?comp=health`, health('2', goalState), PROTOCOL)).status, 410);
    });
    assert.deepEqual(failed(verdicts), ['GOALSTATE-BEFORE-REPORT', 'GONE-REFRESH', 'HEALTH-CURRENT', 'HEALTH-SCHEMA', 'READY-REPORTED']);
  });

  it('ignoring Retry-After fails RETRY-AFTER and RETRY-PACING; waiting passes both', async () => {
    const hasty = await play(scenario('throttled'), async ({ wireServer }) => {
      assert.equal((await get(`http://${wireServer}/machine/?comp=goalstate`, PROTOCOL)).status, 429);
      assert.equal((await get(`http://${wireServer}/machine/?comp=goalstate`, PROTOCOL)).status, 200);
    });
    assert.ok(['RETRY-AFTER', 'RETRY-PACING'].every((id) => failed(hasty).includes(id)));
    const patient = await play(scenario('throttled'), async ({ wireServer }) => {
      const first = await get(`http://${wireServer}/machine/?comp=goalstate`, PROTOCOL);
      await new Promise((resolve) => setTimeout(resolve, Number(first.headers['retry-after']) * 1000 + 20));
      await get(`http://${wireServer}/machine/?comp=goalstate`, PROTOCOL);
    });
    assert.deepEqual(
      ['RETRY-AFTER', 'RETRY-PACING'].map((id) => patient.find((v) => v.id === id)?.status),
      ['pass', 'pass'],
    );
  });

  it('abandoning a slow answer fails PATIENCE; IMDS without Metadata and vmSettings for another container fail theirs', async () => {
    const slow = { ...scenario('slow'), faults: [{ route: 'goalstate' as const, fault: { kind: 'delay' as const, ms: 400 } }] };
    const verdicts = await play(slow, async ({ wireServer, imds, hostGAPluginPort }) => {
      await assert.rejects(get(`http://${wireServer}/machine/?comp=goalstate`, PROTOCOL, 100));
      await new Promise((resolve) => setTimeout(resolve, 450));
      await get(`http://${imds}/metadata/instance?api-version=2021-08-01`);
      await get(`http://127.0.0.1:${hostGAPluginPort}/vmSettings`, {
        'x-ms-version': '2015-09-01',
        'x-ms-containerid': crypto.randomUUID(),
        'x-ms-host-config-name': 'x',
      });
    });
    assert.deepEqual(failed(verdicts), ['HOSTGAPLUGIN-HEADERS', 'IMDS-HEADERS', 'PATIENCE', 'READY-REPORTED']);
  });
});

describe('wireserver conformance on loopback', () => {
  it('the reference client conforms in the throttled and incarnation-change scenarios; report.json follows its schema; report.html links every check', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-report-'));
    let out = '';
    let err = '';
    const code = await runConformanceCli(
      [
        '--scenario',
        'throttled',
        '--scenario',
        'incarnation-change',
        '--jobs',
        '2',
        '--agent-timeout',
        '60',
        '--report',
        dir,
        '--',
        process.execPath,
        path.join(ROOT, 'bin', 'wireserver.cjs'),
        'provision',
      ],
      {
        stdout: (t) => {
          out += t;
        },
        stderr: (t) => {
          err += t;
        },
      },
    );
    assert.equal(code, 0, out + err);
    assert.match(out, /^ok {3}throttled/m);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as ConformanceReport;
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(
      JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'conformance-report.schema.json'), 'utf8')) as object,
    );
    assert.ok(validate(report), JSON.stringify(validate.errors));
    const status = (name: string, id: string) => report.scenarios.find((s) => s.name === name)?.verdicts.find((v) => v.id === id)?.status;
    assert.deepEqual(
      [status('throttled', 'RETRY-AFTER'), status('throttled', 'RETRY-PACING'), status('throttled', 'READY-REPORTED')],
      ['pass', 'pass', 'pass'],
    );
    // The reference client re-reads the goal state before every report, so it never meets the 410 this scenario sets up.
    assert.deepEqual(
      [
        status('incarnation-change', 'HEALTH-CURRENT'),
        status('incarnation-change', 'LINKED-URLS'),
        status('incarnation-change', 'GONE-REFRESH'),
      ],
      ['pass', 'pass', 'not-exercised'],
    );
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    for (const check of report.checks) assert.ok(html.includes(`href="${check.url}"`), check.id);
    assert.doesNotMatch(html, /<script|<link /);
    fs.rmSync(dir, { recursive: true });
  });

  it('usage errors exit 2 with a clear message', async () => {
    const run = async (argv: string[]) => {
      let err = '';
      const code = await runConformanceCli(argv, {
        stdout: () => undefined,
        stderr: (t) => {
          err += t;
        },
      });
      return { code, err };
    };
    assert.deepEqual(await run(['--scenario', 'nope', '--', 'true']).then((r) => [r.code, /unknown scenario "nope"/.test(r.err)]), [
      2,
      true,
    ]);
    assert.deepEqual(await run(['--all']).then((r) => [r.code, /no agent command/.test(r.err)]), [2, true]);
    assert.deepEqual(await run(['--', '/nonexistent/agent']).then((r) => [r.code, /command not found/.test(r.err)]), [2, true]);
    assert.deepEqual(await run(['--ovf', '/nonexistent.xml', '--', 'true']).then((r) => [r.code, /nonexistent\.xml: ENOENT/.test(r.err)]), [
      2,
      true,
    ]);
  });
});
