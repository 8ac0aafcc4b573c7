/**
 * `RemoteAccess` document: its model, generated from schemas/remote-access.xsd (see src/models/generated/remote-access.ts).
 * @module
 */
export * from './generated/remote-access';
