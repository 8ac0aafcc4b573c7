/**
 * The messages between the validator page and its worker (validator.worker.ts).
 */
import type { ValidationResult } from '../../src/validate/diagnostic';
import type { PageDocument } from './permalink';

/** The page asks for the verdicts on its documents. */
export interface WorkerRequest {
  /** Request number; the reply carries it back. */
  readonly id: number;
  /** Every document on the page, validated as one bundle. */
  readonly docs: readonly PageDocument[];
  /** Make the open-world warnings errors (`--strict`). */
  readonly strict: boolean;
}

/** The worker's answer: the results in the documents' order, or why it failed. */
export type WorkerReply =
  | {
      readonly id: number;
      readonly results: readonly ValidationResult[];
      /** Time the worker spent on the request, in milliseconds. */
      readonly engineMs: number;
      /** Every URL the worker has loaded (its script, the engine's chunks), for the offline cache. */
      readonly resources: readonly string[];
    }
  | { readonly id: number; readonly error: string };
