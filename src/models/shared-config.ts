/**
 * `SharedConfig` document: its model, generated from schemas/shared-config.xsd (see src/models/generated/shared-config.ts).
 * @module
 */
export * from './generated/shared-config';
