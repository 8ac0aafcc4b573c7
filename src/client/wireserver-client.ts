/**
 * The reference WireServer client: versions, goal state with incarnation tracking, the linked
 * documents, certificates, health reports, and HostGAPlugin's versions, health and vmSettings.
 *
 * Longer than 300 lines on purpose: one class, because every WireServer call shares the goal state it
 * keeps (incarnation, container and instance ids) and its refresh on 410. Requests and the host policy are in
 * `channel.ts`, HostGAPlugin in `hostgaplugin.ts`.
 * @module
 */
import { decryptCertificateFile, type CertificateBundle } from '../crypto/certificates';
import { CERTIFICATE_CIPHERS, type CertificateCipher } from '../protocol-limits';
import { createTransportCredentials, transportCertificateHeader, type TransportCredentials } from '../crypto/transport';
import type { Endpoint } from '../discovery/endpoint';
import { WireServerError } from '../errors';
import { WireServerHttpError } from '../http/http-error';
import { MAX_RESPONSE_BYTES } from '../http/request';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from '../http/retry';
import { parseCertificateFile } from '../models/certificate-file';
import { parseExtensions, type Extensions } from '../models/extensions';
import { parseGoalState, type GoalState } from '../models/goal-state';
import { serializeHealth, trimHealthDescription, type HealthState, type HealthSubStatus } from '../models/health';
import { parseHostingEnvironmentConfig, type HostingEnvironmentConfig } from '../models/hosting-environment-config';
import { parseRDConfig, type RDConfig } from '../models/rd-config';
import { parseRemoteAccess, type RemoteAccess } from '../models/remote-access';
import { parseSharedConfig, type SharedConfig } from '../models/shared-config';
import { parseVersions, supportsVersion, WIRE_PROTOCOL_VERSION, type Versions } from '../models/versions';
import { Channel } from './channel';
import { findLinkedDocument, linkedDocumentUrl, type LinkedDocumentName } from './documents';
import { getHostGAPluginHealth, getHostGAPluginVersions, getVmSettings, type VmSettingsResponse } from './hostgaplugin';

/** The default agent name sent as `x-ms-agent-name` and in `User-Agent`. */
export const DEFAULT_AGENT_NAME = 'wireserver-spec';
/** The default agent version sent in `User-Agent`. */
export const DEFAULT_AGENT_VERSION = '0.1.0';

/** Options of {@link WireServerClient}. */
export interface WireServerClientOptions {
  /** Where the WireServer is; use `discoverEndpoint` to find it. */
  readonly endpoint: Endpoint;
  /** `x-ms-agent-name`; no evidence the server checks it (docs/wireserver/goalstate.mdx, request headers). Default `wireserver-spec`. */
  readonly agentName?: string;
  /** Version in `User-Agent: <name>/<version>`. */
  readonly agentVersion?: string;
  /**
   * Time limit for one request in milliseconds; default 60 000. WALinuxAgent uses 10 s, but the
   * WireServer can take over 5 s to answer a health POST and cuts connections at about 30 s
   * (canonical/cloud-init PR #1571), so the reference waits longer than the server can.
   */
  readonly timeoutMs?: number;
  /** Retry policy overrides (tests inject short delays). */
  readonly retry?: Partial<RetryPolicy>;
  /** The transport key pair; generated on first use when absent. */
  readonly transport?: TransportCredentials;
  /**
   * Ciphers to request for certificates, in order. Default `AES128_CBC` then `DES_EDE3_CBC`, as
   * WALinuxAgent ≥ 2.14 (PR #3324, for FIPS); cloud-init and afterburn send only `DES_EDE3_CBC`.
   */
  readonly ciphers?: readonly CertificateCipher[];
  /**
   * Hosts (`host` or `host:port`) the client may also send requests to. By default it only talks to
   * the endpoint's host on the WireServer and HostGAPlugin ports, whatever URL a document names.
   */
  readonly allowHosts?: readonly string[];
  /** Largest response body read, in bytes; default 16 MiB ({@link MAX_RESPONSE_BYTES}). */
  readonly maxResponseBytes?: number;
  /** Receives warnings (an incarnation that goes backwards); default none. Messages hold no secrets. */
  readonly onWarning?: (message: string) => void;
}

