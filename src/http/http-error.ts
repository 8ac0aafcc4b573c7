/**
 * The error of a WireServer or HostGAPlugin request that got an unexpected HTTP status.
 * @module
 */
import { WireServerError } from '../errors';
import { redactText } from '../redact/redact';

/**
 * A URL fit for logs and messages: SAS signatures replaced (see `redactText`).
 * @param url - Any URL.
 */
export function redactUrl(url: string): string {
  return redactText(url).text;
}

/**
 * An HTTP request that failed with a status other than 200, 201 or 202 (WALinuxAgent's `OK_CODES`).
 * Code `HTTP_STATUS`. The URL is redacted; the body is never included, only the WireServer `Error/Code`.
 */
export class WireServerHttpError extends WireServerError {
  override name = 'WireServerHttpError';
  /** The HTTP status, e.g. 410. */
  readonly status: number;
  /** The request method. */
  readonly method: string;
  /** The request URL, with SAS signatures redacted. */
  readonly url: string;
  /** `Error/Code` of the response body when the server sent one, e.g. `ResourceNotAvailable`. */
  readonly serverCode: string | undefined;
  /** The `Retry-After` delay in milliseconds when the server sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(method: string, url: string, status: number, serverCode?: string, retryAfterMs?: number) {
    const safeUrl = redactUrl(url);
    super('HTTP_STATUS', `${method} ${safeUrl}: HTTP ${status}${serverCode ? ` ${serverCode}` : ''}`);
    this.status = status;
    this.method = method;
    this.url = safeUrl;
    this.serverCode = serverCode;
    this.retryAfterMs = retryAfterMs;
  }
}
