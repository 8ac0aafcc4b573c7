/**
 * The client against a hostile or broken server: it contacts no host but the WireServer and its
 * HostGAPlugin unless allowed, caps response bodies while streaming, warns when the incarnation goes
 * backwards, keeps the retry budget as a hard limit and says what it retries.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runWireServerCli } from '../src/cli/wireserver';
import { WireServerClient } from '../src/client/wireserver-client';
import { parseEndpoint, type Endpoint } from '../src/discovery/endpoint';
import { isWireServerError, WireServerError } from '../src/errors';
import { httpRequest, MAX_RESPONSE_BYTES } from '../src/http/request';
import { DEFAULT_RETRY_POLICY, withRetry } from '../src/http/retry';
import { MockWireServer } from '../src/mock/mock-wireserver';
import { fastRetry } from './helpers/fast-retry';

let mock: MockWireServer;
let endpoint: Endpoint;
/** A second server, on another loopback address: the "other host" a hostile goal state names. */
let other: http.Server;
let otherRequests = 0;
let otherPort = 0;

before(async () => {
  mock = new MockWireServer();
  endpoint = await mock.start();
  other = http.createServer((_req, res) => {
    otherRequests += 1;
    res.writeHead(200, { 'Content-Type': 'text/xml' }).end('<SharedConfig version="1.0.0.0" goalStateIncarnation="1"/>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.2', resolve));
  otherPort = (other.address() as AddressInfo).port;
});
after(async () => {
  await mock.stop();
  other.closeAllConnections();
  await new Promise<void>((resolve) => other.close(() => resolve()));
});

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runWireServerCli(
    ['--endpoint', `127.0.0.1:${endpoint.port}`, '--hostgaplugin-port', String(endpoint.hostGAPluginPort), ...args],
    {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
    },
  );
  return { code, stdout, stderr };
}

const elsewhere = (): string => mock.goalStateXml().replace(/(<SharedConfig>)http:\/\/127\.0\.0\.1:\d+/, `$1http://127.0.0.2:${otherPort}`);

