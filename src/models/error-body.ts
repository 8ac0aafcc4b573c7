/**
 * `Error` document: its model, generated from schemas/error.xsd (see src/models/generated/error.ts).
 * @module
 */
export * from './generated/error';
