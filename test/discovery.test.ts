import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { defaultLeaseFiles, discoverEndpoint, parseDhclientLeases, parseDhcpReply, parseNetworkdLease } from '../src/discovery/dhcp';
import { parseEndpoint } from '../src/discovery/endpoint';
import { CORPUS } from './helpers/paths';

const read = (name: string) => fs.readFileSync(path.join(CORPUS, name), 'utf8');

describe('dhclient leases', () => {
  it('takes option 245 of the last unexpired lease (dhcp.leases)', () => {
    assert.equal(parseDhclientLeases(read('dhcp.leases')), '168.63.129.16');
  });
  it('skips expired leases (dhcp.leases.custom.dns, dhcp.leases.multi)', () => {
    assert.equal(parseDhclientLeases(read('dhcp.leases.custom.dns')), '168.63.129.16');
    assert.equal(parseDhclientLeases(read('dhcp.leases.multi')), '168.63.129.2');
  });
  it('judges expiry against the given time', () => {
    assert.equal(parseDhclientLeases(read('dhcp.leases.multi'), new Date('2011-01-01T00:00:00Z')), '168.63.129.3');
    assert.equal(parseDhclientLeases(read('dhcp.leases.custom.dns'), new Date('2200-01-01T00:00:00Z')), '168.63.129.1');
  });
  it('reads the octal-escaped string form', () => {
    assert.equal(parseDhclientLeases('lease {\n  option unknown-245 "\\250?\\201\\020";\n  expire never;\n}\n'), '168.63.129.16');
    assert.equal(parseDhclientLeases('lease {\n  option routers 10.0.0.1;\n}\n'), undefined);
  });
});

describe('systemd-networkd lease', () => {
  it('reads OPTION_245 from corpus file 2', () => {
    assert.equal(parseNetworkdLease(read('2')), '168.63.129.16');
    assert.equal(parseNetworkdLease('ADDRESS=10.0.0.4\n'), undefined);
  });
});

describe('raw DHCP reply', () => {
  it('reads option 245 and the gateway from corpus file dhcp', () => {
    assert.deepEqual(parseDhcpReply(fs.readFileSync(path.join(CORPUS, 'dhcp'))), { wireServer: '10.62.144.140', gateway: '10.62.144.1' });
  });
  it('refuses a packet without the magic cookie or with an overrunning option', () => {
    assert.throws(() => parseDhcpReply(Buffer.alloc(300)), { code: 'DISCOVERY_BAD_INPUT' });
    const packet = Buffer.alloc(0xf3);
    packet.writeUInt32BE(0x63825363, 0xec);
    packet.set([245, 9, 1], 0xf0);
    assert.throws(() => parseDhcpReply(packet), { code: 'DISCOVERY_BAD_INPUT' });
  });
});

describe('discoverEndpoint', () => {
  it('an explicit endpoint overrides every other input', () => {
    const endpoint = parseEndpoint('127.0.0.1:8080', 9090);
    assert.deepEqual(discoverEndpoint({ endpoint, dhcpReply: fs.readFileSync(path.join(CORPUS, 'dhcp')) }), {
      ...endpoint,
      source: 'explicit',
    });
  });
  it('prefers a DHCP reply, then dhclient, then networkd leases, skipping unreadable files', () => {
    const dhclient = path.join(CORPUS, 'dhcp.leases.multi');
    const networkd = path.join(CORPUS, '2');
    assert.equal(
      discoverEndpoint({ dhcpReply: fs.readFileSync(path.join(CORPUS, 'dhcp')), dhclientLeaseFiles: [dhclient] }).host,
      '10.62.144.140',
    );
    assert.deepEqual(discoverEndpoint({ dhclientLeaseFiles: ['/nonexistent/x.leases', dhclient], networkdLeaseFiles: [networkd] }), {
      host: '168.63.129.2',
      port: 80,
      hostGAPluginPort: 32526,
      source: 'dhclient-lease',
      file: dhclient,
    });
    assert.equal(discoverEndpoint({ networkdLeaseFiles: [networkd] }).source, 'networkd-lease');
  });
  it('falls back to 168.63.129.16', () => {
    assert.deepEqual(discoverEndpoint({ dhclientLeaseFiles: [path.join(CORPUS, 'wire', 'shared_config.xml')] }), {
      host: '168.63.129.16',
      port: 80,
      hostGAPluginPort: 32526,
      source: 'fallback',
    });
  });
  it('lists lease files at the usual places under a root', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-root-'));
    try {
      fs.mkdirSync(path.join(root, 'var/lib/dhcp'), { recursive: true });
      fs.mkdirSync(path.join(root, 'run/systemd/netif/leases'), { recursive: true });
      fs.copyFileSync(path.join(CORPUS, 'dhcp.leases'), path.join(root, 'var/lib/dhcp/dhclient.eth0.leases'));
      fs.copyFileSync(path.join(CORPUS, '2'), path.join(root, 'run/systemd/netif/leases/2'));
      const files = defaultLeaseFiles(root);
      assert.deepEqual(files, {
        dhclientLeaseFiles: [path.join(root, 'var/lib/dhcp/dhclient.eth0.leases')],
        networkdLeaseFiles: [path.join(root, 'run/systemd/netif/leases/2')],
      });
      assert.equal(discoverEndpoint(files).source, 'dhclient-lease');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('parseEndpoint', () => {
  it('reads host[:port] and refuses junk', () => {
    assert.deepEqual(parseEndpoint('168.63.129.16'), { host: '168.63.129.16', port: 80, hostGAPluginPort: 32526 });
    assert.throws(() => parseEndpoint('http://x/'), { code: 'DISCOVERY_BAD_INPUT' });
    assert.throws(() => parseEndpoint('x:70000'), { code: 'DISCOVERY_BAD_INPUT' });
  });
});
