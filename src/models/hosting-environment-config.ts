/**
 * `HostingEnvironmentConfig` document: its model, generated from schemas/hosting-environment-config.xsd
 * (see src/models/generated/hosting-environment-config.ts).
 * @module
 */
export * from './generated/hosting-environment-config';
