/**
 * Conformance: the expected verdict for every document in the corpus of real captures and agent
 * fixtures (corpus/walinuxagent, a copy of Azure/WALinuxAgent tests/data: corpus/README.md). A corpus file without a row fails the test.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseExtensions } from '../src/models/extensions';
import { validateDocument } from '../src/validate/validate';
import { CORPUS } from './helpers/paths';

/** `valid`, or a substring of the error the document must produce (with why it is rejected). */
type Verdict = 'valid' | { readonly error: string; readonly why: string };

/** Documents that are valid with warnings only (open-world verdicts): the code of each warning, and why. */
const WARNINGS: Readonly<Record<string, { readonly codes: readonly string[]; readonly why: string }>> = {
  'hostgaplugin/ext_conf-invalid_blob_type.xml': {
    codes: ['undocumented-value'],
    why: 'an unknown statusBlobType: WALinuxAgent falls back to BlockBlob',
  },
  'hostgaplugin/vm_settings-invalid_blob_type.json': {
    codes: ['undocumented-value'],
    why: 'the JSON twin of ext_conf-invalid_blob_type.xml: WALinuxAgent assumes BlockBlob',
  },
  'wire/goal_state_noop.xml': {
    codes: ['empty-container'],
    why: 'a transient goal state without RoleInstanceList: WALinuxAgent fetches it again',
  },
};

/** Files that are not protocol documents: keys, DHCP data, encrypted blobs, the licence. */
const NOT_DOCUMENTS = new Set([
  '2',
  'LICENSE.txt',
  'NOTICE',
  'SHA256SUMS',
  'dhcp',
  'dhcp.leases',
  'dhcp.leases.custom.dns',
  'dhcp.leases.multi',
  'hibernate/TransportCert.pem',
  'hibernate/TransportPrivate.pem',
  'tenant_certificate_rotation/TransportCert.pem',
  'tenant_certificate_rotation/TransportPrivate.pem',
  'wire/encrypted.enc',
  'wire/rsa-key.pem',
  'wire/rsa-key.pub.pem',
  'wire/sample.pem',
  'wire/trans_cert',
  'wire/trans_prv',
  'wire/trans_pub',
]);

const UNKNOWN_JSON = {
  error: 'no schema for this JSON document',
  why: 'a thumbprint summary written by the agent tests, not a protocol document',
} as const;

