/**
 * `Error`: the body of a WireServer error response.
 * Property names are the XML element and attribute names; values are strings as sent.
 * test/parity.test.ts keeps these interfaces in step with `schemas/error.xsd`.
 * @module
 */
import { readDocument, type NodeSpec } from './element-reader';

/**
 * The body of a WireServer error response (4xx/5xx from port 80).
 * @category Error
 */
export interface ErrorBody {
  /** A stable code, e.g. ResourceNotAvailable (410: refresh the goal state) or RequestRateLimitExceeded (throttling). */
  readonly Code: string;
  /** Human-readable text. */
  readonly Message: string;
  /** More detail; usually empty. */
  readonly Details?: string;
}

const SPEC: NodeSpec = { children: {
  Code: { required: true },
  Message: { required: true },
  Details: {},
} };

/**
 * Parses a `Error` document.
 * @param xml - The document text.
 * @category Error
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseErrorBody(xml: string): ErrorBody {
  return readDocument(xml, 'Error', SPEC) as unknown as ErrorBody;
}
