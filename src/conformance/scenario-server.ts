/**
 * Everything an agent talks to during a scenario: the mock WireServer and HostGAPlugin, the mock
 * IMDS and, inside a network namespace, a front door on the well-known addresses that also records
 * connections to any other address (the off-host sink). All of them write one exchange log.
 * @module
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { TransportCredentials } from '../crypto/transport';
import { DEFAULT_EXAMPLES_DIR } from '../mock/documents';
import { ExchangeLog, MAX_LOGGED_BODY } from '../mock/exchange';
import { MockImds } from '../mock/imds';
import { MockWireServer } from '../mock/mock-wireserver';
import { HOST_GA_PLUGIN_PORT, KNOWN_WIRESERVER_IP, WIRESERVER_PORT } from '../discovery/endpoint';
import type { JudgeFacts } from './checks';
import { mockOptionsFor, type Scenario } from './scenario';

/** The IMDS address. */
export const IMDS_IP = '169.254.169.254';

/** Ports the front door listens on in a namespace: the protocol ports and the usual web ports, for the sink. */
export const FRONT_DOOR_PORTS: readonly number[] = [WIRESERVER_PORT, HOST_GA_PLUGIN_PORT, 443, 8080];

/** The kit's tenant certificate and key (a public test key), named by thumbprint in the sample ovf-env.xml. */
export const KIT_TENANT_FILE = path.join(__dirname, 'media', 'tenant.pem');

/** Reads the kit's tenant certificate and key. */
export function kitTenant(): TransportCredentials {
  const pem = fs.readFileSync(KIT_TENANT_FILE, 'utf8');
  return { certificate: new crypto.X509Certificate(pem), privateKey: crypto.createPrivateKey(pem) };
}

/** Where the agent finds the servers. */
export interface ScenarioEndpoints {
  /** WireServer `host:port`. */
  readonly wireServer: string;
  /** HostGAPlugin port (same host). */
  readonly hostGAPluginPort: number;
  /** IMDS `host:port`. */
  readonly imds: string;
}

/** Options of {@link ScenarioServer}. */
export interface ScenarioServerOptions {
  /** `loopback`: 127.0.0.1, any free ports. `namespace`: the real addresses and ports, plus the sink (run inside a network namespace only). */
  readonly mode: 'loopback' | 'namespace';
  /** The ovf-env.xml IMDS serves as reprovisiondata; none by default. */
  readonly reprovisionData?: string;
  /** The examples folder; default the package's. */
  readonly examplesDir?: string;
}

/** The servers of one scenario run. */
export class ScenarioServer {
  /** The exchange log of every listener. */
  readonly log = new ExchangeLog();
  /** The WireServer and HostGAPlugin. */
  readonly mock: MockWireServer;
  /** IMDS. */
  readonly imds: MockImds;
  private readonly options: ScenarioServerOptions;
  private readonly frontDoors: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();

  /**
   * @param scenario - The scenario to play.
   * @param options - Mode and media.
   */
  constructor(scenario: Scenario, options: ScenarioServerOptions) {
    this.options = options;
    this.mock = new MockWireServer({
      examplesDir: options.examplesDir ?? DEFAULT_EXAMPLES_DIR,
      log: this.log,
      tenant: kitTenant(),
      ...mockOptionsFor(scenario.mock),
      ...(options.mode === 'namespace' ? { advertised: { host: KNOWN_WIRESERVER_IP, port: WIRESERVER_PORT } } : {}),
    });
    this.mock.inject(...scenario.faults);
    this.imds = new MockImds({
      log: this.log,
      ...(options.reprovisionData !== undefined ? { reprovisionData: options.reprovisionData } : {}),
    });
  }

  /** Starts every listener and returns where the agent finds them. */
  async start(): Promise<ScenarioEndpoints> {
    const endpoint = await this.mock.start();
    const imdsPort = await this.imds.start('127.0.0.1', 0);
    if (this.options.mode === 'loopback') {
      return { wireServer: `127.0.0.1:${endpoint.port}`, hostGAPluginPort: endpoint.hostGAPluginPort, imds: `127.0.0.1:${imdsPort}` };
    }
    const routes = new Map<string, number>([
      [`${KNOWN_WIRESERVER_IP}:${WIRESERVER_PORT}`, endpoint.port],
      [`${KNOWN_WIRESERVER_IP}:${HOST_GA_PLUGIN_PORT}`, endpoint.hostGAPluginPort],
      [`${IMDS_IP}:${WIRESERVER_PORT}`, imdsPort],
    ]);
    for (const port of FRONT_DOOR_PORTS) {
      const server = net.createServer((socket) => this.frontDoor(socket, routes));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '0.0.0.0', () => resolve());
      });
      this.frontDoors.push(server);
    }
    return {
      wireServer: `${KNOWN_WIRESERVER_IP}:${WIRESERVER_PORT}`,
      hostGAPluginPort: HOST_GA_PLUGIN_PORT,
      imds: `${IMDS_IP}:${WIRESERVER_PORT}`,
    };
  }

  /** Connections to the well-known addresses go to the mocks; anything else is recorded and closed. */
  private frontDoor(socket: net.Socket, routes: ReadonlyMap<string, number>): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const local = `${(socket.localAddress ?? '').replace(/^::ffff:/, '')}:${socket.localPort ?? 0}`;
    const port = routes.get(local);
    if (port !== undefined) {
      const upstream = net.connect(port, '127.0.0.1');
      this.sockets.add(upstream);
      upstream.once('close', () => this.sockets.delete(upstream));
      upstream.on('error', () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
      socket.once('close', () => upstream.destroy());
      upstream.once('close', () => socket.destroy());
      return;
    }
    this.sink(socket, local);
  }

  /** Records a connection to another host (the request line and headers when it speaks HTTP), then closes it. */
  private sink(socket: net.Socket, target: string): void {
    const seq = this.log.nextSeq();
    const at = this.log.now();
    let head = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const [requestLine = '', ...lines] = head.split('\r\n');
      const match = /^([A-Z]{3,10}) (\S+) HTTP\/\d\.\d$/.exec(requestLine);
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      this.log.add({
        seq,
        server: 'offhost',
        route: 'offhost',
        method: match?.[1] ?? '(not HTTP)',
        url: match?.[2] ?? '',
        target,
        headers,
        body: '',
        at,
        end: this.log.now(),
        status: 0,
        responseHeaders: {},
        aborted: false,
        incarnation: this.mock.incarnation,
      });
      socket.destroy();
    };
    socket.setTimeout(1000, finish);
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n') || head.length > MAX_LOGGED_BODY) finish();
    });
    socket.once('end', finish);
    socket.once('close', finish);
  }

  /** What the judge needs to know besides the log. */
  facts(): JudgeFacts {
    return {
      containerId: this.mock.containerId,
      instanceId: this.mock.instanceId,
      configName: this.mock.configName,
      supportedVersions: this.mock.supportedVersions,
      offHostObservable: this.options.mode === 'namespace',
    };
  }

  /** Stops every listener. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.frontDoors.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    await Promise.all([this.mock.stop(), this.imds.stop()]);
  }
}
