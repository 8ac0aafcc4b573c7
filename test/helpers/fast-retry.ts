/** A retry policy for fault tests: no real waiting; a virtual clock advanced by each wait; waits recorded. */
import type { RetryPolicy } from '../../src/http/retry';

/** The policy and the waits it was asked for. */
export interface FastRetry {
  /** Pass as `retry` to the client. */
  readonly policy: Partial<RetryPolicy>;
  /** Every delay requested, in milliseconds, in order. */
  readonly waits: number[];
}

/**
 * A policy with 1 s initial delay doubling to a 30 s cap (the defaults) and a 20 min budget, but a
 * virtual clock: `sleep` records the delay, advances the clock and resolves at once. `random` is fixed
 * so delays are deterministic (0.5 gives 75 % of the exponential step).
 */
export function fastRetry(overrides: Partial<RetryPolicy> = {}): FastRetry {
  const waits: number[] = [];
  let clock = 0;
  return {
    waits,
    policy: {
      random: () => 0.5,
      now: () => clock,
      sleep: async (ms: number) => {
        waits.push(ms);
        clock += ms;
      },
      ...overrides,
    },
  };
}
