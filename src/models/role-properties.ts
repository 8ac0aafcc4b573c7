/**
 * `RoleProperties` document: its model, generated from schemas/role-properties.xsd (see src/models/generated/role-properties.ts).
 * @module
 */
export * from './generated/role-properties';
