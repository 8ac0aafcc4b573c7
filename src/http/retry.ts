/**
 * The retry policy of the reference client: capped exponential back-off with jitter inside a total
 * time budget.
 *
 * Clients disagree here (docs/flows/retries.mdx, with the sources): WALinuxAgent uses Fibonacci
 * delays (unbounded for health: 30, 45, 75 … s) and treats 403 as throttling; cloud-init retries
 * every URL error every 5 s for 20 min; azure-init retries 429/500/503 within 1200 s; afterburn
 * makes 5 attempts. The reference client takes azure-init's status set plus 502/504 and transport
 * failures, waits exponentially (1 s doubling, capped at 30 s, jittered so rebooting fleets do not
 * synchronise) and stops when the next wait would pass the budget (20 min by default, matching
 * cloud-init and azure-init); the last attempt's time limit is clipped to what is left, so the
 * budget is a hard limit. 400, 401, 403, 404 and 405 are never retried: they do not heal by
 * waiting, and retrying 403 would hide a firewall or secure-channel refusal (docs/wireserver/error.mdx).
 * 410 is never retried here either: the caller refreshes the goal state instead.
 * @module
 */
import { isWireServerError, type WireServerError } from '../errors';
import { WireServerHttpError } from './http-error';

/** HTTP statuses worth retrying. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** How to retry. Every field is injectable so tests can run fault scenarios in milliseconds. */
export interface RetryPolicy {
  /** First delay in milliseconds; default 1000. */
  readonly initialDelayMs: number;
  /** Largest delay in milliseconds; default 30 000. */
  readonly maxDelayMs: number;
  /** Total time budget in milliseconds, attempts included; default 20 minutes. */
  readonly budgetMs: number;
  /** Most attempts in all; default unlimited within the budget. */
  readonly maxAttempts: number;
  /** Waits; default `setTimeout`. */
  readonly sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1); default `Math.random`. */
  readonly random: () => number;
  /** The clock in milliseconds; default `Date.now`. */
  readonly now: () => number;
  /**
   * Called before each wait, e.g. for logging (messages are already redacted), with the time left
   * in the budget once the wait is over.
   */
  readonly onRetry?: (attempt: number, delayMs: number, error: WireServerError, budgetLeftMs: number) => void;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  budgetMs: 20 * 60_000,
  maxAttempts: Number.POSITIVE_INFINITY,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
});

/**
 * Whether an error is transient: a retryable status, a timeout, a connection failure, or a body
 * that is cut short or not well-formed (a truncated or garbled answer).
 * @param error - What the attempt threw.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof WireServerHttpError) return RETRYABLE_STATUSES.has(error.status);
  return isWireServerError(error) && ['HTTP_TIMEOUT', 'HTTP_NETWORK', 'HTTP_BAD_RESPONSE'].includes(error.code);
}

/**
 * The wait before retry number `attempt` (1-based): `min(max, initial × 2^(attempt-1))`, scaled by a
 * random factor in [0.5, 1), or the server's `Retry-After` when it is longer (still capped).
 * @param policy - The policy.
 * @param attempt - Which retry.
 * @param error - The error that caused it.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, error: unknown): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(base * (0.5 + policy.random() / 2));
  const retryAfter = error instanceof WireServerHttpError ? (error.retryAfterMs ?? 0) : 0;
  return Math.min(policy.maxDelayMs, Math.max(jittered, retryAfter));
}

/**
 * Runs an operation, retrying transient failures under the policy. The budget is a hard limit for
 * retries: no wait ends after it, and each retry is given the time left (`attemptLimitMs`), which
 * the operation must use to clip its own time limit, so the last attempt cannot overrun the budget.
 * The first attempt is always made with its own full time limit (`attemptLimitMs` is infinite).
 * @param operation - One attempt, given the most time it may take.
 * @param policy - The policy.
 * @returns The first successful result.
 * @throws The last error when it is not retryable, attempts run out, or the budget would be passed;
 * its message then ends with the number of attempts made.
 */
export async function withRetry<T>(operation: (attemptLimitMs: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  const start = policy.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt === 1 ? Number.POSITIVE_INFINITY : Math.max(1, policy.budgetMs - (policy.now() - start)));
    } catch (error) {
      if (!isRetryable(error)) throw error;
      const wireError = error as WireServerError;
      const delay = retryDelay(policy, attempt, error);
      const leftAfterWait = policy.budgetMs - (policy.now() - start) - delay;
      if (attempt >= policy.maxAttempts || leftAfterWait < 1) {
        wireError.message = `${wireError.message} (${attempt} attempt${attempt === 1 ? '' : 's'} made)`;
        throw wireError;
      }
      policy.onRetry?.(attempt, delay, wireError, leftAfterWait);
      await policy.sleep(delay);
    }
  }
}
