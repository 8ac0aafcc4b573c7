/**
 * A mock WireServer and HostGAPlugin on 127.0.0.1 for tests and offline image work: a consistent
 * goal state built from `examples/`, certificates encrypted for the caller's transport certificate
 * exactly as the real server does, schema validation of every report it receives, and scripted faults.
 *
 * Longer than 300 lines on purpose: the routes of one server share its VM state, faults and request log;
 * the documents it serves are built in `documents.ts`, IMDS in `imds.ts`, the exchange log in `exchange.ts`.
 * @module
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { encryptEnvelopedData } from '../crypto/cms';
import { CERTIFICATE_CIPHERS, type CertificateCipher } from '../protocol-limits';
import { createPkcs12, thumbprint } from '../crypto/pkcs12';
import { createTransportCredentials, type TransportCredentials } from '../crypto/transport';
import type { Endpoint } from '../discovery/endpoint';
import { parseHealth, type Health } from '../models/health';
import type { Diagnostic } from '../validate/diagnostic';
import { MAX_DOCUMENT_BYTES } from '../xml/bounds';
import { validateDocument } from '../validate/validate';
import {
  buildGoalState,
  DEFAULT_EXAMPLES_DIR,
  EXAMPLE_CONTAINER_ID,
  EXAMPLE_INSTANCE_ID,
  EXAMPLE_LINKED_DOCUMENTS,
  errorBody,
  GONE_BODY,
  readExample,
  withElementText,
  withIncarnation,
  withStoredCertificates,
  type MockVmState,
} from './documents';
import { ExchangeLog, trackExchange, type ExchangeDetails } from './exchange';
import { FaultQueue, type MockFault, type MockRoute, type ScriptedFault } from './faults';
import { BLOB_PREFIX, blobKind, pointAtMock } from './self-urls';

/** Options of {@link MockWireServer}. */
export interface MockWireServerOptions {
  /** The examples folder to build documents from; default the package's `examples/`. */
  readonly examplesDir?: string;
  /** WireServer port; default 0 (any free port). */
  readonly port?: number;
  /** HostGAPlugin port; default 0 (any free port). */
  readonly hostGAPluginPort?: number;
  /** The tenant certificate and key put in the PKCS#12; generated when absent. */
  readonly tenant?: TransportCredentials;
  /** Whether the goal state links certificates; default true. */
  readonly certificates?: boolean;
  /** Whether the goal state links RemoteAccess (JIT users); default false. */
  readonly remoteAccess?: boolean;
  /** The plaintext password the mock encrypts into each RemoteAccess user; default `Jit-Passw0rd!`. */
  readonly remoteAccessPassword?: string;
  /** Ciphers the mock accepts; others get 400. Default both (`AES128_CBC`, `DES_EDE3_CBC`). */
  readonly acceptedCiphers?: readonly CertificateCipher[];
  /** The address both listeners bind and every served URL names; default `127.0.0.1`. */
  readonly host?: string;
  /** The address and port served URLs name when clients reach the mock through a forwarder (e.g. `168.63.129.16`, 80); default the listener's. */
  readonly advertised?: { readonly host: string; readonly port: number };
  /** The exchange log to write every request and answer to; a new one when absent. */
  readonly log?: ExchangeLog;
  /** HostGAPlugin down: its port is reserved and closed again, so connections are refused. */
  readonly hostGAPluginDown?: boolean;
  /** Fast Track: vmSettings names `FastTrack` as its source (default); false names `Fabric`. */
  readonly fastTrack?: boolean;
  /** The first incarnation; default 1. */
  readonly initialIncarnation?: number;
}

/** One request the mock received. */
export interface MockRequest {
  /** Which route it matched. */
  readonly route: MockRoute;
  /** Method. */
  readonly method: string;
  /** Path and query. */
  readonly url: string;
  /** Headers (lower-case names). */
  readonly headers: http.IncomingHttpHeaders;
  /** The fault applied to it, if any. */
  readonly fault?: MockFault;
}

/** A report (Health, TelemetryData or JSON provisioning health) the mock received and handled. */
export interface MockReport {
  /** The raw body. */
  readonly body: string;
  /** Schema findings; empty when valid. */
  readonly diagnostics: readonly Diagnostic[];
  /** Whether it validated without errors. */
  readonly valid: boolean;
  /** The HTTP status the mock answered. */
  readonly status: number;
  /** The mock's incarnation when it arrived. */
  readonly serverIncarnation: string;
  /** For Health: the parsed report. */
  readonly health?: Health;
}

