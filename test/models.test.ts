import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isWireServerError } from '../src/errors';
import { parseErrorBody } from '../src/models/error-body';
import { parseExtensions } from '../src/models/extensions';
import { parseGoalState } from '../src/models/goal-state';
import { parseHostingEnvironmentConfig } from '../src/models/hosting-environment-config';
import { parsePluginVersionManifest } from '../src/models/plugin-version-manifest';
import { parseRDConfig } from '../src/models/rd-config';
import { parseRoleProperties, serializeRoleProperties, type RoleProperties } from '../src/models/role-properties';
import { parseSharedConfig } from '../src/models/shared-config';
import { parseTelemetryData, serializeTelemetryData, type TelemetryData } from '../src/models/telemetry-data';
import { parseHealth, serializeHealth, trimHealthDescription, type Health } from '../src/models/health';
import { MAX_HEALTH_DESCRIPTION_LENGTH } from '../src/protocol-limits';
import { parseVersions, supportsVersion } from '../src/models/versions';
import { validateDocument } from '../src/validate/validate';
import { linkedDocumentUrl } from '../src/client/documents';
import { buildGoalState } from '../src/mock/documents';
import { LINKED_DOCUMENTS } from '../src/protocol/linked-documents';
import { findDocumentKind } from '../src/validate/catalog';
import { CORPUS, EXAMPLES } from './helpers/paths';

const read = (file: string) => fs.readFileSync(file, 'utf8');

describe('parseVersions', () => {
  it('reads the agent fixture, including the 2010-28-10 oddity', () => {
    const versions = parseVersions(read(path.join(CORPUS, 'wire', 'version_info.xml')));
    assert.deepEqual(versions, { Preferred: { Version: '2012-11-30' }, Supported: { Version: ['2010-12-15', '2010-28-10'] } });
    assert.equal(supportsVersion(versions), true);
  });

  it('checks the version as WALinuxAgent does: preferred or supported', () => {
    const current = parseVersions(read(path.join(EXAMPLES, 'Versions', 'current-server.xml')));
    assert.equal(supportsVersion(current), true);
    assert.equal(supportsVersion(current, '2099-01-01'), false);
  });
});

