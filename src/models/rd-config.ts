/**
 * `RDConfig` document: its model, generated from schemas/rd-config.xsd (see src/models/generated/rd-config.ts).
 * @module
 */
export * from './generated/rd-config';
