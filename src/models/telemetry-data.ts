/**
 * `TelemetryData`: the body of `POST /machine/?comp=telemetrydata`.
 * Property names are the XML element and attribute names; values are strings as sent.
 * test/parity.test.ts keeps these interfaces in step with `schemas/telemetry-data.xsd`.
 * @module
 */
import { escapeXml } from '../xml/dom';
import { readDocument, type NodeSpec } from './element-reader';

/**
 * Telemetry events the guest posts to ?comp=telemetrydata.
 * @category TelemetryData
 */
export interface TelemetryData {
  /** Seen "1.0". (attribute) */
  readonly version: string;
  /** The event provider. */
  readonly Provider: TelemetryDataProvider;
}

/**
 * `TelemetryData/Provider`: The event provider.
 * @category TelemetryData
 */
export interface TelemetryDataProvider {
  /** Provider GUID, upper case: 69B669B9-4AF8-4C50-BDC4-6006FA76E975 (events 1 and 4) or FFF0196F-EE4C-4EAF-9AA5-776F622DEB4F (event 7). (attribute) */
  readonly id: string;
  /** One event. */
  readonly Event: readonly TelemetryDataProviderEvent[];
}

/**
 * `TelemetryData/Provider/Event`: One event.
 * @category TelemetryData
 */
export interface TelemetryDataProviderEvent {
  /** Event id: 1 (GuestAgentExtensionEvents), 4 (performance counters), 7 (GuestAgentGenericLogs). (attribute) */
  readonly id: string;
  /** The element's text, untrimmed. */
  readonly text: string;
}

const TELEMETRY_DATA_PROVIDER_EVENT_SPEC: NodeSpec = { attrs: ['id'], requiredAttrs: ['id'], text: true };

const TELEMETRY_DATA_PROVIDER_SPEC: NodeSpec = { attrs: ['id'], requiredAttrs: ['id'], children: {
  Event: { spec: TELEMETRY_DATA_PROVIDER_EVENT_SPEC, many: true, required: true },
} };

const SPEC: NodeSpec = { attrs: ['version'], requiredAttrs: ['version'], children: {
  Provider: { spec: TELEMETRY_DATA_PROVIDER_SPEC, required: true },
} };

/**
 * Parses a `TelemetryData` document.
 * @param xml - The document text.
 * @category TelemetryData
 * @throws {@link WireServerError} when the XML is unsafe, malformed or lacks a required element.
 */
export function parseTelemetryData(xml: string): TelemetryData {
  return readDocument(xml, 'TelemetryData', SPEC) as unknown as TelemetryData;
}

/**
 * Serializes a `TelemetryData` body as WALinuxAgent sends it: `<?xml version="1.0"?>` and one line.
 * Each event's text (its `Param` list) goes into a CDATA section; a `]]>` inside it is split
 * across two sections so the text survives unchanged.
 * @param data - The telemetry to send.
 * @category TelemetryData
 */
export function serializeTelemetryData(data: TelemetryData): string {
  const events = data.Provider.Event.map((event) => `<Event id="${escapeXml(event.id)}"><![CDATA[${event.text.replace(/]]>/g, ']]]]><![CDATA[>')}]]></Event>`).join('');
  return `<?xml version="1.0"?><TelemetryData version="${escapeXml(data.version)}"><Provider id="${escapeXml(data.Provider.id)}">${events}</Provider></TelemetryData>`;
}