const TEXT_XML = 'text/xml; charset=utf-8';

/** Largest request body the mock reads (the validator's document limit): larger ones get 413 and the connection is closed. */
export const MAX_REQUEST_BODY_BYTES = MAX_DOCUMENT_BYTES;

/** An answer: status, headers, body. */
type Answer = [number, Record<string, string>, string];

/** An XML answer. */
const xml = (text: string, status = 200): Answer => [status, { 'Content-Type': TEXT_XML }, text];

function routeOf(method: string, url: URL, hostGAPlugin: boolean): MockRoute {
  const p = url.pathname;
  const comp = url.searchParams.get('comp')?.toLowerCase();
  if (hostGAPlugin) {
    if (method === 'GET' && p === '/versions') return 'hgapVersions';
    if (method === 'GET' && p === '/health') return 'hgapHealth';
    if (method === 'GET' && p === '/vmSettings') return 'vmSettings';
    return 'unknown';
  }
  if (p.startsWith(BLOB_PREFIX)) return 'blob';
  if (method === 'GET' && p === '/' && comp === 'versions') return 'versions';
  if (method === 'GET' && (p === '/machine/' || p === '/machine') && comp === 'goalstate') return 'goalstate';
  if (method === 'POST' && (p === '/machine/' || p === '/machine') && comp === 'health') return 'health';
  if (method === 'POST' && (p === '/machine/' || p === '/machine') && comp === 'telemetrydata') return 'telemetry';
  if (method === 'POST' && p === '/provisioning/health') return 'provisioningHealth';
  if (method === 'GET' && p.startsWith('/machine/') && comp === 'config') return 'config';
  if (method === 'GET' && p.startsWith('/machine/') && comp === 'certificates') return 'certificates';
  if (method === 'GET' && p.startsWith('/machine/') && comp === 'remoteaccess') return 'remoteaccess';
  return 'unknown';
}

/**
 * The mock. `start()` listens on 127.0.0.1 (two ports), `stop()` closes. Faults are scripted with
 * {@link MockWireServer.inject}; what clients sent is in {@link MockWireServer.requests},
 * {@link MockWireServer.healthReports}, {@link MockWireServer.telemetry} and
 * {@link MockWireServer.provisioningHealth}.
 */
export class MockWireServer {
  /** Every request received, in order. */
  readonly requests: MockRequest[] = [];
  /** Every Health report received (after faults), valid or not. */
  readonly healthReports: MockReport[] = [];
  /** Every TelemetryData body received. */
  readonly telemetry: MockReport[] = [];
  /** Every JSON `/provisioning/health` body received. */
  readonly provisioningHealth: MockReport[] = [];
  /** The tenant certificate and key in the certificates payload. */
  readonly tenant: TransportCredentials;
  /** A second certificate, without private key, in the payload (like `Cert0My` on real VMs). */
  readonly extraCertificate: crypto.X509Certificate;
  /** Every exchange (request and answer, with times), shared with other listeners of the run. */
  readonly log: ExchangeLog;

  private readonly options: MockWireServerOptions;
  private readonly examplesDir: string;
  private readonly examples = new Map<string, string | undefined>();
  private readonly faults = new FaultQueue();
  private readonly wireServer: http.Server;
  private readonly hostGAPlugin: http.Server;
  private state: MockVmState;

  /**
   * @param options - Examples, ports, certificates and features.
   */
  constructor(options: MockWireServerOptions = {}) {
    this.options = options;
    this.examplesDir = options.examplesDir ?? DEFAULT_EXAMPLES_DIR;
    this.tenant = options.tenant ?? createTransportCredentials({ commonName: 'TenantEncryptionCert', days: 365 });
    this.extraCertificate = createTransportCredentials({ commonName: 'CRP' }).certificate;
    this.log = options.log ?? new ExchangeLog();
    this.state = {
      containerId: EXAMPLE_CONTAINER_ID,
      instanceId: EXAMPLE_INSTANCE_ID,
      incarnation: options.initialIncarnation ?? 1,
      baseUrl: 'http://127.0.0.1:0',
    };
    this.wireServer = http.createServer((req, res) => this.dispatch(req, res, false));
    this.hostGAPlugin = http.createServer((req, res) => this.dispatch(req, res, true));
    for (const server of [this.wireServer, this.hostGAPlugin]) {
      // A request line or headers Node cannot parse: answer 400 when possible, never crash.
      server.on('clientError', (_error, socket) => {
        if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        else socket.destroy();
      });
    }
  }

