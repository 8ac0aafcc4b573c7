/**
 * `GoalState` document: its model, generated from schemas/goal-state.xsd (see src/models/generated/goal-state.ts).
 * @module
 */
export * from './generated/goal-state';