describe('parseGoalState', () => {
  const captures = [
    path.join(CORPUS, 'hibernate', 'goal_state_1', 'GoalState.xml'),
    path.join(CORPUS, 'hibernate', 'goal_state_2', 'GoalState.xml'),
    path.join(CORPUS, 'tenant_certificate_rotation', 'GoalState-incarnation-3.xml'),
    path.join(CORPUS, 'tenant_certificate_rotation', 'GoalState-incarnation-4.xml'),
    path.join(CORPUS, 'wire', 'goal_state.xml'),
    path.join(CORPUS, 'wire', 'goal_state_no_ext.xml'),
    path.join(CORPUS, 'wire', 'goal_state_no_certs.xml'),
    path.join(CORPUS, 'wire', 'goal_state_remote_access.xml'),
  ];
  for (const file of captures) {
    it(`parses and validates ${path.relative(CORPUS, file)}`, () => {
      const text = read(file);
      assert.deepEqual(validateDocument(text, file).diagnostics, []);
      const goalState = parseGoalState(text);
      assert.match(goalState.Incarnation, /^\d+$/);
      assert.equal(goalState.Container.ContainerId, /<ContainerId>([^<]+)</.exec(text)?.[1]);
      const instance = goalState.Container.RoleInstanceList?.RoleInstance[0];
      assert.ok(instance);
      assert.equal(instance.InstanceId, /<InstanceId>([^<]+)</.exec(text)?.[1]);
      assert.equal(instance.Configuration.ConfigName, /<ConfigName>([^<]+)</.exec(text)?.[1]);
    });
  }

  it('reads every field of a real capture', () => {
    const goalState = parseGoalState(read(path.join(CORPUS, 'hibernate', 'goal_state_1', 'GoalState.xml')));
    assert.equal(goalState.Version, '2012-11-30');
    assert.equal(goalState.Incarnation, '1');
    assert.deepEqual(goalState.Machine, {
      ExpectedState: 'Started',
      StopRolesDeadlineHint: '300000',
      LBProbePorts: { Port: [16001] },
      ExpectHealthReport: 'FALSE',
    });
    const configuration = goalState.Container.RoleInstanceList?.RoleInstance[0]?.Configuration;
    assert.equal(
      configuration?.Certificates,
      'http://168.63.129.16:80/machine/06185f00-1f00-4545-abaa-4b7baa121869/8cd0ae53%2D1ac5%2D4fe5%2D9356%2Da4e1a34f234c.%5Ftest%2Dvm?comp=certificates&incarnation=1',
    );
  });

  it('takes the first ConfigName and trims RemoteAccessInfo', () => {
    const goalState = parseGoalState(read(path.join(CORPUS, 'wire', 'goal_state_remote_access.xml')));
    assert.equal(goalState.Container.RemoteAccessInfo, 'http://168.63.129.16:80/remoteaccessinfouri/');
    assert.equal(
      goalState.Container.RoleInstanceList?.RoleInstance[0]?.Configuration.ConfigName,
      'b61f93d0-e1ed-40b2-b067-22c243233448.1.b61f93d0-e1ed-40b2-b067-22c243233448.2.MachineRole_IN_0.xml',
    );
  });

  it('fails with a coded error naming the missing element and its line', () => {
    const text = read(path.join(CORPUS, 'wire', 'goal_state_noop.xml'));
    // A transient goal state (no RoleInstanceList) parses; the client waits for the role instance.
    assert.equal(parseGoalState(text).Container.RoleInstanceList, undefined);
    const noContainerId = text.replace(/<ContainerId>[^<]*<\/ContainerId>/, '');
    assert.notEqual(noContainerId, text);
    assert.throws(
      () => parseGoalState(noContainerId),
      (error: unknown) => {
        assert.ok(isWireServerError(error));
        assert.equal(error.code, 'XML_MISSING_ELEMENT');
        assert.match(error.message, /^line \d+: <Container> has no <ContainerId> child$/);
        return true;
      },
    );
    assert.throws(() => parseGoalState('<Versions/>'), { code: 'XML_UNEXPECTED_ROOT' });
    assert.throws(() => parseGoalState('<GoalState>'), { code: 'XML_NOT_WELL_FORMED' });
    assert.throws(() => parseGoalState('<!DOCTYPE g><GoalState/>'), { code: 'XML_DOCTYPE_FORBIDDEN' });
  });
});

describe('Health', () => {
  const report = (details?: { SubStatus: 'Provisioning' | 'ProvisioningFailed'; Description: string }): Health => ({
    GoalStateIncarnation: '3',
    Container: {
      ContainerId: '06185f00-1f00-4545-abaa-4b7baa121869',
      RoleInstanceList: {
        Role: [
          {
            InstanceId: '8cd0ae53-1baa-4f00-9356-a4e1a34f004c._test-vm',
            Health: { State: details ? 'NotReady' : 'Ready', ...(details ? { Details: details } : {}) },
          },
        ],
      },
    },
  });

  for (const [name, value] of [
    ['Ready', report()],
    ['NotReady/Provisioning', report({ SubStatus: 'Provisioning', Description: 'Starting' })],
    ['NotReady/ProvisioningFailed', report({ SubStatus: 'ProvisioningFailed', Description: 'useradd failed: <bad> & "quoted"' })],
  ] as const) {
    it(`serializes ${name} to a schema-valid body that parses back`, () => {
      const xml = serializeHealth(value);
      assert.ok(
        xml.startsWith(
          '<?xml version="1.0" encoding="utf-8"?><Health xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
            'xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
        ),
      );
      assert.deepEqual(validateDocument(xml, 'health.xml').diagnostics, []);
      assert.deepEqual(parseHealth(xml), value);
    });
  }

  it('escapes the description', () => {
    const xml = serializeHealth(report({ SubStatus: 'ProvisioningFailed', Description: 'a < b & c' }));
    assert.match(xml, /<Description>a &lt; b &amp; c<\/Description>/);
  });

  it('trims descriptions to 512 characters without splitting surrogate pairs', () => {
    assert.equal(trimHealthDescription(`  ${'x'.repeat(600)}  `).length, MAX_HEALTH_DESCRIPTION_LENGTH);
    const emoji = trimHealthDescription('😀'.repeat(600));
    assert.equal(Array.from(emoji).length, MAX_HEALTH_DESCRIPTION_LENGTH);
    assert.ok(emoji.endsWith('😀'));
  });

  it('parses every Health example', () => {
    for (const name of fs.readdirSync(path.join(EXAMPLES, 'Health')).filter((n) => !n.endsWith('.invalid.xml'))) {
      const health = parseHealth(read(path.join(EXAMPLES, 'Health', name)));
      assert.equal(health.Container.RoleInstanceList.Role.length, 1);
    }
  });
});