/** The result of {@link WireServerClient.refreshGoalState}. */
export interface GoalStateUpdate {
  /** The goal state just fetched. */
  readonly goalState: GoalState;
  /** Whether the incarnation differs from the previous fetch (always true on the first). */
  readonly incarnationChanged: boolean;
  /** Whether ContainerId or InstanceId changed (service healing, hibernate) without being reflected in the incarnation. */
  readonly identityChanged: boolean;
  /** Whether the incarnation is lower than the previous fetch's (a restored or confused server; a warning is given). */
  readonly incarnationWentBack: boolean;
}

/**
 * A WireServer client. One instance per VM; it keeps the last goal state and the transport keys.
 *
 * Robustness choices where clients disagree, with their sources:
 * - the goal state is re-fetched right before every health report, because the report must carry
 *   the current incarnation (coreos/afterburn#461, PR #468; WALinuxAgent develop branch);
 * - a 410 on a linked document or a report refreshes the goal state and retries (WALinuxAgent
 *   `ResourceGoneError` handling, docs/flows/incarnation.mdx);
 * - ContainerId and InstanceId are re-read on every fetch, not only when the incarnation changes
 *   (they change on service healing and hibernate/resume: docs/flows/incarnation.mdx);
 * - paths are `/machine/?comp=goalstate` and `/machine?comp=health`, WALinuxAgent's spellings
 *   (both spellings work, docs/wireserver/goalstate.mdx).
 */
export class WireServerClient {
  /** The endpoint in use. */
  readonly endpoint: Endpoint;
  private readonly agentName: string;
  private readonly userAgent: string;
  private readonly channel: Channel;
  private readonly ciphers: readonly CertificateCipher[];
  private readonly onWarning: (message: string) => void;
  private transportCredentials: TransportCredentials | undefined;
  private current: GoalState | undefined;
  private currentXml: string | undefined;
  private versionsText: string | undefined;

  /**
   * @param options - Endpoint, identity, timeouts and retry policy.
   */
  constructor(options: WireServerClientOptions) {
    this.endpoint = options.endpoint;
    this.agentName = options.agentName ?? DEFAULT_AGENT_NAME;
    this.userAgent = `${this.agentName}/${options.agentVersion ?? DEFAULT_AGENT_VERSION}`;
    this.channel = new Channel({
      endpoint: options.endpoint,
      timeoutMs: options.timeoutMs ?? 60_000,
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      allowHosts: new Set((options.allowHosts ?? []).map((h) => h.toLowerCase())),
      maxResponseBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
    });
    this.ciphers = options.ciphers ?? CERTIFICATE_CIPHERS;
    this.transportCredentials = options.transport;
    this.onWarning = options.onWarning ?? (() => undefined);
  }

  /** The transport key pair, generated on first use. */
  get transport(): TransportCredentials {
    this.transportCredentials ??= createTransportCredentials();
    return this.transportCredentials;
  }

  /** The last goal state fetched, if any. */
  get goalState(): GoalState | undefined {
    return this.current;
  }

  /** The text of the last goal state fetched, exactly as received (for captures). */
  get goalStateXml(): string | undefined {
    return this.currentXml;
  }

  /** The text of the last versions document fetched, exactly as received (for captures). */
  get versionsXml(): string | undefined {
    return this.versionsText;
  }

  /** Base URL of the WireServer, e.g. `http://168.63.129.16:80`. */
  get baseUrl(): string {
    return this.channel.baseUrl;
  }

  /** Base URL of HostGAPlugin, e.g. `http://168.63.129.16:32526`. */
  get hostGAPluginUrl(): string {
    return this.channel.hostGAPluginUrl;
  }

