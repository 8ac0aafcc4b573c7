/**
 * `CertificateFile`: the response of `GET …?comp=certificates`. `Data` holds the CMS EnvelopedData
 * (see `decryptCertificateFile`).
 * @module
 */
export * from './generated/certificate-file';

/** The only `Format` WALinuxAgent accepts (an empty `Format` is accepted too). */
export const PKCS7_PFX_FORMAT = 'Pkcs7BlobWithPfxContents';