describe('document models read real captures', () => {
  it('HostingEnvironmentConfig and SharedConfig of a real VM', () => {
    const hec = parseHostingEnvironmentConfig(read(path.join(CORPUS, 'hibernate', 'goal_state_1', 'HostingEnvironmentConfig.xml')));
    assert.equal(hec.goalStateIncarnation, '1');
    assert.deepEqual(
      hec.StoredCertificates?.StoredCertificate.map((c) => c.name),
      ['Cert0My', 'TenantEncryptionCert'],
    );
    assert.equal(hec.Incarnation?.instance, '_test-vm');
    const shared = parseSharedConfig(read(path.join(CORPUS, 'hibernate', 'goal_state_1', 'SharedConfig.xml')));
    assert.equal(shared.Instances?.Instance[0]?.address, '10.1.52.28');
  });

  it('Extensions: handlers, settings and metadata of a real capture', () => {
    const ext = parseExtensions(read(path.join(CORPUS, 'wire', 'ext_conf_redact.xml')));
    assert.equal(ext.GuestAgentExtension?.GAFamilies?.GAFamily[0]?.Name, 'Prod');
    assert.equal(ext.StatusUploadBlob?.statusBlobType, 'PageBlob');
    assert.deepEqual(
      ext.Plugins?.Plugin.map((p) => p.version),
      ['2.1.10', '1.0.4.7', '1.0.5'],
    );
    const settings = ext.PluginSettings?.Plugin[1]?.RuntimeSettings;
    assert.equal(settings?.seqNo, '12');
    assert.ok(JSON.parse(settings?.text ?? '').runtimeSettings);
  });

  it('Extensions: multi-config settings and named DependsOn', () => {
    const ext = parseExtensions(read(path.join(CORPUS, 'wire', 'multi-config', 'ext_conf_with_multi_config.xml')));
    const handler = ext.PluginSettings?.Plugin[0];
    assert.deepEqual(
      handler?.ExtensionRuntimeSettings.map((s) => s.name),
      ['firstRunCommand', 'secondRunCommand', 'thirdRunCommand'],
    );
    assert.deepEqual(
      handler?.DependsOn.map((d) => d.name),
      ['secondRunCommand', 'thirdRunCommand'],
    );
  });

  it('PluginVersionManifest, RemoteAccess-free documents and the error body', () => {
    const manifest = parsePluginVersionManifest(read(path.join(CORPUS, 'wire', 'manifest.xml')));
    assert.ok(manifest.Plugins.Plugin.length > 10);
    assert.ok(manifest.InternalPlugins?.Plugin.some((p) => p.Version === '1.3.0'));
    const error = parseErrorBody(read(path.join(EXAMPLES, 'Error', 'resource-not-available.xml')));
    assert.equal(error.Code, 'ResourceNotAvailable');
    assert.equal(parseRDConfig(read(path.join(EXAMPLES, 'RDConfig', 'fixture-shaped.xml'))).Neighborhoods?.Neighborhood[0]?.id, 'n1');
  });

  it('a required attribute missing is a coded error', () => {
    assert.throws(() => parsePluginVersionManifest('<PluginVersionManifest/>'), { code: 'XML_MISSING_ELEMENT' });
    assert.throws(() => parseExtensions('<Extensions><Plugins/></Extensions>'), {
      code: 'XML_MISSING_ELEMENT',
      message: /no <GuestAgentExtension> child/,
    });
    assert.throws(
      () =>
        parseExtensions(
          '<Extensions><GuestAgentExtension><GAFamilies/></GuestAgentExtension><Plugins><Plugin version="1.0" ' +
            'state="enabled"/></Plugins></Extensions>',
        ),
      { code: 'XML_MISSING_ELEMENT', message: /no name attribute/ },
    );
  });
});

