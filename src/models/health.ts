/**
 * `Health`: the provisioning report the guest POSTs to `/machine?comp=health`. The model, reader and
 * writer are generated from schemas/health.xsd (src/models/generated/health.ts); this module adds the
 * description limit clients apply.
 * @module
 */
import { MAX_HEALTH_DESCRIPTION_LENGTH } from '../protocol-limits';

export * from './generated/health';

/**
 * Trims a description to {@link MAX_HEALTH_DESCRIPTION_LENGTH} characters, as cloud-init does,
 * without splitting a surrogate pair.
 * @param description - Raw text.
 * @category Health
 */
export function trimHealthDescription(description: string): string {
  const trimmed = description.trim();
  return Array.from(trimmed).slice(0, MAX_HEALTH_DESCRIPTION_LENGTH).join('');
}
