/**
 * `TelemetryData` document: its model, generated from schemas/telemetry-data.xsd (see src/models/generated/telemetry-data.ts).
 * @module
 */
export * from './generated/telemetry-data';