describe('client hardening', { concurrency: false }, () => {
  it('refuses a URL on another host than the WireServer, unless --allow-host names it', async () => {
    mock.inject({ route: 'goalstate', fault: { kind: 'body', body: elsewhere() }, times: 2 });
    const refused = await cli(['fetch', 'sharedConfig']);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      new RegExp(
        `HTTP_HOST_REFUSED: refusing GET http://127\\.0\\.0\\.2:${otherPort}/.*neither the WireServer .*pass --allow-host 127\\.0\\.0\\.2`,
      ),
    );
    assert.equal(otherRequests, 0);
    const allowed = await cli(['--allow-host', '127.0.0.2', 'fetch', 'sharedConfig']);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal(otherRequests, 1);
  });

  it('refuses another port on the WireServer host too', async () => {
    const client = new WireServerClient({ endpoint, retry: fastRetry().policy });
    mock.inject({
      route: 'goalstate',
      fault: { kind: 'body', body: mock.goalStateXml().replace(/(<SharedConfig>http:\/\/127\.0\.0\.1:)\d+/, '$19') },
    });
    await assert.rejects(client.fetchDocumentText('SharedConfig'), (e: unknown) => isWireServerError(e) && e.code === 'HTTP_HOST_REFUSED');
  });

  it('stops reading a response body at the cap, with or without Content-Length', async () => {
    const big = http.createServer((req, res) => {
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      if (req.url === '/declared') {
        res.writeHead(200, { 'Content-Length': String(200 * 1024 * 1024) });
      } else {
        res.writeHead(200);
      }
      let sent = 0;
      const pump = (): void => {
        while (sent < 200 && res.write(chunk)) sent += 1;
        if (sent < 200) res.once('drain', pump);
        else res.end();
      };
      res.on('error', () => undefined);
      pump();
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    const port = (big.address() as AddressInfo).port;
    try {
      for (const path of ['/streamed', '/declared']) {
        await assert.rejects(
          httpRequest({ method: 'GET', url: `http://127.0.0.1:${port}${path}`, timeoutMs: 30_000 }),
          (e: unknown) => isWireServerError(e) && e.code === 'HTTP_RESPONSE_TOO_LARGE' && e.message.includes(String(MAX_RESPONSE_BYTES)),
        );
      }
      await assert.rejects(
        httpRequest({ method: 'GET', url: `http://127.0.0.1:${port}/streamed`, timeoutMs: 30_000, maxBodyBytes: 1000 }),
        /larger than 1000 bytes/,
      );
    } finally {
      big.closeAllConnections();
      big.close();
    }
  });

  it('warns when the incarnation goes backwards', async () => {
    const warnings: string[] = [];
    const client = new WireServerClient({ endpoint, retry: fastRetry().policy, onWarning: (m) => warnings.push(m) });
    mock.bumpIncarnation();
    const first = await client.refreshGoalState();
    mock.inject({ route: 'goalstate', fault: { kind: 'body', body: mock.goalStateXml().replace(/<Incarnation>\d+</, '<Incarnation>1<') } });
    const second = await client.refreshGoalState();
    assert.equal(first.incarnationWentBack, false);
    assert.equal(second.incarnationWentBack, true);
    assert.deepEqual(warnings, [
      `the goal state incarnation went backwards, from ${first.goalState.Incarnation} to 1; the WireServer may have been restored or ` +
        `is confused`,
    ]);
  });

  it('keeps the retry budget as a hard limit: the last attempt is clipped to what is left', async () => {
    let clock = 0;
    const limits: number[] = [];
    const policy = {
      ...DEFAULT_RETRY_POLICY,
      budgetMs: 100_000,
      random: () => 0.5,
      now: () => clock,
      sleep: async (ms: number) => {
        clock += ms;
      },
    };
    await assert.rejects(
      withRetry(async (limitMs) => {
        limits.push(limitMs);
        clock += Math.min(60_000, limitMs); // every attempt times out after its limit (60 s by default)
        throw new WireServerError('HTTP_TIMEOUT', 'no answer');
      }, policy),
      /attempts made/,
    );
    assert.ok(clock <= 100_000, `the retries took ${clock} ms of a 100000 ms budget`);
    assert.equal(limits[0], Number.POSITIVE_INFINITY, 'the first attempt has its own full time limit');
    assert.ok(limits.length >= 2 && (limits[1] ?? 0) < 60_000, `the second attempt got ${limits[1]} ms`);
  });

  it('prints one line per retry with the status, the next wait and the budget left, unless --quiet', async () => {
    mock.inject({ route: 'health', fault: { kind: 'status', status: 500 }, times: 2 });
    const loud = await cli(['report-ready']);
    assert.equal(loud.code, 0, loud.stderr);
    const lines = loud.stderr.trim().split('\n');
    assert.equal(lines.length, 2, loud.stderr);
    assert.match(
      lines[0] ?? '',
      /^wireserver: POST http:\/\/127\.0\.0\.1:\d+\/machine\?comp=health: HTTP 500 InternalError; retry 1 in \d\.\d s, \d+ s of the retry budget left$/,
    );
    assert.match(lines[1] ?? '', /retry 2 in \d\.\d s/);
    mock.inject({ route: 'health', fault: { kind: 'status', status: 500 } });
    const quiet = await cli(['--quiet', 'report-ready']);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stderr, '');
  });

  it('refuses an --endpoint that is not host[:port] (exit 2), and nothing is sent', async () => {
    for (const bad of ['38673', '1.2.3', '300.1.1.1', 'host:0', 'host:70000', '-x', 'a..b']) {
      let stderr = '';
      const code = await runWireServerCli([`--endpoint=${bad}`, 'versions'], {
        stdout: () => undefined,
        stderr: (t) => {
          stderr += t;
        },
      });
      assert.equal(code, 2, bad);
      assert.match(stderr, /not a host\[:port\] endpoint/, bad);
    }
    assert.deepEqual(parseEndpoint('wireserver.internal:8080', 9), { host: 'wireserver.internal', port: 8080, hostGAPluginPort: 9 });
    assert.equal(parseEndpoint('168.63.129.16').port, 80);
  });
});