/** Real captures and fixtures that represent real documents: each must validate with no finding. */
const VALID = new Set([
  'hibernate/goal_state_1/Certificates.xml',
  'hibernate/goal_state_1/ExtensionsConfig.xml',
  'hibernate/goal_state_1/GoalState.xml',
  'hibernate/goal_state_1/HostingEnvironmentConfig.xml',
  'hibernate/goal_state_1/SharedConfig.xml',
  'hibernate/goal_state_1/VmSettings.json',
  'hibernate/goal_state_2/Certificates.xml',
  'hibernate/goal_state_2/ExtensionsConfig.xml',
  'hibernate/goal_state_2/GoalState.xml',
  'hibernate/goal_state_2/HostingEnvironmentConfig.xml',
  'hibernate/goal_state_2/SharedConfig.xml',
  'hibernate/goal_state_2/VmSettings.json',
  'hibernate/goal_state_3/VmSettings.json',
  'hostgaplugin/ext_conf-agent_family_version.xml',
  'hostgaplugin/ext_conf-empty_depends_on.xml',
  'hostgaplugin/ext_conf-no_status_upload_blob.xml',
  'hostgaplugin/ext_conf-rsm_version_properties_false.xml',
  'hostgaplugin/ext_conf.xml',
  'hostgaplugin/in_vm_artifacts_profile.json',
  'hostgaplugin/vm_settings-agent_family_version.json',
  'hostgaplugin/vm_settings-difference_in_required_features.json',
  'hostgaplugin/vm_settings-empty_depends_on.json',
  'hostgaplugin/vm_settings-fabric-no_thumbprints.json',
  'hostgaplugin/vm_settings-missing_cert.json',
  'hostgaplugin/vm_settings-no_manifests.json',
  'hostgaplugin/vm_settings-no_status_upload_blob.json',
  'hostgaplugin/vm_settings-redact.json',
  'hostgaplugin/vm_settings-redact_formatted.json',
  'hostgaplugin/vm_settings-requested_version_properties_false.json',
  'hostgaplugin/vm_settings-supported_hgap_version_for_signature.json',
  'hostgaplugin/vm_settings-unsupported_hgap_version_for_signature.json',
  'hostgaplugin/vm_settings-unsupported_version.json',
  'hostgaplugin/vm_settings.json',
  'ovf-env-2.xml',
  'ovf-env-4.xml',
  'ovf-env.xml',
  'tenant_certificate_rotation/Certificates-incarnation-3.xml',
  'tenant_certificate_rotation/Certificates-incarnation-4.xml',
  'tenant_certificate_rotation/ExtensionsConfig-incarnation-3.xml',
  'tenant_certificate_rotation/ExtensionsConfig-incarnation-4.xml',
  'tenant_certificate_rotation/GoalState-incarnation-3.xml',
  'tenant_certificate_rotation/GoalState-incarnation-4.xml',
  'tenant_certificate_rotation/VmSettings-etag-10016425637754081485.json',
  'tenant_certificate_rotation/VmSettings-etag-5410594052969431317.json',
  'wire/certs.xml',
  'wire/certs_no_format_specified.xml',
  'wire/ext_conf-no_encoded_signature.xml',
  'wire/ext_conf-no_gs_metadata.xml',
  'wire/ext_conf-vm_access_with_invalid_signature.xml',
  'wire/ext_conf-vm_access_with_signature.xml',
  'wire/ext_conf.xml',
  'wire/ext_conf_additional_locations.xml',
  'wire/ext_conf_aks_extension.xml',
  'wire/ext_conf_autoupgrade.xml',
  'wire/ext_conf_autoupgrade_internalversion.xml',
  'wire/ext_conf_dependencies_with_empty_settings.xml',
  'wire/ext_conf_downgrade_rsm_version.xml',
  'wire/ext_conf_in_vm_artifacts_profile.xml',
  'wire/ext_conf_in_vm_empty_artifacts_profile.xml',
  'wire/ext_conf_in_vm_metadata.xml',
  'wire/ext_conf_internalversion.xml',
  'wire/ext_conf_invalid_vm_metadata.xml',
  'wire/ext_conf_missing_family.xml',
  'wire/ext_conf_multiple_extensions.xml',
  'wire/ext_conf_no_extensions-block_blob.xml',
  'wire/ext_conf_no_extensions-no_status_blob.xml',
  'wire/ext_conf_no_extensions-page_blob.xml',
  'wire/ext_conf_no_public.xml',
  'wire/ext_conf_no_settings.xml',
  'wire/ext_conf_redact.xml',
  'wire/ext_conf_required_features.xml',
  'wire/ext_conf_rsm_version.xml',
  'wire/ext_conf_sequencing.xml',
  'wire/ext_conf_settings_case_mismatch.xml',
  'wire/ext_conf_upgradeguid.xml',
  'wire/ext_conf_version_missing_in_agent_family.xml',
  'wire/ext_conf_version_missing_in_manifest.xml',
  'wire/ext_conf_version_not_from_rsm.xml',
  'wire/ext_conf_vm_not_enabled_for_rsm_upgrades.xml',
  'wire/ga_manifest.xml',
  'wire/ga_manifest_no_upgrade.xml',
  'wire/ga_manifest_no_uris.xml',
  'wire/goal_state.xml',
  'wire/goal_state_no_certs.xml',
  'wire/goal_state_no_ext.xml',
  'wire/goal_state_remote_access.xml',
  'wire/hosting_env.xml',
  'wire/in_vm_artifacts_profile.json',
  'wire/incorrect-certs.xml',
  'wire/invalid_config/ext_conf_multiple_depends_on_for_single_handler.xml',
  'wire/invalid_config/ext_conf_plugin_settings_version_mismatch.xml',
  'wire/manifest.xml',
  'wire/manifest_deletion.xml',
  'wire/manifest_vm_access.xml',
  'wire/multi-config/ext_conf_mc_disabled_extensions.xml',
  'wire/multi-config/ext_conf_mc_update_extensions.xml',
  'wire/multi-config/ext_conf_multi_config_no_dependencies.xml',
  'wire/multi-config/ext_conf_with_disabled_multi_config.xml',
  'wire/multi-config/ext_conf_with_multi_config.xml',
  'wire/multi-config/ext_conf_with_multi_config_dependencies.xml',
  'wire/remote_access_10_accounts.xml',
  'wire/remote_access_duplicate_accounts.xml',
  'wire/remote_access_no_accounts.xml',
  'wire/remote_access_single_account.xml',
  'wire/remote_access_two_accounts.xml',
  'wire/shared_config.xml',
  'wire/version_info.xml',
]);

