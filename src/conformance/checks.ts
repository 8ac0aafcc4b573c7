/**
 * The conformance checks: each one a rule of the spec (a behaviour statement with an anchor on the
 * site), applied after the fact to every exchange an agent had with the mock. A check passes, fails
 * with evidence (the request, what was expected, what was observed), or was not exercised because
 * the agent never did the thing it is about.
 *
 * Longer than 300 lines on purpose: every check of the kit in one table, each next to the statement it
 * judges, so the list on the conformance page is generated from one place.
 * @module
 */
import crypto from 'node:crypto';
import { CERTIFICATE_CIPHERS } from '../protocol-limits';
import type { MockExchange } from '../mock/exchange';
import { validateDocument } from '../validate/validate';

/** MUST checks decide the exit status; SHOULD checks are reported only. */
export type CheckLevel = 'MUST' | 'SHOULD';

/** The verdict of one check. */
export type VerdictStatus = 'pass' | 'fail' | 'not-exercised';

/** Why a check failed: one offending request. */
export interface Evidence {
  /** The exchange's sequence number in the log. */
  readonly seq: number;
  /** `METHOD url` as the agent sent it, prefixed by where it went. */
  readonly request: string;
  /** What the rule asks for. */
  readonly expected: string;
  /** What the agent did. */
  readonly observed: string;
}

/** The outcome of one check in one scenario. */
export interface Verdict {
  /** Check id. */
  readonly id: string;
  /** pass, fail or not-exercised. */
  readonly status: VerdictStatus;
  /** How many exchanges the check looked at. */
  readonly exercised: number;
  /** For failures: the offending requests (at most 5). */
  readonly evidence: readonly Evidence[];
}

/** What the judge knows besides the exchanges. */
export interface JudgeFacts {
  /** The VM's ContainerId. */
  readonly containerId: string;
  /** The VM's InstanceId. */
  readonly instanceId: string;
  /** The goal state's ConfigName. */
  readonly configName: string;
  /** `Supported/Version` of the Versions document the mock serves. */
  readonly supportedVersions: readonly string[];
  /** Whether requests to other hosts can be observed (true in a network namespace). */
  readonly offHostObservable: boolean;
}

/** A check: the rule, where it is stated, and how it is judged. */
export interface CheckDefinition {
  /** Stable id, e.g. `HEALTH-CURRENT`. */
  readonly id: string;
  /** One line. */
  readonly title: string;
  /** MUST or SHOULD. */
  readonly level: CheckLevel;
  /** The behaviour statement's anchor id, e.g. `HL-3`. */
  readonly statement: string;
  /** The site page of the statement, e.g. `/docs/wireserver/health`. */
  readonly page: string;
  /** What the check looks at and when it fails. */
  readonly description: string;
  /** Judges the exchanges of one run. */
  readonly judge: (log: readonly MockExchange[], facts: JudgeFacts) => Omit<Verdict, 'id'>;
}

const MAX_EVIDENCE = 5;
const RETRYABLE = new Set([429, 500, 502, 503, 504]);
/** The shortest wait after a 429/503 that any known client uses, less jitter (1 s × 0.5). */
export const MIN_RETRY_GAP_MS = 500;
/** Slack for timer and scheduling noise when comparing waits. */
const SLACK_MS = 50;

/** `where METHOD url`. */
export function describeRequest(e: MockExchange): string {
  return `${e.server === 'offhost' ? `off-host ${e.target}` : e.server} ${e.method} ${e.url}`;
}

/** Builds a verdict from the exchanges looked at and the evidence found. */
function verdict(exercised: number, evidence: readonly Evidence[]): Omit<Verdict, 'id'> {
  return {
    status: exercised === 0 ? 'not-exercised' : evidence.length > 0 ? 'fail' : 'pass',
    exercised,
    evidence: evidence.slice(0, MAX_EVIDENCE),
  };
}

const ev = (e: MockExchange, expected: string, observed: string): Evidence => ({
  seq: e.seq,
  request: describeRequest(e),
  expected,
  observed,
});

