/**
 * wireserver-spec: typed models, parsers and validation for the Azure WireServer guest protocol.
 * Every export is listed here explicitly.
 * @module
 */
export { WireServerError, isWireServerError, type WireServerErrorCode, type WireServerErrorOptions } from './errors';
export { WIRE_PROTOCOL_VERSION, parseVersions, supportsVersion, type Versions } from './models/versions';
export {
  parseGoalState,
  type GoalState,
  type GoalStateConfiguration,
  type GoalStateContainer,
  type GoalStateMachine,
  type GoalStateRoleInstance,
} from './models/goal-state';
export {
  MAX_HEALTH_DESCRIPTION_LENGTH,
  parseHealth,
  serializeHealth,
  trimHealthDescription,
  type Health,
  type HealthRole,
  type HealthState,
  type HealthSubStatus,
} from './models/health';
export { documentKinds, findDocumentKind, type DocumentKind } from './validate/catalog';
export type { Diagnostic, DiagnosticCode, Severity, ValidationResult } from './validate/diagnostic';
export { validateDocument } from './validate/validate';
