/**
 * The mock WireServer keeps serving whatever arrives on its socket: malformed request lines,
 * headers and bodies each get an answer (or a closed connection), and the next request works.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Endpoint } from '../src/discovery/endpoint';
import { MAX_REQUEST_BODY_BYTES, MockWireServer } from '../src/mock/mock-wireserver';
import { validateDocument } from '../src/validate/validate';

let mock: MockWireServer;
let endpoint: Endpoint;

before(async () => {
  mock = new MockWireServer();
  endpoint = await mock.start();
});
after(() => mock.stop());

/** Sends raw bytes on a new connection and returns everything the mock answered before closing. */
function raw(port: number, ...parts: (string | Buffer)[]): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (c) => received.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(received).toString('latin1')));
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('connect', () => {
      for (const part of parts) socket.write(part);
      socket.end();
    });
  });
}

const status = (answer: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

async function stillServes(): Promise<void> {
  const answer = await raw(endpoint.port, 'GET /?comp=versions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(status(answer), 200);
  assert.match(answer, /<Versions/);
}

describe('mock WireServer against malformed requests', { concurrency: false }, () => {
  const requestLines: [string, string][] = [
    ['a URL Node accepts but URL() refuses', 'GET //[ HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['an IPv6 literal left open', 'GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['an absolute URL to another host', 'GET http://evil.example/machine/?comp=goalstate HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a bad percent escape', 'GET /machine/?comp=goal%ZZstate HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['an unknown method', 'BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['no HTTP version', 'GET /\r\n\r\n'],
    ['binary garbage', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x0d, 0x0a]).toString('latin1')],
    ['a space in the target', 'GET /a b HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost x\r\n\r\n'],
    ['a 100 KB header', `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`],
    ['an invalid Content-Length', 'POST /machine?comp=health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
    ['two Content-Lengths', 'POST /machine?comp=health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
    ['a bad chunk size', 'POST /machine?comp=health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n'],
    ['a body shorter than its Content-Length', 'POST /machine?comp=health HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n<Health>'],
    ['a Health body that is not XML', 'POST /machine?comp=health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n\u0000\u0001<<&'],
    [
      'a Health body with a character reference out of range',
      'POST /machine?comp=health HTTP/1.1\r\nHost: x\r\nContent-Length: 38\r\n\r\n<Health>&#x110000;</Health>          ',
    ],
    ['a vmSettings request without headers', 'GET /vmSettings HTTP/1.1\r\nHost: x\r\n\r\n'],
  ];
  for (const [name, request] of requestLines) {
    it(`answers ${name} and keeps serving`, async () => {
      const answer = await raw(endpoint.port, request);
      const code = status(answer);
      assert.ok(code === 0 || (code >= 200 && code < 600), `status ${code}`);
      assert.doesNotMatch(answer, /^\s+at /m, 'no stack trace');
      await stillServes();
    });
  }

  it('answers the same on the HostGAPlugin port', async () => {
    assert.equal(status(await raw(endpoint.hostGAPluginPort, 'GET //[ HTTP/1.1\r\nHost: x\r\n\r\n')), 400);
    assert.equal(status(await raw(endpoint.hostGAPluginPort, 'GET /versions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')), 200);
  });

  it('refuses a body over the cap with 413, declared or streamed, without keeping it', async () => {
    const reports = mock.healthReports.length;
    const declared = await raw(
      endpoint.port,
      `POST /machine?comp=health HTTP/1.1\r\nHost: x\r\nContent-Length: ${MAX_REQUEST_BODY_BYTES + 1}\r\n\r\n<Health>`,
    );
    assert.equal(status(declared), 413);
    const padding = Buffer.alloc(MAX_REQUEST_BODY_BYTES + 1024, 0x20);
    const streamed = await raw(
      endpoint.port,
      'POST /machine?comp=health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n',
      `${padding.length.toString(16)}\r\n`,
      padding,
      '\r\n0\r\n\r\n',
    );
    assert.equal(status(streamed), 413);
    assert.equal(mock.healthReports.length, reports);
    await stillServes();
  });

  it('applies the size limit to text as well as bytes (a 20 MB Health padded with comments)', () => {
    const big = `<Health><!--${' '.repeat(20 * 1024 * 1024)}--></Health>`;
    const result = validateDocument(big, 'Health.xml');
    assert.equal(result.diagnostics[0]?.code, 'too-large');
  });
});