describe('request bodies serialize to schema-valid documents that parse back', () => {
  it('TelemetryData, with a CDATA terminator inside an event', () => {
    const data: TelemetryData = {
      version: '1.0',
      Provider: {
        id: '69B669B9-4AF8-4C50-BDC4-6006FA76E975',
        Event: [{ id: '1', text: '<Param Name="Message" Value="a ]]> b" T="mt:wstr" />' }],
      },
    };
    const xml = serializeTelemetryData(data);
    assert.ok(xml.startsWith('<?xml version="1.0"?><TelemetryData version="1.0">'));
    assert.deepEqual(validateDocument(xml, 'telemetry.xml').diagnostics, []);
    assert.deepEqual(parseTelemetryData(xml), data);
  });

  it('RoleProperties', () => {
    const data: RoleProperties = {
      Container: {
        ContainerId: '06185f00-1f00-4545-abaa-4b7baa121869',
        RoleInstances: {
          RoleInstance: [
            {
              Id: '8cd0ae53-1baa-4f00-9356-a4e1a34f004c._test-vm',
              Properties: { Property: [{ name: 'CertificateThumbprint', value: 'a<b' }] },
            },
          ],
        },
      },
    };
    const xml = serializeRoleProperties(data);
    assert.deepEqual(validateDocument(xml, 'role-properties.xml').diagnostics, []);
    assert.deepEqual(parseRoleProperties(xml), data);
  });
});

