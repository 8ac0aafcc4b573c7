/**
 * The error base class of the package, with stable codes.
 * @module
 */

/** Every stable error code this package raises. Codes never change meaning; new ones are added. */
export type WireServerErrorCode =
  | 'XML_DOCTYPE_FORBIDDEN'
  | 'XML_NOT_WELL_FORMED'
  | 'XML_BAD_ENCODING'
  | 'XML_UNEXPECTED_ROOT'
  | 'XML_MISSING_ELEMENT'
  | 'XML_BAD_VALUE'
  | 'XML_LIMIT_EXCEEDED'
  | 'SCHEMA_UNKNOWN_DOCUMENT'
  | 'SCHEMA_LOAD_FAILED'
  | 'DISCOVERY_BAD_INPUT'
  | 'CRYPTO_DECRYPT_FAILED'
  | 'CRYPTO_BAD_PAYLOAD'
  | 'CRYPTO_UNSUPPORTED'
  | 'HTTP_STATUS'
  | 'HTTP_TIMEOUT'
  | 'HTTP_NETWORK'
  | 'HTTP_BAD_RESPONSE'
  | 'HTTP_RESPONSE_TOO_LARGE'
  | 'HTTP_HOST_REFUSED'
  | 'IO_ERROR'
  | 'IO_FILE_EXISTS'
  | 'IO_UNSAFE_PATH'
  | 'PROTOCOL_VERSION_UNSUPPORTED'
  | 'PROTOCOL_NO_ROLE_INSTANCE'
  | 'PROTOCOL_MISSING_DOCUMENT';

const errorBrand: unique symbol = Symbol.for('wireserver-spec.error') as never;

/** Options accepted by {@link WireServerError}. */
export interface WireServerErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
  /** 1-based line of the problem in the input document, when known. */
  line?: number;
  /** 1-based column of the problem in the input document, when known. */
  column?: number;
}

/**
 * Base class of every error thrown by this package. Messages never contain secrets
 * (SAS signatures, protected settings, certificate data, keys or passwords).
 */
export class WireServerError extends Error {
  override name = 'WireServerError';
  /** Brand read by {@link isWireServerError}; shared by every copy of this package. */
  readonly [errorBrand] = true;
  /** Stable machine-readable code. */
  readonly code: WireServerErrorCode;
  /** 1-based line in the input document, when the error is about a document. */
  readonly line: number | undefined;
  /** 1-based column in the input document, when known. */
  readonly column: number | undefined;

  constructor(code: WireServerErrorCode, message: string, options: WireServerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.line = options.line;
    this.column = options.column;
  }
}

/**
 * Cross-realm type guard for {@link WireServerError} (works across copies of this package).
 * @param value - Anything.
 */
export function isWireServerError(value: unknown): value is WireServerError {
  return value instanceof Error && (value as { [errorBrand]?: unknown })[errorBrand] === true;
}