  /** Starts both listeners (on 127.0.0.1 unless `host` says otherwise) and returns the endpoint to give clients. */
  async start(): Promise<Endpoint> {
    const host = this.options.host ?? '127.0.0.1';
    const listen = (server: http.Server, port: number) =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    const port = await listen(this.wireServer, this.options.port ?? 0);
    const hostGAPluginPort = await listen(this.hostGAPlugin, this.options.hostGAPluginPort ?? 0);
    if (this.options.hostGAPluginDown) await new Promise<void>((resolve) => this.hostGAPlugin.close(() => resolve()));
    this.state = { ...this.state, baseUrl: `http://${this.options.advertised?.host ?? host}:${this.options.advertised?.port ?? port}` };
    return { host, port, hostGAPluginPort };
  }

  /** Stops both listeners and closes open connections. */
  async stop(): Promise<void> {
    const close = (server: http.Server) =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      });
    await Promise.all([close(this.wireServer), close(this.hostGAPlugin)]);
  }

  /** The current incarnation, as text. */
  get incarnation(): string {
    return String(this.state.incarnation);
  }

  /** The current ContainerId. */
  get containerId(): string {
    return this.state.containerId;
  }

  /** The current InstanceId. */
  get instanceId(): string {
    return this.state.instanceId;
  }

  /** SHA-1 thumbprints of the certificates in the payload: the tenant certificate (with key) first. */
  get thumbprints(): string[] {
    return [thumbprint(this.tenant.certificate), thumbprint(this.extraCertificate)];
  }

  /**
   * Starts a new goal state: the incarnation goes up by one; with `newContainer`, ContainerId changes
   * too (service healing, or hibernate/resume).
   * @param options - Whether the container changes.
   */
  bumpIncarnation(options: { readonly newContainer?: boolean } = {}): void {
    this.state = {
      ...this.state,
      incarnation: this.state.incarnation + 1,
      ...(options.newContainer ? { containerId: crypto.randomUUID() } : {}),
    };
  }

  /**
   * Queues faults for the next matching requests.
   * @param faults - The faults, applied in order.
   */
  inject(...faults: readonly ScriptedFault[]): void {
    this.faults.push(...faults);
  }

  /** How many scripted fault applications have not happened yet. */
  get pendingFaults(): number {
    return this.faults.size;
  }

  /** An example document, read from disk once per mock (requests are answered from memory). */
  private example(root: string, preferred?: readonly string[]): string | undefined {
    const key = `${root}:${preferred?.join(',') ?? ''}`;
    if (!this.examples.has(key)) this.examples.set(key, readExample(this.examplesDir, root, preferred));
    return this.examples.get(key);
  }

  /** The goal state's ConfigName (HostGAPlugin's `x-ms-host-config-name`). */
  get configName(): string {
    return /<ConfigName>([^<]*)<\/ConfigName>/.exec(this.goalStateXml())?.[1] ?? '';
  }

  /** `Supported/Version` of the Versions document served. */
  get supportedVersions(): string[] {
    const text = this.example('Versions', ['current-server.xml']) ?? '';
    const supported = /<Supported>([\s\S]*?)<\/Supported>/.exec(text)?.[1] ?? '';
    return [...supported.matchAll(/<Version>\s*([^<]*?)\s*<\/Version>/g)].map((m) => m[1] ?? '');
  }

  /** The current goal state document. */
  goalStateXml(): string {
    const template = this.example('GoalState', ['vm.xml', 'vm-with-extensions.xml']) ?? '';
    const links = new Set<string>(EXAMPLE_LINKED_DOCUMENTS.filter(([, root]) => this.example(root) !== undefined).map(([name]) => name));
    if (this.options.certificates ?? true) links.add('Certificates');
    if (this.options.remoteAccess) links.add('RemoteAccessInfo');
    return buildGoalState(template, this.state, links);
  }

  private stale(url: URL): boolean {
    const segments = url.pathname.split('/');
    return segments[2] !== this.state.containerId || url.searchParams.get('incarnation') !== this.incarnation;
  }

  private dispatch(req: http.IncomingMessage, res: http.ServerResponse, hostGAPlugin: boolean): void {
    // Whatever a client sends, the mock answers it (or drops that connection) and keeps serving.
    req.on('error', () => req.socket.destroy());
    res.on('error', () => req.socket.destroy());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      this.requests.push({ route: 'unknown', method: req.method ?? '', url: (req.url ?? '').slice(0, 2048), headers: req.headers });
      req.resume();
      res.writeHead(400, { 'Content-Type': TEXT_XML, Connection: 'close' }).end(errorBody('BadRequest', 'The request URL is not valid.'));
      return;
    }
    const route = routeOf(req.method ?? 'GET', url, hostGAPlugin);
    const fault = route === 'unknown' ? undefined : this.faults.take(route);
    this.requests.push({ route, method: req.method ?? '', url: req.url ?? '', headers: req.headers, ...(fault ? { fault } : {}) });
    const details: ExchangeDetails = { route, body: '', ...(fault ? { fault: describeFault(fault) } : {}) };
    trackExchange(this.log, hostGAPlugin ? 'hostgaplugin' : 'wireserver', req, res, details, () => this.incarnation);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_REQUEST_BODY_BYTES) {
      this.tooLarge(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_REQUEST_BODY_BYTES) this.tooLarge(req, res);
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (received > MAX_REQUEST_BODY_BYTES) return;
      const body = Buffer.concat(chunks).toString('utf8');
      details.body = body;
      const run = () => {
        try {
          this.answer(route, url, req, res, body, fault);
        } catch {
          if (!res.headersSent)
            res.writeHead(500, { 'Content-Type': TEXT_XML }).end(errorBody('InternalError', 'The mock failed on this request.'));
          else req.socket.destroy();
        }
      };
      if (fault?.kind === 'delay') setTimeout(run, fault.ms);
      else run();
    });
  }

  /** Answers 413 once and closes the connection: the rest of the body is not read. */
  private tooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (res.headersSent) return;
    req.removeAllListeners('data');
    res
      .writeHead(413, { 'Content-Type': TEXT_XML, Connection: 'close' })
      .end(errorBody('RequestEntityTooLarge', `The request body is larger than ${MAX_REQUEST_BODY_BYTES} bytes.`), () =>
        req.socket.destroy(),
      );
  }

  private answer(
    route: MockRoute,
    url: URL,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: string,
    fault: MockFault | undefined,
  ): void {
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      const headers = {
        'Content-Type': TEXT_XML,
        ...(fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {}),
      };
      const payload =
        fault.status === 410
          ? GONE_BODY
          : errorBody(fault.status === 429 ? 'RequestRateLimitExceeded' : 'InternalError', `Scripted fault ${fault.status}.`);
      res.writeHead(fault.status, headers).end(payload);
      return;
    }
    if (fault?.kind === 'garbage') {
      res.writeHead(200, { 'Content-Type': TEXT_XML }).end('\u0000garbage <<<not xml');
      return;
    }
    if (fault?.kind === 'body') {
      res.writeHead(fault.status ?? 200, { 'Content-Type': TEXT_XML }).end(fault.body);
      return;
    }
    if (fault?.kind === 'bumpIncarnation') this.bumpIncarnation();
    const [status, headers, payload] = this.handle(route, url, req, body);
    if (fault?.kind === 'truncate') {
      res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(payload)) });
      res.write(payload.slice(0, Math.floor(payload.length / 2)), () => req.socket.destroy());
      return;
    }
    if (fault?.kind === 'bumpIncarnationAfter') res.once('finish', () => this.bumpIncarnation());
    res.writeHead(status, headers).end(payload);
  }

  private handle(route: MockRoute, url: URL, req: http.IncomingMessage, body: string): Answer {
    switch (route) {
      case 'versions':
        return xml(this.example('Versions', ['current-server.xml']) ?? '');
      case 'goalstate':
        return xml(this.goalStateXml());
      case 'config': {
        if (this.stale(url)) return xml(GONE_BODY, 410);
        const type = url.searchParams.get('type') ?? '';
        const entry = EXAMPLE_LINKED_DOCUMENTS.find(([, , t]) => t === type);
        const text = entry ? this.example(entry[1]) : undefined;
        return text === undefined
          ? xml(errorBody('ResourceNotFound', 'No such configuration.'), 404)
          : xml(pointAtMock(this.withThumbprints(withIncarnation(text, this.state.incarnation)), this.state.baseUrl));
      }
      case 'certificates':
      case 'remoteaccess':
        return this.encrypted(route, url, req);
      case 'health':
        return this.receiveHealth(body);
      case 'telemetry': {
        const report = this.record(body, 'TelemetryData', 200);
        this.telemetry.push(report);
        return report.valid ? xml('') : xml(errorBody('BadRequest', 'The request body is not valid.'), 400);
      }
      case 'provisioningHealth':
        return this.receiveProvisioningHealth(body);
      case 'hgapVersions':
        return [200, { 'Content-Type': 'application/json' }, '["2015-09-01"]'];
      case 'hgapHealth':
        return [200, { 'Content-Type': 'text/plain' }, ''];
      case 'vmSettings':
        return this.vmSettings(req);
      case 'blob':
        return this.blob(req, url);
      default:
        return xml(errorBody('ResourceNotFound', 'No such resource.'), 404);
    }
  }

  /** HostingEnvironmentConfig lists the payload's certificates by thumbprint: keep them in step. */
  private withThumbprints(text: string): string {
    const [tenant, extra] = this.thumbprints;
    return withStoredCertificates(text, (name) => (name === 'TenantEncryptionCert' ? tenant : extra) ?? '');
  }

  private encrypted(route: 'certificates' | 'remoteaccess', url: URL, req: http.IncomingMessage): Answer {
    if (this.stale(url)) return xml(GONE_BODY, 410);
    const header = req.headers['x-ms-guest-agent-public-x509-cert'];
    let recipient: crypto.X509Certificate;
    try {
      recipient = new crypto.X509Certificate(Buffer.from(String(header ?? ''), 'base64'));
    } catch {
      return xml(errorBody('BadRequest', 'The transport certificate is missing or invalid.'), 400);
    }
    const cipher = String(req.headers['x-ms-cipher-name'] ?? 'AES128_CBC');
    const accepted = this.options.acceptedCiphers ?? CERTIFICATE_CIPHERS;
    if (!(accepted as readonly string[]).includes(cipher)) return xml(errorBody('BadRequest', 'The cipher is not supported.'), 400);
    const chosen = cipher as CertificateCipher;
    if (route === 'certificates') {
      const pfx = createPkcs12(this.tenant.privateKey, [this.tenant.certificate, this.extraCertificate]);
      const data = encryptEnvelopedData(pfx, recipient, chosen).toString('base64').replace(/.{64}/g, '$&\n');
      return xml(
        '<?xml version="1.0" encoding="utf-8"?>\n<CertificateFile xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="certificates10.xsd">\n' +
          `  <Version>2012-11-30</Version>\n  <Incarnation>${this.incarnation}</Incarnation>\n  ` +
          `<Format>Pkcs7BlobWithPfxContents</Format>\n  <Data>${data}</Data>\n</CertificateFile>\n`,
      );
    }
    const password = Buffer.from(this.options.remoteAccessPassword ?? 'Jit-Passw0rd!', 'utf16le');
    const text = withElementText(
      withIncarnation(this.example('RemoteAccess', ['vm.xml', 'two-users.xml']) ?? '', this.state.incarnation),
      'Password',
      () => encryptEnvelopedData(password, recipient, chosen).toString('base64'),
    );
    return xml(text);
  }

  /** Validates a body against the schema of the document the route expects; another document is a finding too. */
  private record(body: string, root: string, status: number, health?: Health): MockReport {
    const result = validateDocument(body, `${root}.${root === 'ProvisioningHealth' ? 'json' : 'xml'}`);
    const wrongRoot: Diagnostic[] =
      result.root === undefined || result.root === root
        ? []
        : [
            {
              code: 'unknown-document',
              severity: 'error',
              line: 1,
              column: 1,
              message: `expected a ${root} document, got ${result.root}`,
            },
          ];
    const diagnostics = [...result.diagnostics, ...wrongRoot];
    const valid = !diagnostics.some((d) => d.severity === 'error');
    return { body, diagnostics, valid, status: valid ? status : 400, serverIncarnation: this.incarnation, ...(health ? { health } : {}) };
  }

  private receiveHealth(body: string): Answer {
    let health: Health | undefined;
    try {
      health = parseHealth(body);
    } catch {
      health = undefined;
    }
    const probe = this.record(body, 'Health', 200, health);
    const role = health?.Container.RoleInstanceList.Role[0];
    const current =
      health !== undefined &&
      health.GoalStateIncarnation === this.incarnation &&
      health.Container.ContainerId === this.state.containerId &&
      role?.InstanceId === this.state.instanceId;
    const status = !probe.valid ? 400 : current ? 200 : 410;
    this.healthReports.push({ ...probe, status });
    if (status === 400) return xml(errorBody('BadRequest', 'The health report is not valid.'), 400);
    return status === 410 ? xml(GONE_BODY, 410) : xml('');
  }

  private receiveProvisioningHealth(body: string): Answer {
    const report = this.record(body, 'ProvisioningHealth', 201);
    this.provisioningHealth.push(report);
    return report.valid
      ? [201, { 'Content-Type': 'application/json' }, '']
      : [400, { 'Content-Type': 'application/json' }, '{"error":"invalid body"}'];
  }

  /** A storage URL rewritten to point at the mock: the artifacts profile, a manifest, or the status blob (PUT). */
  private blob(req: http.IncomingMessage, url: URL): Answer {
    const kind = blobKind(url.pathname);
    if (kind === 'status')
      return req.method === 'PUT' || req.method === 'HEAD' || req.method === 'GET'
        ? [req.method === 'PUT' ? 201 : 200, {}, '']
        : [405, {}, ''];
    if (req.method !== 'GET') return [405, {}, ''];
    if (kind === 'artifactsProfile')
      return [200, { 'Content-Type': 'application/json' }, this.exampleJson('InVMArtifactsProfile') ?? '{"onHold":false}'];
    if (kind === 'manifest') {
      const manifest = this.example('PluginVersionManifest', ['extension.xml']);
      if (manifest !== undefined) return xml(manifest);
    }
    return [
      404,
      { 'Content-Type': 'application/xml' },
      '<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>',
    ];
  }

  /** The first JSON example of a folder. */
  private exampleJson(root: string): string | undefined {
    const key = `${root}:json`;
    if (!this.examples.has(key)) {
      let text: string | undefined;
      try {
        const dir = path.join(this.examplesDir, root);
        const file = fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.json') && !f.endsWith('.invalid.json'))
          .sort()[0];
        text = file === undefined ? undefined : fs.readFileSync(path.join(dir, file), 'utf8');
      } catch {
        text = undefined;
      }
      this.examples.set(key, text);
    }
    return this.examples.get(key);
  }

  private vmSettings(req: http.IncomingMessage): Answer {
    const configName = /<ConfigName>([^<]*)<\/ConfigName>/.exec(this.goalStateXml())?.[1] ?? '';
    if (req.headers['x-ms-containerid'] !== this.state.containerId || req.headers['x-ms-host-config-name'] !== configName) {
      return [410, { 'Content-Type': TEXT_XML }, GONE_BODY];
    }
    const etag = BigInt(
      `0x${crypto.createHash('sha256').update(`${this.state.containerId}/${this.incarnation}`).digest('hex').slice(0, 15)}`,
    ).toString();
    if (req.headers['if-none-match'] === etag) return [304, { ETag: etag }, ''];
    const settings = {
      hostGAPluginVersion: '1.0.8.179',
      vmSettingsSchemaVersion: '0.0',
      activityId: crypto.randomUUID(),
      correlationId: crypto.randomUUID(),
      inSvdSeqNo: this.state.incarnation,
      extensionsLastModifiedTickCount: 638_400_000_000_000_000 + this.state.incarnation * 1_000_000_000,
      extensionGoalStatesSource: this.options.fastTrack === false ? 'Fabric' : 'FastTrack',
      onHold: false,
      statusUploadBlob: {
        statusBlobType: 'BlockBlob',
        value: pointAtMock(
          'https://example.blob.core.windows.net/vhds/mock.status?sv=2018-03-28&sr=b&sp=rw&sig=REDACTED',
          this.state.baseUrl,
        ),
      },
      gaFamilies: [],
      extensionGoalStates: [],
    };
    return [200, { 'Content-Type': 'application/json; charset=utf-8', ETag: etag }, JSON.stringify(settings)];
  }
}

/** A fault as short text for the exchange log, e.g. `status 503 retry-after 2`. */
function describeFault(fault: MockFault): string {
  switch (fault.kind) {
    case 'status':
      return `status ${fault.status}${fault.retryAfterSeconds !== undefined ? ` retry-after ${fault.retryAfterSeconds}` : ''}`;
    case 'delay':
      return `delay ${fault.ms}ms`;
    case 'body':
      return `body ${fault.status ?? 200}`;
    default:
      return fault.kind;
  }
}
