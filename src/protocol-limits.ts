/**
 * Protocol facts shared by the client, the mock and the validator's checks. Engine-independent (no
 * Node or native imports), so the browser validator uses the same values.
 * @module
 */

/**
 * The `x-ms-cipher-name` values the WireServer is known to accept, in the order the client tries
 * them: AES first (FIPS 140-3), then 3DES (Azure/WALinuxAgent PR #3324).
 * @category Certificates
 */
export const CERTIFICATE_CIPHERS = ['AES128_CBC', 'DES_EDE3_CBC'] as const;

/**
 * An `x-ms-cipher-name` value the WireServer understands.
 * @category Certificates
 */
export type CertificateCipher = (typeof CERTIFICATE_CIPHERS)[number];

/**
 * Longest Health description the client sends, in characters. cloud-init trims to 512 and the
 * validator warns above it; WALinuxAgent allows 3686.
 * @category Health
 */
export const MAX_HEALTH_DESCRIPTION_LENGTH = 512;
