/**
 * How the client talks to one WireServer endpoint: the host policy (only the WireServer and its
 * HostGAPlugin unless the user allows more), one attempt with its time limit and response cap, the
 * retry policy around it, and the mapping of error statuses and bodies to errors.
 * @module
 */
import type { Endpoint } from '../discovery/endpoint';
import { isWireServerError, WireServerError } from '../errors';
import { redactUrl, WireServerHttpError } from '../http/http-error';
import { httpRequest, type HttpResponse } from '../http/request';
import { withRetry, type RetryPolicy } from '../http/retry';
import { parseErrorBody } from '../models/error-body';

const OK_STATUSES = new Set([200, 201, 202]);

/** `Error/Code` of an error body; undefined for other bodies (an overloaded server may send HTML, issue #95). */
function serverErrorCode(response: HttpResponse): string | undefined {
  try {
    const code = parseErrorBody(response.body.toString('utf8')).Code;
    return /^[A-Za-z]{1,64}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

function retryAfterMs(response: HttpResponse): number | undefined {
  const value = response.headers['retry-after'];
  return value !== undefined && /^\d{1,5}$/.test(value) ? Number(value) * 1000 : undefined;
}

/** What a {@link Channel} needs: the endpoint and the limits of each request. */
export interface ChannelOptions {
  /** The WireServer (and its HostGAPlugin port). */
  readonly endpoint: Endpoint;
  /** Per-attempt time limit, in milliseconds. */
  readonly timeoutMs: number;
  /** The retry policy of {@link Channel.send}. */
  readonly policy: RetryPolicy;
  /** Further hosts (`host` or `host:port`, lower case) requests may go to. */
  readonly allowHosts: ReadonlySet<string>;
  /** Largest response body accepted, in bytes. */
  readonly maxResponseBytes: number;
}

/** Requests to one WireServer endpoint and its HostGAPlugin, under the host policy and the retry policy. */
export class Channel {
  private readonly endpoint: Endpoint;
  private readonly timeoutMs: number;
  /** The retry policy of {@link Channel.send}. */
  readonly policy: RetryPolicy;
  private readonly allowHosts: ReadonlySet<string>;
  private readonly maxResponseBytes: number;

  /**
   * @param options - Endpoint and limits.
   */
  constructor(options: ChannelOptions) {
    this.endpoint = options.endpoint;
    this.timeoutMs = options.timeoutMs;
    this.policy = options.policy;
    this.allowHosts = options.allowHosts;
    this.maxResponseBytes = options.maxResponseBytes;
  }

  /** Base URL of the WireServer, e.g. `http://168.63.129.16:80`. */
  get baseUrl(): string {
    return `http://${this.endpoint.host}:${this.endpoint.port}`;
  }

  /** Base URL of HostGAPlugin, e.g. `http://168.63.129.16:32526`. */
  get hostGAPluginUrl(): string {
    return `http://${this.endpoint.host}:${this.endpoint.hostGAPluginPort}`;
  }

  /**
   * Refuses a URL on another host than the WireServer's (or on another port than the WireServer's
   * and HostGAPlugin's), unless the user allowed that host: documents name URLs, and a goal state
   * must not make a VM's agent send requests (with its headers) elsewhere.
   */
  private checkHost(method: string, url: string): void {
    const target = new URL(url);
    const host = target.hostname.toLowerCase();
    const port = target.port === '' ? 80 : Number(target.port);
    const own = host === this.endpoint.host.toLowerCase() && (port === this.endpoint.port || port === this.endpoint.hostGAPluginPort);
    if (own || this.allowHosts.has(host) || this.allowHosts.has(`${host}:${port}`)) return;
    throw new WireServerError(
      'HTTP_HOST_REFUSED',
      `refusing ${method} ${redactUrl(url)}: ${host}:${port} is neither the WireServer (${this.endpoint.host}:${this.endpoint.port}) ` +
        `nor its HostGAPlugin (port ${this.endpoint.hostGAPluginPort}); pass --allow-host ${host} to allow it`,
    );
  }

  /**
   * One attempt, no retry; a status outside 200–202 (and 304 when `allow304`) throws {@link WireServerHttpError}.
   * @param method - The HTTP method.
   * @param url - The URL (refused unless the host policy allows it).
   * @param headers - Request headers.
   * @param body - Request body.
   * @param allow304 - Whether 304 Not Modified is an answer.
   * @param limitMs - What is left of the retry budget.
   */
  async once(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    body?: string,
    allow304 = false,
    limitMs = this.timeoutMs,
  ): Promise<HttpResponse> {
    this.checkHost(method, url);
    const response = await httpRequest({
      method,
      url,
      headers,
      timeoutMs: Math.min(this.timeoutMs, limitMs),
      maxBodyBytes: this.maxResponseBytes,
      ...(body !== undefined ? { body } : {}),
    });
    if (OK_STATUSES.has(response.status) || (allow304 && response.status === 304)) return response;
    throw new WireServerHttpError(method, url, response.status, serverErrorCode(response), retryAfterMs(response));
  }

  /**
   * One request under the retry policy.
   * @param method - The HTTP method.
   * @param url - The URL.
   * @param headers - Request headers.
   * @param body - Request body.
   * @param allow304 - Whether 304 Not Modified is an answer.
   */
  async send(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string, allow304 = false): Promise<HttpResponse> {
    return withRetry((limitMs) => this.once(method, url, headers, body, allow304, limitMs), this.policy);
  }

  /**
   * One GET and parse; a truncated or garbled body becomes `HTTP_BAD_RESPONSE`, which the retry policy retries.
   * @param url - The URL.
   * @param headers - Request headers.
   * @param parse - Reads the body.
   * @param limitMs - What is left of the retry budget.
   */
  async getParsedOnce<T>(url: string, headers: Record<string, string>, parse: (text: string) => T, limitMs = this.timeoutMs): Promise<T> {
    const response = await this.once('GET', url, headers, undefined, false, limitMs);
    try {
      return parse(response.body.toString('utf8'));
    } catch (error) {
      if (isWireServerError(error) && error.code === 'XML_NOT_WELL_FORMED') {
        throw new WireServerError('HTTP_BAD_RESPONSE', `GET ${new URL(url).pathname}: the response is not well-formed XML`, {
          cause: error,
        });
      }
      throw error;
    }
  }
}
