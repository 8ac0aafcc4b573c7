/**
 * `CertificateFile`: the response of `GET …?comp=certificates`. `Data` holds the CMS EnvelopedData
 * (see `decryptCertificateFile`).
 * @module
 */
import { incarnationText, optionalText, requiredChild, requiredText, rootElement } from '../xml/dom';
import { parseXmlSafely } from '../xml/safe-parse';

/** The only `Format` WALinuxAgent accepts (an empty `Format` is accepted too). */
export const PKCS7_PFX_FORMAT = 'Pkcs7BlobWithPfxContents';

/**
 * The certificates of a goal state, encrypted for the transport certificate.
 * @category CertificateFile
 */
export interface CertificateFile {
  /** Document version, e.g. `2012-11-30`; clients ignore it. */
  readonly Version: string;
  /** The goal-state incarnation the document belongs to. */
  readonly Incarnation: string;
  /** `Pkcs7BlobWithPfxContents`, or empty; WALinuxAgent skips any other value. */
  readonly Format?: string;
  /** Base64 DER CMS EnvelopedData around a PKCS#12, wrapped at 64 columns; absent when there are no certificates. */
  readonly Data?: string;
}

/**
 * Parses a `CertificateFile` document.
 * @param xml - The response body.
 * @category CertificateFile
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseCertificateFile(xml: string): CertificateFile {
  const root = rootElement(parseXmlSafely(xml, 'CertificateFile'), 'CertificateFile');
  const format = optionalText(root, 'Format');
  const data = optionalText(root, 'Data');
  return {
    Version: requiredText(root, 'Version'),
    Incarnation: incarnationText(requiredChild(root, 'Incarnation')),
    ...(format !== undefined ? { Format: format } : {}),
    ...(data !== undefined && data !== '' ? { Data: data } : {}),
  };
}
