/**
 * A mock Azure Instance Metadata Service (IMDS) for the endpoints provisioning agents call:
 * `/metadata/instance` (whole, `compute`, `network` and any leaf below, JSON or `format=text`),
 * `/metadata/reprovisiondata` and `/metadata/versions`. Like the real service it refuses requests
 * without `Metadata: true`, with an `X-Forwarded-For` header, or without a known `api-version`.
 * Paths and versions: canonical/cloud-init `cloudinit/sources/azure/imds.py`, Azure/WALinuxAgent
 * `azurelinuxagent/common/protocol/imds.py`, Azure/azure-init `libazureinit/src/imds.rs`.
 * @module
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExchangeLog, trackExchange, type ExchangeDetails } from './exchange';

/** API versions the mock accepts (those the known agents send, and the newest the mock knows). */
export const IMDS_API_VERSIONS: readonly string[] = [
  '2017-03-01',
  '2017-04-02',
  '2017-08-01',
  '2017-12-01',
  '2018-02-01',
  '2018-04-02',
  '2018-10-01',
  '2019-02-01',
  '2019-03-11',
  '2019-04-30',
  '2019-06-01',
  '2019-06-04',
  '2019-08-01',
  '2019-08-15',
  '2019-11-01',
  '2020-06-01',
  '2020-07-15',
  '2020-09-01',
  '2020-10-01',
  '2020-12-01',
  '2021-01-01',
  '2021-02-01',
  '2021-03-01',
  '2021-05-01',
  '2021-08-01',
  '2021-10-01',
  '2021-11-01',
  '2021-11-15',
  '2021-12-13',
  '2022-02-01',
  '2022-03-01',
  '2022-07-01',
  '2022-08-01',
  '2022-09-01',
  '2023-07-01',
  '2023-11-15',
  '2024-03-15',
];

/** Options of {@link MockImds}. */
export interface MockImdsOptions {
  /** The exchange log to write to; a new one when absent. */
  readonly log?: ExchangeLog;
  /** The VM's name (compute.name, osProfile.computerName). */
  readonly vmName?: string;
  /** The admin user name (compute.osProfile.adminUsername). */
  readonly adminUsername?: string;
  /** OpenSSH public keys for the admin user (compute.publicKeys). */
  readonly publicKeys?: readonly string[];
  /** The ovf-env.xml served by `/metadata/reprovisiondata` (pre-provisioned VMs); 404 when absent. */
  readonly reprovisionData?: string;
}

type ImdsAnswer = [number, Record<string, string>, string];

const json = (status: number, value: unknown): ImdsAnswer => [
  status,
  { 'Content-Type': 'application/json; charset=utf-8' },
  JSON.stringify(value),
];

/** The mock IMDS on one listener. */
export class MockImds {
  /** The exchange log. */
  readonly log: ExchangeLog;
  private readonly options: MockImdsOptions;
  private readonly server: http.Server;

