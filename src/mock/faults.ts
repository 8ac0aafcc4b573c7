/**
 * Scripted faults for the mock WireServer: each one applies to the next matching request(s).
 * @module
 */

/** The routes of the mock, as fault targets and in the request log. */
export type MockRoute =
  | 'versions'
  | 'goalstate'
  | 'config'
  | 'certificates'
  | 'remoteaccess'
  | 'health'
  | 'telemetry'
  | 'provisioningHealth'
  | 'hgapVersions'
  | 'hgapHealth'
  | 'vmSettings'
  | 'blob'
  | 'unknown';

/** What a fault does. */
export type MockFault =
  /** Answer with this status (and the WireServer `Error` body) instead of handling the request. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  /** Wait this long, then handle the request normally. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Close the connection without answering. */
  | { readonly kind: 'drop' }
  /** Send the headers and half of the real body, then close the connection. */
  | { readonly kind: 'truncate' }
  /** Answer 200 with a body that is not XML. */
  | { readonly kind: 'garbage' }
  /** Answer with this body (and status, default 200) instead of the real document, e.g. a goal state without a RoleInstance. */
  | { readonly kind: 'body'; readonly body: string; readonly status?: number }
  /** Bump the incarnation, then handle the request normally (as if the platform changed the goal state just then). */
  | { readonly kind: 'bumpIncarnation' }
  /** Handle the request normally, then bump the incarnation (the goal state the guest just read is already out of date). */
  | { readonly kind: 'bumpIncarnationAfter' };

/** A fault and where it applies. */
export interface ScriptedFault {
  /** The route it applies to, or `*` for any. */
  readonly route: MockRoute | '*';
  /** What happens. */
  readonly fault: MockFault;
  /** How many matching requests it applies to; default 1. */
  readonly times?: number;
}

/** A queue of scripted faults, consumed in order. */
export class FaultQueue {
  private readonly pending: { route: MockRoute | '*'; fault: MockFault; left: number }[] = [];

  /**
   * Adds faults to the end of the queue.
   * @param faults - The faults.
   */
  push(...faults: readonly ScriptedFault[]): void {
    for (const f of faults) this.pending.push({ route: f.route, fault: f.fault, left: f.times ?? 1 });
  }

  /**
   * Takes the first fault that matches a route, if any.
   * @param route - The route of the request.
   */
  take(route: MockRoute): MockFault | undefined {
    const index = this.pending.findIndex((f) => f.route === '*' || f.route === route);
    const entry = this.pending[index];
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.pending.splice(index, 1);
    return entry.fault;
  }

  /** How many fault applications are still queued. */
  get size(): number {
    return this.pending.reduce((n, f) => n + f.left, 0);
  }
}
