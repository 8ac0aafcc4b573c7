/**
 * `PluginVersionManifest` document: its model, generated from schemas/plugin-version-manifest.xsd
 * (see src/models/generated/plugin-version-manifest.ts).
 * @module
 */
export * from './generated/plugin-version-manifest';