  private baseHeaders(): Record<string, string> {
    return { 'x-ms-agent-name': this.agentName, 'x-ms-version': WIRE_PROTOCOL_VERSION, 'User-Agent': this.userAgent };
  }

  private encryptedHeaders(cipher: CertificateCipher): Record<string, string> {
    return {
      ...this.baseHeaders(),
      'x-ms-guest-agent-public-x509-cert': transportCertificateHeader(this.transport.certificate),
      'x-ms-cipher-name': cipher,
    };
  }

  /**
   * `GET /?comp=versions` (sent without the x-ms headers, as WALinuxAgent does).
   * @returns The versions the server speaks.
   */
  async getVersions(): Promise<Versions> {
    const parse = (text: string) => {
      const versions = parseVersions(text);
      this.versionsText = text;
      return versions;
    };
    return withRetry(
      (limitMs) => this.channel.getParsedOnce(`${this.baseUrl}/?comp=versions`, { 'User-Agent': this.userAgent }, parse, limitMs),
      this.channel.policy,
    );
  }

  /**
   * Fetches the versions and checks that `2012-11-30` is preferred or supported.
   * @throws {@link WireServerError} `PROTOCOL_VERSION_UNSUPPORTED` otherwise.
   */
  async checkVersion(): Promise<Versions> {
    const versions = await this.getVersions();
    if (!supportsVersion(versions)) {
      throw new WireServerError(
        'PROTOCOL_VERSION_UNSUPPORTED',
        `the WireServer does not support protocol version ${WIRE_PROTOCOL_VERSION} (preferred ${versions.Preferred.Version})`,
      );
    }
    return versions;
  }

  /**
   * Fetches the goal state and records it. A goal state without a role instance is retried (up to
   * the retry policy; WALinuxAgent tries 6 times, 0.5 s apart, then fails).
   */
  async refreshGoalState(): Promise<GoalStateUpdate> {
    const previous = this.current;
    const [goalState, xml] = await withRetry(async (limitMs) => {
      const [parsed, text] = await this.channel.getParsedOnce(
        `${this.baseUrl}/machine/?comp=goalstate`,
        this.baseHeaders(),
        (t) => [parseGoalState(t), t] as const,
        limitMs,
      );
      // A Container without RoleInstanceList (goal_state_noop.xml) or with an empty one means "not ready yet".
      if ((parsed.Container.RoleInstanceList?.RoleInstance.length ?? 0) === 0) {
        throw new WireServerError('HTTP_BAD_RESPONSE', 'the goal state has no RoleInstance yet');
      }
      return [parsed, text] as const;
    }, this.channel.policy);
    this.current = goalState;
    this.currentXml = xml;
    const instance = (g: GoalState | undefined) => g?.Container.RoleInstanceList?.RoleInstance[0]?.InstanceId;
    const incarnationWentBack =
      previous !== undefined &&
      /^\d+$/.test(previous.Incarnation) &&
      /^\d+$/.test(goalState.Incarnation) &&
      BigInt(goalState.Incarnation) < BigInt(previous.Incarnation);
    if (incarnationWentBack) {
      this.onWarning(
        `the goal state incarnation went backwards, from ${previous.Incarnation} to ${goalState.Incarnation}; the WireServer may have ` +
          `been restored or is confused`,
      );
    }
    return {
      goalState,
      incarnationWentBack,
      incarnationChanged: previous?.Incarnation !== goalState.Incarnation,
      identityChanged:
        previous !== undefined &&
        (previous.Container.ContainerId !== goalState.Container.ContainerId || instance(previous) !== instance(goalState)),
    };
  }

  /** The current goal state, fetched when the client has none yet. */
  async getGoalState(): Promise<GoalState> {
    return this.current ?? (await this.refreshGoalState()).goalState;
  }