/** Documents that must fail, with a substring of the error and why. */
const VERDICTS: Readonly<Record<string, Verdict>> = {
  'hibernate/goal_state_1/Certificates.json': UNKNOWN_JSON,
  'hibernate/goal_state_2/Certificates.json': UNKNOWN_JSON,
  'hostgaplugin/vm_settings-out-of-sync.json': {
    error: '/activityId must match pattern',
    why: 'fake activity id "AAAAAAA-…" (7 digits in the first group)',
  },
  'hostgaplugin/vm_settings-parse_error.json': { error: 'not well-formed JSON: unexpected character "T"', why: 'deliberate syntax error' },
  'ovf-env-3.xml': {
    error: "ProvisionGuestAgent': [facet 'pattern'] The value '' is not accepted",
    why: 'empty ProvisionGuestAgent fails provisioning in WALinuxAgent',
  },
  'wire/certs_format_not_pfx.xml': {
    error: '`<Data>` must be base64 text, got `NotPFXData`',
    why: 'Data that is not base64 (and a Format no server sends, a warning: the agent skips the certificates)',
  },
  'wire/ext_conf_invalid_and_valid_handlers.xml': {
    error: "Element 'ExtensionRuntimeSettings': This element is not expected.",
    why: 'RuntimeSettings and ExtensionRuntimeSettings under one handler',
  },
  'wire/invalid_config/ext_conf_multiple_runtime_settings_same_plugin.xml': {
    error: "Element 'RuntimeSettings': This element is not expected.",
    why: 'two RuntimeSettings in one handler',
  },
  'wire/invalid_config/ext_conf_multiple_settings_for_same_handler.xml': {
    error: "Duplicate key-sequence ['OSTCExtensions.ExampleHandlerLinux', '1.0.0'] in unique identity-constraint 'UniquePluginSettings'",
    why: 'two PluginSettings for one name and version',
  },
  'wire/invalid_config/ext_conf_single_and_multi_config_settings_same_plugin.xml': {
    error: "Element 'ExtensionRuntimeSettings': This element is not expected.",
    why: 'RuntimeSettings and ExtensionRuntimeSettings under one handler',
  },
};

/**
 * Semantically invalid configurations the XSD cannot catch, with the reason; they validate.
 * The agent rejects them, but the rule needs cross-references XSD 1.0 cannot express.
 */
const SCHEMA_CANNOT_CATCH: Readonly<Record<string, string>> = {
  'wire/invalid_config/ext_conf_multiple_depends_on_for_single_handler.xml':
    'at most one DependsOn for a single-config handler: whether a handler is single- or multi-config is only known from its other ' +
    'children, and DependsOn has the same name in both cases (XSD 1.0 has no conditional content)',
  'wire/invalid_config/ext_conf_plugin_settings_version_mismatch.xml':
    'PluginSettings versions must equal the Plugins version: an xs:keyref would also reject ext_conf_settings_case_mismatch.xml, ' +
    'because names match case-insensitively',
};

function corpusFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? corpusFiles(path.join(dir, entry.name), rel) : [rel];
    })
    .sort();
}

describe('conformance on the corpus', () => {
  const files = corpusFiles(CORPUS);
  const documents = files.filter((f) => !NOT_DOCUMENTS.has(f));

  it('every corpus file is a document (.xml or .json) or listed as not one', () => {
    assert.deepEqual(
      documents.filter((f) => !/\.(xml|json)$/.test(f)),
      [],
    );
    assert.deepEqual(
      [...NOT_DOCUMENTS].filter((f) => !files.includes(f)),
      [],
      'NOT_DOCUMENTS names files that are gone',
    );
    assert.deepEqual(
      [...VALID, ...Object.keys({ ...VERDICTS, ...WARNINGS, ...SCHEMA_CANNOT_CATCH })].filter((f) => !documents.includes(f)),
      [],
      'rows for files that are gone',
    );
  });

  for (const file of documents) {
    const warned = WARNINGS[file];
    if (warned) {
      it(`${file}: valid with warnings (${warned.why})`, () => {
        const result = validateDocument(fs.readFileSync(path.join(CORPUS, file)), file);
        assert.equal(result.valid, true, JSON.stringify(result.diagnostics));
        assert.deepEqual(
          result.diagnostics.map((d) => `${d.severity} ${d.code}`),
          warned.codes.map((code) => `warning ${code}`),
        );
      });
      continue;
    }
    const verdict: Verdict | undefined = VALID.has(file) ? 'valid' : VERDICTS[file];
    if (!verdict) {
      it(`${file} has a row in the conformance table`, () => assert.fail(`add ${file} to VALID or VERDICTS`));
      continue;
    }
    it(`${file}: ${verdict === 'valid' ? 'valid' : `fails (${verdict.why})`}`, () => {
      const result = validateDocument(fs.readFileSync(path.join(CORPUS, file)), file);
      if (verdict === 'valid') {
        assert.deepEqual(result.diagnostics, [], SCHEMA_CANNOT_CATCH[file]);
        assert.ok(result.root, 'the document kind is recognised');
      } else {
        assert.equal(result.valid, false);
        assert.ok(
          result.diagnostics.some(
            (d) => d.severity === 'error' && (d.message.includes(verdict.error) || d.engineMessage?.includes(verdict.error)),
          ),
          `expected "${verdict.error}", got ${JSON.stringify(result.diagnostics.map((d) => d.message))}`,
        );
        assert.ok(
          result.diagnostics.every((d) => d.line > 0),
          'every finding has a line',
        );
      }
    });
  }
});

