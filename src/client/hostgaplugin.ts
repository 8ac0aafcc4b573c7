/**
 * The HostGAPlugin side of the client (port 32526): its versions, its health and vmSettings. The
 * headers that name the VM come from the current goal state, which the WireServer side keeps.
 * @module
 */
import crypto from 'node:crypto';
import { isWireServerError, WireServerError } from '../errors';
import type { GoalState } from '../models/goal-state';
import type { Channel } from './channel';

/** `x-ms-version` sent to HostGAPlugin. */
export const HOST_GA_PLUGIN_API_VERSION = '2015-09-01';

/** A vmSettings answer. */
export interface VmSettingsResponse {
  /** 200 with a body, or 304 when the ETag still matches. */
  readonly status: 200 | 304;
  /** The ETag (the one sent when 304). */
  readonly etag: string;
  /** The JSON text, when 200. */
  readonly body?: string;
}

/**
 * HostGAPlugin `GET /versions`: the JSON array of API versions.
 * @param channel - The endpoint's channel.
 * @param userAgent - `User-Agent`.
 * @param goalState - The current goal state (its ContainerId is sent).
 */
export async function getHostGAPluginVersions(channel: Channel, userAgent: string, goalState: GoalState): Promise<string[]> {
  const headers = { 'x-ms-containerid': goalState.Container.ContainerId, 'User-Agent': userAgent };
  const text = (await channel.send('GET', `${channel.hostGAPluginUrl}/versions`, headers)).body.toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed;
  } catch {
    // fall through
  }
  throw new WireServerError('HTTP_BAD_RESPONSE', 'HostGAPlugin /versions did not return a JSON array of strings');
}

/**
 * HostGAPlugin `GET /health`: true when it answers 200.
 * @param channel - The endpoint's channel.
 * @param userAgent - `User-Agent`.
 */
export async function getHostGAPluginHealth(channel: Channel, userAgent: string): Promise<boolean> {
  try {
    await channel.send('GET', `${channel.hostGAPluginUrl}/health`, { 'User-Agent': userAgent });
    return true;
  } catch (error) {
    if (isWireServerError(error)) return false;
    throw error;
  }
}

/**
 * HostGAPlugin `GET /vmSettings` for one goal state, with `if-none-match` when an ETag is given.
 * @param channel - The endpoint's channel.
 * @param userAgent - `User-Agent`.
 * @param goalState - The current goal state (ContainerId and the host config name are sent).
 * @param etag - The ETag of the copy the caller holds.
 * @throws {@link WireServerHttpError} for 404 (vmSettings unsupported), 410 (a stale goal state) and other statuses.
 */
export async function getVmSettings(channel: Channel, userAgent: string, goalState: GoalState, etag?: string): Promise<VmSettingsResponse> {
  const headers = {
    'x-ms-version': HOST_GA_PLUGIN_API_VERSION,
    'x-ms-containerid': goalState.Container.ContainerId,
    'x-ms-host-config-name': goalState.Container.RoleInstanceList?.RoleInstance[0]?.Configuration.ConfigName ?? '',
    'User-Agent': userAgent,
    'x-ms-client-correlationid': crypto.randomUUID(),
    ...(etag !== undefined ? { 'if-none-match': etag } : {}),
  };
  const response = await channel.send('GET', `${channel.hostGAPluginUrl}/vmSettings`, headers, undefined, true);
  const responseEtag = response.headers.etag;
  if (response.status === 304) return { status: 304, etag: responseEtag ?? etag ?? '' };
  if (responseEtag === undefined) throw new WireServerError('HTTP_BAD_RESPONSE', 'HostGAPlugin vmSettings came without an ETag');
  return { status: 200, etag: responseEtag, body: response.body.toString('utf8') };
}
