/**
 * Where the schemas are: `schemas/` at the package root, next to `src/` (and to `dist/` when built).
 * @module
 */
import path from 'node:path';

/** The folder holding the XSDs and JSON Schemas (`schemas/` at the package root). */
export const SCHEMA_DIR = path.resolve(__dirname, '..', '..', 'schemas');