/** WireServer requests that carry the protocol headers (not the handshake, storage, or azure-init's JSON endpoint). */
const protocolRequests = (log: readonly MockExchange[]) =>
  log.filter((e) => e.server === 'wireserver' && !['versions', 'blob', 'provisioningHealth', 'unknown'].includes(e.route));

const byArrival = (log: readonly MockExchange[]) => [...log].sort((a, b) => a.at - b.at || a.seq - b.seq);

/** Goal states answered 200 before a moment. */
const goalStatesBefore = (log: readonly MockExchange[], at: number) =>
  log.filter((e) => e.route === 'goalstate' && e.status === 200 && e.end <= at);

function tag(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml)?.[1];
}

/** Whether a health or JSON provisioning report says Ready. */
function isReady(e: MockExchange): boolean {
  if (e.route === 'health') return tag(e.body, 'State') === 'Ready';
  try {
    return (JSON.parse(e.body) as { state?: unknown }).state === 'Ready';
  } catch {
    return false;
  }
}

/** The checks, in report order. */
export const CHECKS: readonly CheckDefinition[] = [
  {
    id: 'VERSION-HEADER',
    level: 'MUST',
    statement: 'OV-4',
    page: '/docs/overview',
    title: 'x-ms-version on every protocol request',
    description:
      'Every WireServer request after the handshake (goal state, documents, certificates, reports) carries x-ms-version naming a ' +
      'version the server lists in its Versions document.',
    judge: (log, facts) => {
      const seen = protocolRequests(log);
      return verdict(
        seen.length,
        seen
          .filter((e) => !facts.supportedVersions.includes(e.headers['x-ms-version'] ?? ''))
          .map((e) =>
            ev(
              e,
              `x-ms-version: one of ${facts.supportedVersions.join(', ')}`,
              e.headers['x-ms-version'] === undefined ? 'no x-ms-version header' : `x-ms-version: ${e.headers['x-ms-version']}`,
            ),
          ),
      );
    },
  },
  {
    id: 'AGENT-NAME',
    level: 'SHOULD',
    statement: 'OV-4',
    page: '/docs/overview',
    title: 'The agent names itself',
    description:
      "Every WireServer protocol request carries x-ms-agent-name (or azure-init's x-ms-guest-agent-name), so that the platform can " +
      'tell agents apart.',
    judge: (log) => {
      const seen = protocolRequests(log);
      return verdict(
        seen.length,
        seen
          .filter((e) => !e.headers['x-ms-agent-name'] && !e.headers['x-ms-guest-agent-name'])
          .map((e) => ev(e, 'x-ms-agent-name: <agent>', 'no agent name header')),
      );
    },
  },
  {
    id: 'URL-FORMS',
    level: 'MUST',
    statement: 'GS-8',
    page: '/docs/wireserver/goalstate',
    title: 'Only URL forms the spec lists',
    description:
      'Every request to the WireServer and HostGAPlugin is one of the documented forms: /?comp=versions, /machine/?comp=goalstate (or ' +
      '/machine?comp=goalstate), the URLs the goal state links, /machine?comp=health, /machine?comp=telemetrydata, ' +
      '/provisioning/health, and HostGAPlugin /versions, /health, /vmSettings.',
    judge: (log) => {
      const seen = log.filter((e) => e.server === 'wireserver' || e.server === 'hostgaplugin');
      return verdict(
        seen.length,
        seen
          .filter((e) => e.route === 'unknown')
          .map((e) => ev(e, 'a documented method and URL', `${e.method} ${e.url} (answered ${e.status})`)),
      );
    },
  },
  {
    id: 'LINKED-URLS',
    level: 'MUST',
    statement: 'GS-5',
    page: '/docs/wireserver/goalstate',
    title: 'Documents fetched from the URLs the goal state gives',
    description:
      'Configuration, certificate and remote-access URLs are taken from a goal state the agent received, with its container, instance ' +
      'and incarnation, not built by hand or reused from an older incarnation without a new goal state.',
    judge: (log) => {
      const seen = log.filter((e) => ['config', 'certificates', 'remoteaccess'].includes(e.route));
      return verdict(
        seen.length,
        seen.flatMap((e) => {
          const incarnation = new URL(e.url, 'http://x').searchParams.get('incarnation');
          const served = goalStatesBefore(log, e.at).map((g) => g.incarnation);
          if (served.length === 0) return [ev(e, 'a goal state fetched first', 'no goal state fetched before this request')];
          return served.includes(incarnation ?? '')
            ? []
            : [
                ev(
                  e,
                  `incarnation= one of the goal states received (${[...new Set(served)].join(', ')})`,
                  `incarnation=${incarnation ?? '(none)'}`,
                ),
              ];
        }),
      );
    },
  },
  {
    id: 'GOALSTATE-BEFORE-REPORT',
    level: 'MUST',
    statement: 'GS-6',
    page: '/docs/wireserver/goalstate',
    title: 'The goal state is fetched before reporting',
    description:
      'The agent fetches the goal state (and gets it) before its first health report: the report must name what the goal state says.',
    judge: (log) => {
      const reports = log.filter((e) => e.route === 'health');
      const first = byArrival(reports)[0];
      if (first === undefined) return verdict(0, []);
      return verdict(
        1,
        goalStatesBefore(log, first.at).length > 0
          ? []
          : [ev(first, 'GET /machine/?comp=goalstate answered 200 before the first report', 'a report without a goal state')],
      );
    },
  },
  {
    id: 'HEALTH-SCHEMA',
    level: 'MUST',
    statement: 'HL-1',
    page: '/docs/wireserver/health',
    title: 'Health reports are valid against the Health schema',
    description:
      'Every body POSTed to /machine?comp=health is a Health document valid against schemas/Health.xsd (the project validator, ' +
      'src/validate).',
    judge: (log) => {
      const reports = log.filter((e) => e.route === 'health');
      return verdict(
        reports.length,
        reports.flatMap((e) => {
          const result = validateDocument(e.body, 'Health.xml');
          const errors = result.diagnostics.filter((d) => d.severity === 'error');
          if (result.root !== undefined && result.root !== 'Health') return [ev(e, 'a Health document', `a ${result.root} document`)];
          return errors.length === 0
            ? []
            : [
                ev(
                  e,
                  'valid against Health.xsd',
                  errors
                    .slice(0, 2)
                    .map((d) => `${d.line}:${d.column} ${d.message}`)
                    .join('; '),
                ),
              ];
        }),
      );
    },
  },
  {
    id: 'HEALTH-CURRENT',
    level: 'MUST',
    statement: 'HL-3',
    page: '/docs/wireserver/health',
    title: 'Reports name the current incarnation, container and instance',
    description:
      'Each health report carries the GoalStateIncarnation, ContainerId and InstanceId of the newest goal state the agent had been ' +
      'served when it posted (a report overtaken by a change the agent could not have seen is not held against it; what it does about ' +
      'the 410 is GONE-REFRESH).',
    judge: (log, facts) => {
      const reports = log.filter((e) => e.route === 'health' && /<Health\b/.test(e.body));
      return verdict(
        reports.length,
        reports.flatMap((e) => {
          const latest = goalStatesBefore(log, e.at)
            .sort((a, b) => a.end - b.end)
            .at(-1);
          const expected = {
            GoalStateIncarnation: latest?.incarnation ?? '(a goal state first)',
            ContainerId: facts.containerId,
            InstanceId: facts.instanceId,
          };
          const wrong = Object.entries(expected).filter(([name, value]) => tag(e.body, name) !== value);
          return wrong.length === 0
            ? []
            : [
                ev(
                  e,
                  wrong.map(([n, v]) => `${n} ${v}`).join(', '),
                  wrong.map(([n]) => `${n} ${tag(e.body, n) ?? '(missing)'}`).join(', '),
                ),
              ];
        }),
      );
    },
  },
  {
    id: 'GONE-REFRESH',
    level: 'MUST',
    statement: 'RT-5',
    page: '/docs/flows/retries',
    title: '410 is answered by a new goal state, not by repeating the request',
    description:
      'After a 410 Gone, the agent does not send the same request again (same URL, or for a report the same incarnation) before it has ' +
      'fetched the goal state again.',
    judge: (log) => {
      const ordered = byArrival(log);
      const gone = ordered.filter((e) => e.status === 410 && e.server !== 'offhost');
      return verdict(
        gone.length,
        gone.flatMap((g) => {
          const later = ordered.filter((e) => e.at >= g.end && e.seq !== g.seq);
          const refresh = later.find((e) => e.route === 'goalstate');
          const same = (e: MockExchange) =>
            e.route === g.route &&
            e.method === g.method &&
            (g.route === 'health' ? tag(e.body, 'GoalStateIncarnation') === tag(g.body, 'GoalStateIncarnation') : e.url === g.url);
          const repeat = later.find((e) => same(e) && (refresh === undefined || e.at < refresh.at));
          return repeat === undefined
            ? []
            : [
                ev(
                  repeat,
                  `GET /machine/?comp=goalstate after the 410 (seq ${g.seq}), then a new request`,
                  'the same request again without a new goal state',
                ),
              ];
        }),
      );
    },
  },
  {
    id: 'READY-REPORTED',
    level: 'MUST',
    statement: 'FB-3',
    page: '/docs/flows/first-boot',
    title: 'Provisioning ends with an accepted Ready report',
    description:
      "By the time the agent exits, a Ready report (Health on /machine?comp=health, or azure-init's JSON on /provisioning/health) has " +
      'been accepted (2xx). A VM that never reports stays "creating" for 20 minutes.',
    judge: (log) => {
      const reports = log.filter((e) => e.route === 'health' || e.route === 'provisioningHealth');
      const accepted = reports.some((e) => isReady(e) && e.status >= 200 && e.status < 300);
      if (accepted) return verdict(1, []);
      const last = byArrival(reports).at(-1);
      const evidence: Evidence = last
        ? ev(
            last,
            'a Ready report answered 2xx',
            `last report ${isReady(last) ? 'Ready' : 'not Ready'} answered ${last.status || 'nothing'}`,
          )
        : {
            seq: -1,
            request: '(none)',
            expected: 'POST /machine?comp=health with State Ready, answered 2xx',
            observed: 'no report was sent',
          };
      return verdict(1, [evidence]);
    },
  },
  {
    id: 'CIPHER-HEADER',
    level: 'MUST',
    statement: 'CERT-3',
    page: '/docs/wireserver/certificates',
    title: 'A cipher the server knows',
    description: `Certificate requests name x-ms-cipher-name ${CERTIFICATE_CIPHERS.join(' or ')}, or no cipher at all (the server's default).`,
    judge: (log) => {
      const seen = log.filter((e) => e.route === 'certificates' || e.route === 'remoteaccess');
      return verdict(
        seen.length,
        seen
          .filter(
            (e) =>
              e.headers['x-ms-cipher-name'] !== undefined &&
              !(CERTIFICATE_CIPHERS as readonly string[]).includes(e.headers['x-ms-cipher-name']),
          )
          .map((e) =>
            ev(e, `x-ms-cipher-name: ${CERTIFICATE_CIPHERS.join(' or ')}`, `x-ms-cipher-name: ${e.headers['x-ms-cipher-name'] ?? ''}`),
          ),
      );
    },
  },
  {
    id: 'TRANSPORT-CERTIFICATE',
    level: 'MUST',
    statement: 'CERT-1',
    page: '/docs/wireserver/certificates',
    title: 'A usable transport certificate',
    description:
      'x-ms-guest-agent-public-x509-cert is the base64 DER of an X.509 certificate, valid now, with an RSA key of at least 2048 bits: ' +
      'the server encrypts the payload to it.',
    judge: (log) => {
      const seen = log.filter((e) => e.route === 'certificates' || e.route === 'remoteaccess');
      return verdict(
        seen.length,
        seen.flatMap((e) => {
          const header = e.headers['x-ms-guest-agent-public-x509-cert'];
          const expected = 'base64 DER X.509, valid now, RSA ≥ 2048 bits';
          if (header === undefined) return [ev(e, expected, 'no x-ms-guest-agent-public-x509-cert header')];
          try {
            const cert = new crypto.X509Certificate(Buffer.from(header, 'base64'));
            const key = cert.publicKey;
            const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
            const now = Date.now();
            const problems = [
              key.asymmetricKeyType !== 'rsa' ? `a ${key.asymmetricKeyType ?? 'non-RSA'} key` : '',
              key.asymmetricKeyType === 'rsa' && bits < 2048 ? `RSA ${bits} bits` : '',
              Date.parse(cert.validFrom) > now ? `not valid before ${cert.validFrom}` : '',
              Date.parse(cert.validTo) < now ? `expired ${cert.validTo}` : '',
            ].filter(Boolean);
            return problems.length === 0 ? [] : [ev(e, expected, problems.join(', '))];
          } catch {
            return [ev(e, expected, 'the header is not a base64 DER certificate')];
          }
        }),
      );
    },
  },
  {
    id: 'TRANSPORT-SKI',
    level: 'SHOULD',
    statement: 'CERT-5',
    page: '/docs/wireserver/certificates',
    title: 'The transport certificate has a subjectKeyIdentifier',
    description:
      'The transport certificate carries a subjectKeyIdentifier extension, as openssl req -x509 adds and CMS recipients are commonly ' +
      'matched by.',
    judge: (log) => {
      const seen = log.filter(
        (e) => (e.route === 'certificates' || e.route === 'remoteaccess') && e.headers['x-ms-guest-agent-public-x509-cert'] !== undefined,
      );
      return verdict(
        seen.length,
        seen.flatMap((e) => {
          try {
            const cert = new crypto.X509Certificate(Buffer.from(e.headers['x-ms-guest-agent-public-x509-cert'] ?? '', 'base64'));
            // OID 2.5.29.14 is 06 03 55 1d 0e in DER.
            return cert.raw.includes(Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x0e]))
              ? []
              : [ev(e, 'a subjectKeyIdentifier extension', 'none')];
          } catch {
            return [];
          }
        }),
      );
    },
  },
  {
    id: 'RETRY-PACING',
    level: 'MUST',
    statement: 'RT-1',
    page: '/docs/flows/retries',
    title: 'No tight retry loop after 429 or 503',
    description:
      `After a 429, 500, 502, 503 or 504, the next request on the same route comes at least ${MIN_RETRY_GAP_MS} ms after ` +
      `the answer (every known client waits about 1 s or more).`,
    judge: (log) => {
      const ordered = byArrival(log);
      const busy = ordered.filter((e) => RETRYABLE.has(e.status));
      const pairs = busy.flatMap((b) => {
        const next = ordered.find((e) => e.at >= b.end && e.seq !== b.seq && e.server === b.server && e.route === b.route);
        return next === undefined ? [] : [[b, next] as const];
      });
      return verdict(
        pairs.length,
        pairs
          .filter(([b, n]) => n.at - b.end < MIN_RETRY_GAP_MS - SLACK_MS)
          .map(([b, n]) => ev(n, `at least ${MIN_RETRY_GAP_MS} ms after the ${b.status} (seq ${b.seq})`, `${n.at - b.end} ms later`)),
      );
    },
  },
  {
    id: 'RETRY-AFTER',
    level: 'MUST',
    statement: 'recommended',
    page: '/docs/flows/retries',
    title: 'Retry-After is honoured',
    description: 'After an answer with Retry-After: N (seconds), the next request on the same route comes no sooner than N seconds later.',
    judge: (log) => {
      const ordered = byArrival(log);
      const told = ordered.filter((e) => /^\d+$/.test(e.responseHeaders['retry-after'] ?? ''));
      const pairs = told.flatMap((b) => {
        const next = ordered.find((e) => e.at >= b.end && e.seq !== b.seq && e.server === b.server && e.route === b.route);
        return next === undefined ? [] : [[b, next, Number(b.responseHeaders['retry-after']) * 1000] as const];
      });
      return verdict(
        pairs.length,
        pairs
          .filter(([b, n, wait]) => n.at - b.end < wait - SLACK_MS)
          .map(([b, n, wait]) =>
            ev(n, `at least ${wait} ms after the ${b.status} with Retry-After (seq ${b.seq})`, `${n.at - b.end} ms later`),
          ),
      );
    },
  },
  {
    id: 'PATIENCE',
    level: 'SHOULD',
    statement: 'RT-4',
    page: '/docs/flows/retries',
    title: 'Slow answers are waited for',
    description:
      "A request the server answers late (the slow scenario's delay) is not abandoned: the agent keeps the connection open until the " +
      'answer is complete.',
    judge: (log) => {
      const slow = log.filter((e) => e.fault?.startsWith('delay') === true);
      return verdict(
        slow.length,
        slow
          .filter((e) => e.aborted)
          .map((e) => ev(e, `wait for the answer (${e.fault ?? ''})`, `closed the connection after ${e.end - e.at} ms`)),
      );
    },
  },
  {
    id: 'HOSTGAPLUGIN-HEADERS',
    level: 'MUST',
    statement: 'VMS-7',
    page: '/docs/hostgaplugin/vmsettings',
    title: 'vmSettings asked for the current container and configuration',
    description:
      'HostGAPlugin /vmSettings requests carry x-ms-containerid and x-ms-host-config-name of the current goal state and x-ms-version, ' +
      'as WALinuxAgent sends them (the mock answers 410 otherwise).',
    judge: (log, facts) => {
      const seen = log.filter((e) => e.route === 'vmSettings');
      return verdict(
        seen.length,
        seen.flatMap((e) => {
          const wrong = [
            e.headers['x-ms-containerid'] !== facts.containerId ? `x-ms-containerid ${e.headers['x-ms-containerid'] ?? '(missing)'}` : '',
            e.headers['x-ms-host-config-name'] !== facts.configName
              ? `x-ms-host-config-name ${e.headers['x-ms-host-config-name'] ?? '(missing)'}`
              : '',
            e.headers['x-ms-version'] === undefined ? 'no x-ms-version' : '',
          ].filter(Boolean);
          return wrong.length === 0
            ? []
            : [ev(e, `x-ms-containerid ${facts.containerId}, x-ms-host-config-name ${facts.configName}, x-ms-version`, wrong.join(', '))];
        }),
      );
    },
  },
  {
    id: 'IMDS-HEADERS',
    level: 'MUST',
    statement: 'KIT-2',
    page: '/docs/tools/conformance',
    title: 'IMDS asked the way the service requires',
    description:
      'Every Instance Metadata Service request carries Metadata: true and a known api-version, and no X-Forwarded-For (the real ' +
      'service answers 400 otherwise).',
    judge: (log) => {
      const seen = log.filter((e) => e.server === 'imds' && e.route !== 'imds-versions');
      return verdict(
        seen.length,
        seen
          .filter((e) => e.status === 400)
          .map((e) =>
            ev(
              e,
              'Metadata: true, a known api-version, no X-Forwarded-For',
              [
                e.headers['metadata']?.toLowerCase() === 'true' ? '' : `Metadata: ${e.headers['metadata'] ?? '(missing)'}`,
                new URL(e.url, 'http://x').searchParams.get('api-version') === null ? 'no api-version' : '',
                e.headers['x-forwarded-for'] !== undefined ? 'X-Forwarded-For sent' : '',
              ]
                .filter(Boolean)
                .join(', ') || 'answered 400',
            ),
          ),
      );
    },
  },
  {
    id: 'NO-OFF-HOST',
    level: 'MUST',
    statement: 'KIT-1',
    page: '/docs/tools/conformance',
    title: 'No request to any other host',
    description:
      'During provisioning the agent talks only to the WireServer, the HostGAPlugin and IMDS: every URL they serve points back at ' +
      'them, so a request elsewhere follows an address the agent made up. Observable only with --netns, where every other address ' +
      'lands on a sink that records and refuses.',
    judge: (log, facts) => {
      if (!facts.offHostObservable) return verdict(0, []);
      const off = log.filter((e) => e.server === 'offhost');
      return verdict(
        1,
        off.map((e) =>
          ev(
            e,
            'requests only to 168.63.129.16 and 169.254.169.254',
            `a request to ${e.target}${e.headers['host'] ? ` (Host: ${e.headers['host']})` : ''}`,
          ),
        ),
      );
    },
  },
];

/**
 * Runs every check.
 * @param log - The exchanges of one run.
 * @param facts - What the mock knows.
 */
export function judge(log: readonly MockExchange[], facts: JudgeFacts): Verdict[] {
  return CHECKS.map((check) => ({ id: check.id, ...check.judge(log, facts) }));
}