  /**
   * Runs a request against the current goal state; on 410 (stale incarnation or container)
   * refreshes the goal state and runs it again, up to `attempts` times.
   */
  private async withFreshGoalState<T>(run: (goalState: GoalState) => Promise<T>, attempts = 3): Promise<T> {
    let goalState = await this.getGoalState();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await run(goalState);
      } catch (error) {
        if (!(error instanceof WireServerHttpError && error.status === 410) || attempt >= attempts) throw error;
        goalState = (await this.refreshGoalState()).goalState;
      }
    }
  }

  /**
   * Fetches a linked document's raw XML.
   * @param name - The document (goal-state element name or CLI name).
   * @param cipher - For encrypted documents, the cipher to request; default the first configured.
   * @returns The text, or `undefined` when the goal state does not link it.
   * @throws {@link WireServerError} `PROTOCOL_MISSING_DOCUMENT` for an unknown name.
   */
  async fetchDocumentText(name: LinkedDocumentName | string, cipher?: CertificateCipher): Promise<string | undefined> {
    const doc = findLinkedDocument(name);
    if (!doc) throw new WireServerError('PROTOCOL_MISSING_DOCUMENT', `unknown document ${JSON.stringify(name.slice(0, 40))}`);
    return this.withFreshGoalState(async (goalState) => {
      const url = linkedDocumentUrl(goalState, doc.name);
      if (url === undefined) return undefined;
      const headers = doc.encrypted ? this.encryptedHeaders(cipher ?? this.ciphers[0] ?? 'AES128_CBC') : this.baseHeaders();
      return (await this.channel.send('GET', url, headers)).body.toString('utf8');
    });
  }

  private async getLinked<T>(name: LinkedDocumentName, parse: (xml: string) => T): Promise<T | undefined> {
    const text = await this.fetchDocumentText(name);
    return text === undefined ? undefined : parse(text);
  }

  /** Fetches the `HostingEnvironmentConfig` document (undefined when the goal state does not link it). */
  async getHostingEnvironmentConfig(): Promise<HostingEnvironmentConfig | undefined> {
    return this.getLinked('HostingEnvironmentConfig', parseHostingEnvironmentConfig);
  }

  /** Fetches the `SharedConfig` document (WALinuxAgent only stores it; afterburn reads instance IPs from it). */
  async getSharedConfig(): Promise<SharedConfig | undefined> {
    return this.getLinked('SharedConfig', parseSharedConfig);
  }

  /** Fetches the `Extensions` (extensionsConfig) document; undefined when the VM has no extensions. */
  async getExtensionsConfig(): Promise<Extensions | undefined> {
    return this.getLinked('ExtensionsConfig', parseExtensions);
  }

  /** Fetches the `RDConfig` (fullConfig) document; WALinuxAgent never fetches it. */
  async getFullConfig(): Promise<RDConfig | undefined> {
    return this.getLinked('FullConfig', parseRDConfig);
  }

  /**
   * Fetches and decrypts the certificates: each configured cipher in turn (a new request each), as
   * WALinuxAgent does. No `Certificates` URL means no certificates.
   */
  async getCertificates(): Promise<CertificateBundle> {
    let lastError: unknown;
    for (const cipher of this.ciphers) {
      try {
        const text = await this.fetchDocumentText('Certificates', cipher);
        if (text === undefined) return { certificates: [] };
        return decryptCertificateFile(parseCertificateFile(text), this.transport.privateKey);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError ?? new WireServerError('PROTOCOL_MISSING_DOCUMENT', 'no cipher configured');
  }

  /** Fetches the RemoteAccess (JIT users) document, or `undefined` when the goal state has none. */
  async getRemoteAccess(): Promise<RemoteAccess | undefined> {
    return this.getLinked('RemoteAccessInfo', parseRemoteAccess);
  }

  /**
   * Posts a `Health` report to `/machine?comp=health`. The goal state is re-fetched right before,
   * so the report carries the current incarnation, ContainerId and InstanceId; a 410 refreshes and
   * reports again. The description is trimmed and escaped as cloud-init does.
   * @param state - `Ready` or `NotReady`.
   * @param details - Sub-status and description, for NotReady.
   */
  async reportHealth(state: HealthState, details?: { readonly subStatus: HealthSubStatus; readonly description: string }): Promise<void> {
    await this.refreshGoalState();
    await this.withFreshGoalState(async (goalState) => {
      const instance = goalState.Container.RoleInstanceList?.RoleInstance[0];
      if (!instance) throw new WireServerError('PROTOCOL_NO_ROLE_INSTANCE', 'the goal state has no RoleInstance');
      const body = serializeHealth({
        GoalStateIncarnation: goalState.Incarnation,
        Container: {
          ContainerId: goalState.Container.ContainerId,
          RoleInstanceList: {
            Role: [
              {
                InstanceId: instance.InstanceId,
                Health: {
                  State: state,
                  ...(details
                    ? { Details: { SubStatus: details.subStatus, Description: trimHealthDescription(details.description) } }
                    : {}),
                },
              },
            ],
          },
        },
      });
      await this.channel.send(
        'POST',
        `${this.baseUrl}/machine?comp=health`,
        { ...this.baseHeaders(), 'Content-Type': 'text/xml;charset=utf-8' },
        body,
      );
    });
  }

  /** Reports `Ready`. */
  async reportReady(): Promise<void> {
    await this.reportHealth('Ready');
  }

  /**
   * Reports `NotReady` / `Provisioning` (WALinuxAgent sends the description `Starting`).
   * @param description - Free text.
   */
  async reportProvisioning(description = 'Starting'): Promise<void> {
    await this.reportHealth('NotReady', { subStatus: 'Provisioning', description });
  }

  /**
   * Reports `NotReady` / `ProvisioningFailed` so the platform stops waiting instead of timing out
   * after about 20 minutes (Azure/azure-init#58).
   * @param description - What went wrong; never put secrets in it.
   */
  async reportFailure(description: string): Promise<void> {
    await this.reportHealth('NotReady', { subStatus: 'ProvisioningFailed', description });
  }

  /**
   * Posts azure-init's JSON report to `/provisioning/health` (newer, documented only in
   * Azure/azure-init#186; it needs no goal state).
   * @param state - `Ready` or `NotReady`.
   * @param details - Sub-status and description, for NotReady.
   */
  async reportProvisioningHealth(
    state: HealthState,
    details?: { readonly subStatus: HealthSubStatus; readonly description: string },
  ): Promise<void> {
    const body = JSON.stringify({
      state,
      ...(details ? { details: { subStatus: details.subStatus, description: trimHealthDescription(details.description) } } : {}),
    });
    await this.channel.send(
      'POST',
      `${this.baseUrl}/provisioning/health`,
      { 'x-ms-guest-agent-name': this.userAgent, 'User-Agent': this.userAgent, 'Content-Type': 'application/json' },
      body,
    );
  }

  /** HostGAPlugin `GET /versions`: the JSON array of API versions. */
  async getHostGAPluginVersions(): Promise<string[]> {
    return getHostGAPluginVersions(this.channel, this.userAgent, await this.getGoalState());
  }

  /** HostGAPlugin `GET /health`: true when it answers 200. */
  async getHostGAPluginHealth(): Promise<boolean> {
    return getHostGAPluginHealth(this.channel, this.userAgent);
  }

  /**
   * HostGAPlugin `GET /vmSettings` with `if-none-match` when an ETag is given. A 410 refreshes the
   * goal state (stale container or config name) and asks again once, as WALinuxAgent does.
   * @param etag - The ETag of the copy the caller holds.
   * @throws {@link WireServerHttpError} for 404 (vmSettings unsupported) and other statuses.
   */
  async getVmSettings(etag?: string): Promise<VmSettingsResponse> {
    return this.withFreshGoalState((goalState) => getVmSettings(this.channel, this.userAgent, goalState, etag), 2);
  }
}
