/**
 * One HTTP exchange with the WireServer or HostGAPlugin, over `node:http` directly: no agent pool,
 * no proxy (WALinuxAgent calls them with `use_proxy=False`; `HTTP_PROXY` is never read), and
 * `Connection: close` as every known client sends.
 * @module
 */
import http from 'node:http';
import { WireServerError } from '../errors';
import { redactUrl } from './http-error';

/** A request. */
export interface HttpRequest {
  /** `GET`, `POST` or `PUT`. */
  readonly method: 'GET' | 'POST' | 'PUT';
  /** An absolute `http:` URL. */
  readonly url: string;
  /** Request headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Request body. */
  readonly body?: string | Buffer;
  /** Time limit for the whole exchange, in milliseconds. */
  readonly timeoutMs: number;
  /** Largest response body accepted, in bytes; default {@link MAX_RESPONSE_BYTES}. */
  readonly maxBodyBytes?: number;
}

/**
 * Largest response body the client reads: 16 MiB. Real WireServer documents are under 1 MiB (a
 * Certificates payload with many certificates is the largest); the cap is enforced while the body
 * streams in, so a hostile or broken server cannot make the client buffer more.
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** A complete response. */
export interface HttpResponse {
  /** Status code. */
  readonly status: number;
  /** Response headers (lower-case names). */
  readonly headers: http.IncomingHttpHeaders;
  /** The whole body. */
  readonly body: Buffer;
}

/**
 * Sends one request and reads the whole response.
 * @param request - What to send.
 * @throws {@link WireServerError} `HTTP_TIMEOUT` when the time limit passes, `HTTP_NETWORK` when the
 * connection fails, resets or the body is cut short, `HTTP_RESPONSE_TOO_LARGE` when the body passes
 * the cap (reading stops there). Messages carry the redacted URL only.
 */
export function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const url = new URL(request.url);
  const what = `${request.method} ${redactUrl(request.url)}`;
  if (url.protocol !== 'http:')
    return Promise.reject(new WireServerError('HTTP_NETWORK', `${what}: only http: URLs are used for the WireServer`));
  const maxBody = request.maxBodyBytes ?? MAX_RESPONSE_BYTES;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: WireServerError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
    const req = http.request(
      {
        host: url.hostname,
        port: url.port === '' ? 80 : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: request.method,
        agent: false,
        headers: { ...request.headers, Connection: 'close', ...(body ? { 'Content-Length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let received = 0;
        const tooLarge = () =>
          fail(
            new WireServerError('HTTP_RESPONSE_TOO_LARGE', `${what}: the response body is larger than ${maxBody} bytes; stopped reading`),
          );
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBody) {
          tooLarge();
          return;
        }
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxBody) tooLarge();
          else chunks.push(chunk);
        });
        const cutShort = () => fail(new WireServerError('HTTP_NETWORK', `${what}: the response was cut short`));
        res.on('aborted', cutShort);
        res.on('close', () => {
          if (!res.complete) cutShort();
        });
        res.on('error', (error) =>
          fail(
            new WireServerError('HTTP_NETWORK', `${what}: ${(error as NodeJS.ErrnoException).code ?? 'response error'}`, { cause: error }),
          ),
        );
        res.on('end', () => {
          if (settled) return;
          if (!res.complete) {
            fail(new WireServerError('HTTP_NETWORK', `${what}: the response was cut short`));
            return;
          }
          settled = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
      },
    );
    const timer = setTimeout(
      () => fail(new WireServerError('HTTP_TIMEOUT', `${what}: no complete response within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    req.on('error', (error) =>
      fail(
        new WireServerError('HTTP_NETWORK', `${what}: ${(error as NodeJS.ErrnoException).code ?? 'connection error'}`, { cause: error }),
      ),
    );
    req.end(body);
  });
}
