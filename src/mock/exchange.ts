/**
 * The exchange log of the mock servers: every request a guest made and what it was answered, with
 * times, so that a judge can check ordering, pacing and content after the fact. Plain data (JSON),
 * so that a mock running in another network namespace can stream it to the judge.
 * @module
 */

/** Which listener received a request. */
export type MockServerKind = 'wireserver' | 'hostgaplugin' | 'imds' | 'offhost';

/** One request and its answer. */
export interface MockExchange {
  /** Sequence number, from 0, across all listeners of one run. */
  readonly seq: number;
  /** The listener. */
  readonly server: MockServerKind;
  /** The route it matched (`unknown` when none). */
  readonly route: string;
  /** Method. */
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  /** The local address and port the connection reached (for off-host requests: where the agent tried to go). */
  readonly target: string;
  /** Request headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The request body (UTF-8; at most 256 KiB kept). */
  readonly body: string;
  /** Milliseconds since the log started when the request arrived. */
  readonly at: number;
  /** Milliseconds since the log started when the answer was finished (or the connection closed). */
  readonly end: number;
  /** The status answered; 0 when the connection was closed without an answer. */
  readonly status: number;
  /** Response headers that matter to a judge (`retry-after`, `etag`), lower-case names. */
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** True when the client closed the connection before the answer was complete. */
  readonly aborted: boolean;
  /** The scripted fault applied, as text (e.g. `status 503`), if any. */
  readonly fault?: string;
  /** The mock's incarnation when the answer was sent. */
  readonly incarnation: string;
}

/** Keeps the request bodies of a log bounded. */
export const MAX_LOGGED_BODY = 256 * 1024;

/** An append-only exchange log shared by the listeners of one run. */
export class ExchangeLog {
  /** The exchanges, in order of completion. */
  readonly exchanges: MockExchange[] = [];
  private readonly start = Date.now();
  private next = 0;
  private readonly listeners: ((exchange: MockExchange) => void)[] = [];

  /** Milliseconds since the log started. */
  now(): number {
    return Date.now() - this.start;
  }

  /** Reserves the next sequence number (taken when a request arrives). */
  nextSeq(): number {
    return this.next++;
  }

  /**
   * Adds an exchange and tells the subscribers.
   * @param exchange - The finished exchange.
   */
  add(exchange: MockExchange): void {
    this.exchanges.push(exchange);
    for (const listener of this.listeners) listener(exchange);
  }

  /**
   * Calls `listener` for every exchange added from now on.
   * @param listener - The callback.
   */
  subscribe(listener: (exchange: MockExchange) => void): void {
    this.listeners.push(listener);
  }
}

/** Headers as a plain record of strings, lower-case names (repeated headers joined with `, `). */
export function flatHeaders(headers: Readonly<Record<string, string | string[] | number | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** What a listener knows about a request once it has read it. */
export interface ExchangeDetails {
  /** The route matched. */
  route: string;
  /** The request body. */
  body: string;
  /** The fault applied, as text. */
  fault?: string;
}

/** The parts of `http.IncomingMessage` and `http.ServerResponse` the log reads. */
interface RequestLike {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly socket: { readonly localAddress?: string | undefined; readonly localPort?: number | undefined };
}
interface ResponseLike {
  readonly statusCode: number;
  readonly headersSent: boolean;
  readonly writableFinished: boolean;
  getHeader(name: string): string | string[] | number | undefined;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * Logs one exchange when its response closes.
 * @param log - The log.
 * @param server - The listener.
 * @param req - The request.
 * @param res - The response.
 * @param details - Filled in by the listener while it handles the request.
 * @param incarnation - The mock's incarnation, read when the answer closes.
 */
export function trackExchange(
  log: ExchangeLog,
  server: MockServerKind,
  req: RequestLike,
  res: ResponseLike,
  details: ExchangeDetails,
  incarnation: () => string,
): void {
  const seq = log.nextSeq();
  const at = log.now();
  // The incarnation the answer was made with: read when the status line is written, not at close.
  let answeredIncarnation: string | undefined;
  const written: Record<string, string> = {};
  const writable = res as unknown as { writeHead: (...args: unknown[]) => unknown };
  const writeHead = writable.writeHead.bind(res);
  writable.writeHead = (...args: unknown[]) => {
    answeredIncarnation ??= incarnation();
    // Headers given to writeHead (not set with setHeader) are not readable with getHeader later.
    const given = args.find((a, i) => i > 0 && a !== null && typeof a === 'object');
    if (given) Object.assign(written, flatHeaders(given as Record<string, string>));
    return writeHead(...args);
  };
  res.once('close', () => {
    const answered = res.headersSent;
    const responseHeaders: Record<string, string> = {};
    for (const name of ['retry-after', 'etag', 'content-type']) {
      const value = answered ? (res.getHeader(name) ?? written[name]) : undefined;
      if (value !== undefined) responseHeaders[name] = String(value);
    }
    log.add({
      seq,
      server,
      route: details.route,
      method: req.method ?? '',
      url: req.url ?? '',
      target: `${req.socket.localAddress ?? ''}:${req.socket.localPort ?? ''}`,
      headers: flatHeaders(req.headers),
      body: details.body.slice(0, MAX_LOGGED_BODY),
      at,
      end: log.now(),
      status: answered ? res.statusCode : 0,
      responseHeaders,
      aborted: !res.writableFinished,
      ...(details.fault !== undefined ? { fault: details.fault } : {}),
      incarnation: answeredIncarnation ?? incarnation(),
    });
  });
}