describe('generated readers: value types and the open/closed rule', () => {
  const goalState = read(path.join(EXAMPLES, 'GoalState', 'vm-with-extensions.xml'));

  it('reads the bounded XSD integer types as numbers, refusing other text with its line, and keeps unbounded ones as text', () => {
    const doc = (ports: string) =>
      '<GoalState><Version>2012-11-30</Version><Incarnation>1</Incarnation><Machine><ExpectedState>Started</ExpectedState>\n' +
      `<StopRolesDeadlineHint>300000</StopRolesDeadlineHint><LBProbePorts>${ports}</LBProbePorts></Machine>` +
      '<Container><ContainerId>c</ContainerId><RoleInstanceList><RoleInstance><InstanceId>i</InstanceId><State>Started</State>' +
      '<Configuration><ConfigName>n</ConfigName></Configuration></RoleInstance></RoleInstanceList></Container></GoalState>';
    const parsed = parseGoalState(doc('<Port>16001</Port><Port>80</Port>'));
    assert.deepEqual(parsed.Machine.LBProbePorts?.Port, [16001, 80]);
    assert.equal(parsed.Machine.StopRolesDeadlineHint, '300000', 'xs:nonNegativeInteger is unbounded: kept as text, exact');
    assert.throws(
      () => parseGoalState(doc('<Port>http</Port>')),
      (error: unknown) =>
        isWireServerError(error) && error.code === 'XML_BAD_VALUE' && /line 2: <Port> must be an integer/.test(error.message),
    );
  });

  it('keeps a value the platform sends outside a known enumeration (unknown is not wrong)', () => {
    const paused = goalState.replace('<ExpectedState>Started</ExpectedState>', '<ExpectedState>Paused</ExpectedState>');
    assert.notEqual(paused, goalState);
    assert.equal(parseGoalState(paused).Machine.ExpectedState, 'Paused');
  });

  it('refuses a value outside the enumeration in a document the guest sends', () => {
    const xml = serializeHealth({
      GoalStateIncarnation: '1',
      Container: { ContainerId: 'c', RoleInstanceList: { Role: [{ InstanceId: 'i', Health: { State: 'Ready' } }] } },
    });
    assert.throws(() => parseHealth(xml.replace('<State>Ready</State>', '<State>ready</State>')), {
      code: 'XML_BAD_VALUE',
      message: /<State> must be one of Ready, NotReady, not "ready"/,
    });
  });

  it('writes a Health report byte for byte as the real agent does', () => {
    const xml = serializeHealth({
      GoalStateIncarnation: '2',
      Container: {
        ContainerId: 'c-1',
        RoleInstanceList: {
          Role: [{ InstanceId: 'i_1', Health: { State: 'NotReady', Details: { SubStatus: 'Provisioning', Description: '"x" & y' } } }],
        },
      },
    });
    assert.equal(
      xml,
      '<?xml version="1.0" encoding="utf-8"?><Health xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
        '<GoalStateIncarnation>2</GoalStateIncarnation><Container><ContainerId>c-1</ContainerId><RoleInstanceList><Role><InstanceId>i_1</InstanceId>' +
        '<Health><State>NotReady</State><Details><SubStatus>Provisioning</SubStatus><Description>&quot;x&quot; &amp; y</Description></Details></Health></Role>' +
        '</RoleInstanceList></Container></Health>',
    );
  });

  it('a repeatable choice keeps the first occurrence of each child', () => {
    const twice = goalState.replace(/<ConfigName>([^<]*)<\/ConfigName>/, '<ConfigName>$1</ConfigName><ConfigName>second</ConfigName>');
    assert.notEqual(twice, goalState);
    assert.notEqual(parseGoalState(twice).Container.RoleInstanceList?.RoleInstance[0]?.Configuration.ConfigName, 'second');
  });
});

describe('the linked-documents table', () => {
  it('names, for each linked document, a root and schema the validator knows and an example the mock can serve or encrypt', () => {
    for (const doc of LINKED_DOCUMENTS) {
      const kind = findDocumentKind(doc.root, '');
      assert.ok(kind, `${doc.name}: no document kind for <${doc.root}>`);
      assert.equal(kind.schema, doc.schema);
      assert.ok(fs.existsSync(path.join(EXAMPLES, doc.root)), `${doc.name}: no examples/${doc.root}`);
    }
  });

  it('the mock builds the goal state through the parser: links follow the table, identity is escaped, the result is valid', () => {
    const state = {
      containerId: '06185f00-1f00-4545-abaa-4b7baa121869',
      instanceId: 'a&b<c>._vm',
      incarnation: 7,
      baseUrl: 'http://127.0.0.1:1',
    };
    const template = read(path.join(EXAMPLES, 'GoalState', 'vm-with-extensions.xml'));
    const xml = buildGoalState(template, state, new Set(['SharedConfig', 'Certificates', 'RemoteAccessInfo']));
    assert.deepEqual(
      validateDocument(xml, 'goal.xml').diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    const parsed = parseGoalState(xml);
    assert.equal(parsed.Incarnation, '7');
    const instance = parsed.Container.RoleInstanceList?.RoleInstance[0];
    assert.equal(instance?.InstanceId, 'a&b<c>._vm');
    assert.equal(instance?.Configuration.ExtensionsConfig, undefined);
    assert.equal(instance?.Configuration.HostingEnvironmentConfig, undefined);
    for (const doc of LINKED_DOCUMENTS.filter((d) => ['SharedConfig', 'Certificates', 'RemoteAccessInfo'].includes(d.name))) {
      const url = linkedDocumentUrl(parsed, doc.name);
      assert.ok(url?.includes(doc.query) && url.endsWith('&incarnation=7'), `${doc.name}: ${url}`);
    }
  });
});
