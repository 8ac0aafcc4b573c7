/**
 * `Extensions` document: its model, generated from schemas/extensions.xsd (see src/models/generated/extensions.ts).
 * @module
 */
export * from './generated/extensions';
