/**
 * How long the validator page waits after the last edit before it validates. Shared with the
 * bench, which reports the page's time from the end of this wait to the verdict.
 */

/** Wait after the last keystroke before validating, in milliseconds. */
export const DEBOUNCE_MS = 120;