describe('JSON findings carry the line and column of the value', () => {
  it('a syntax error points at the offending character', () => {
    const result = validateDocument(
      fs.readFileSync(path.join(CORPUS, 'hostgaplugin', 'vm_settings-parse_error.json')),
      'vm_settings-parse_error.json',
    );
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.line, d.column]),
      [['not-well-formed', 3, 32]],
    );
  });

  it('a schema violation points at the value, also in minified JSON and through escaped keys', () => {
    const text =
      '{"hostGAPluginVersion":"1.0.8.159","extensionGoalStates":[{"name":"a","version":"1.0","state":"Enabled"}],"inVMMetadata":{"a/b":1}}';
    const result = validateDocument(text, 'vm.json');
    assert.equal(result.root, 'vmSettings');
    const state = result.diagnostics.find((d) => d.message.startsWith('/extensionGoalStates/0/state has the value `Enabled`'));
    assert.deepEqual([state?.severity, state?.line, state?.column], ['error', 1, text.indexOf('"Enabled"') + 1]);
    const unknown = result.diagnostics.find((d) => d.message.includes('property `a/b`'));
    assert.deepEqual([unknown?.code, unknown?.severity, unknown?.column], ['unknown-property', 'warning', text.indexOf('"a/b"') + 1]);
  });

  it('a JSON document is recognised by its keys, case-insensitively', () => {
    assert.equal(validateDocument('{"OnHold": "TRUE"}', 'p.json').root, 'InVMArtifactsProfile');
    assert.deepEqual(
      validateDocument('{"state":"NotReady","details":{"subStatus":"ProvisioningFailed","description":"useradd failed"}}', 'h.json')
        .diagnostics,
      [],
    );
    const bad = validateDocument('{\n  "state": "Ready",\n  "details": {"subStatus": "Broken", "description": ""}\n}', 'h.json');
    assert.deepEqual(
      bad.diagnostics.map((d) => [d.line, d.column, d.message]),
      [[3, 28, '/details/subStatus has the value `Broken`, which is not one of `Provisioning` or `ProvisioningFailed`']],
    );
    assert.equal(validateDocument('[1, 2]', 'a.json').diagnostics[0]?.code, 'unknown-document');
  });
});

describe('the JSON inside RuntimeSettings', () => {
  const extensions = [...VALID].filter((f) => f.endsWith('.xml') && /<Extensions[\s>]/.test(fs.readFileSync(path.join(CORPUS, f), 'utf8')));

  it('is found in the corpus', () => assert.ok(extensions.length > 40));

  for (const file of extensions) {
    it(`${file}: every RuntimeSettings and ExtensionRuntimeSettings text is valid RuntimeSettings JSON`, () => {
      const ext = parseExtensions(fs.readFileSync(path.join(CORPUS, file), 'utf8'));
      for (const plugin of ext.PluginSettings?.Plugin ?? []) {
        for (const settings of [...(plugin.RuntimeSettings ? [plugin.RuntimeSettings] : []), ...plugin.ExtensionRuntimeSettings]) {
          const result = validateDocument(settings.text, `${file}#${plugin.name}`);
          assert.equal(result.root, 'RuntimeSettings');
          assert.deepEqual(result.diagnostics, []);
        }
      }
    });
  }
});