  /**
   * @param options - Identity, keys and the log.
   */
  constructor(options: MockImdsOptions = {}) {
    this.options = options;
    this.log = options.log ?? new ExchangeLog();
    this.server = http.createServer((req, res) => {
      const details: ExchangeDetails = { route: 'imds-unknown', body: '' };
      trackExchange(this.log, 'imds', req, res, details, () => '');
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= 65_536) chunks.push(chunk);
      });
      req.on('end', () => {
        details.body = Buffer.concat(chunks).toString('utf8');
        const [status, headers, body] = this.answer(req, details);
        res.writeHead(status, headers).end(body);
      });
    });
  }

  /**
   * Listens.
   * @param host - Address, default 127.0.0.1.
   * @param port - Port, default 0 (any free port).
   * @returns The port.
   */
  async start(host = '127.0.0.1', port = 0): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  /** Stops listening and closes open connections. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** The instance document (compute and network). */
  instance(): Record<string, unknown> {
    const name = this.options.vmName ?? 'test-vm';
    const user = this.options.adminUsername ?? 'azureuser';
    return {
      compute: {
        azEnvironment: 'AzurePublicCloud',
        location: 'westeurope',
        name,
        offer: '',
        osType: 'Linux',
        placementGroupId: '',
        osProfile: { adminUsername: user, computerName: name, disablePasswordAuthentication: 'true' },
        platformFaultDomain: '0',
        platformUpdateDomain: '0',
        provider: 'Microsoft.Compute',
        publicKeys: (this.options.publicKeys ?? []).map((keyData) => ({ keyData, path: `/home/${user}/.ssh/authorized_keys` })),
        publisher: '',
        resourceGroupName: 'conformance',
        resourceId: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/conformance/providers/Microsoft.Compute/virtualMachines/${name}`,
        sku: '',
        subscriptionId: '00000000-0000-0000-0000-000000000000',
        tags: '',
        tagsList: [],
        version: '',
        vmId: '8cd0ae53-1baa-4f00-9356-a4e1a34f004c',
        vmScaleSetName: '',
        vmSize: 'Standard_D2s_v3',
        zone: '',
        extended: { compute: { ppsType: 'None' } },
      },
      network: {
        interface: [
          {
            ipv4: { ipAddress: [{ privateIpAddress: '10.0.0.4', publicIpAddress: '' }], subnet: [{ address: '10.0.0.0', prefix: '24' }] },
            ipv6: { ipAddress: [] },
            macAddress: '000D3A000001',
          },
        ],
      },
    };
  }

  private answer(req: http.IncomingMessage, details: ExchangeDetails): ImdsAnswer {
    const url = new URL(req.url ?? '/', 'http://169.254.169.254');
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/metadata/versions') {
      details.route = 'imds-versions';
      return json(200, { apiVersions: IMDS_API_VERSIONS });
    }
    details.route =
      path === '/metadata/reprovisiondata'
        ? 'imds-reprovisiondata'
        : path.startsWith('/metadata/instance')
          ? 'imds-instance'
          : 'imds-unknown';
    if (req.headers['x-forwarded-for'] !== undefined)
      return json(400, { error: 'Bad request. The request cannot contain the X-Forwarded-For header.' });
    if (String(req.headers['metadata'] ?? '').toLowerCase() !== 'true')
      return json(400, { error: 'Bad request. Required metadata header not specified' });
    const version = url.searchParams.get('api-version');
    if (version === null)
      return json(400, {
        error: 'Bad request. api-version was not specified in the request. For more information refer to aka.ms/azureimds',
        'newest-versions': IMDS_API_VERSIONS.slice(-3).reverse(),
      });
    if (!IMDS_API_VERSIONS.includes(version))
      return json(400, {
        error: 'Bad request. api-version is invalid or was not specified in the request. For more information refer to aka.ms/azureimds',
        'newest-versions': IMDS_API_VERSIONS.slice(-3).reverse(),
      });
    if (req.method !== 'GET') return json(405, { error: 'Method not allowed' });
    if (details.route === 'imds-reprovisiondata') {
      return this.options.reprovisionData === undefined
        ? json(404, { error: 'Not found' })
        : [200, { 'Content-Type': 'text/xml; charset=utf-8' }, this.options.reprovisionData];
    }
    if (details.route !== 'imds-instance') return json(404, { error: 'Not found' });
    let node: unknown = this.instance();
    for (const segment of path.split('/').slice(3)) {
      if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
      else if (node !== null && typeof node === 'object' && !Array.isArray(node)) node = (node as Record<string, unknown>)[segment];
      else node = undefined;
      if (node === undefined) return json(404, { error: 'Not found' });
    }
    if (url.searchParams.get('format') === 'text') {
      if (node !== null && typeof node === 'object') {
        const keys = Array.isArray(node)
          ? node.map((_, i) => `${i}/`)
          : Object.entries(node).map(([k, v]) => (v !== null && typeof v === 'object' ? `${k}/` : k));
        return [200, { 'Content-Type': 'text/plain; charset=utf-8' }, keys.join('\n')];
      }
      return [200, { 'Content-Type': 'text/plain; charset=utf-8' }, String(node)];
    }
    return json(200, node);
  }
}
