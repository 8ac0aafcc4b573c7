/**
 * Docusaurus plugin: fails the build when an example does not keep its promise (a valid example
 * is invalid, or a negative example does not fail as declared), and lets pages import `.xml`
 * and `.xsd` files as strings.
 */
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { checkExamples, formatExampleProblems } from '../src/validate/examples';

export default function validateExamplesPlugin(context: LoadContext): Plugin {
  const examplesDir = path.join(context.siteDir, 'examples');
  return {
    name: 'validate-examples',
    getPathsToWatch: () => [path.join(examplesDir, '**/*.xml'), path.join(context.siteDir, 'schemas/*.xsd')],
    configureWebpack() {
      // `.json?raw` imports a JSON example as text (plain `.json` imports stay parsed, for packages).
      // The validator's worker (site/validator/validator.worker.ts, chunk "validator-worker") is a
      // module worker: it cannot load chunks with importScripts, so its packages stay in its own
      // script instead of webpack's default vendor chunks (which otherwise split async chunks only).
      const vendors = {
        idHint: 'vendors',
        reuseExistingChunk: true,
        test: /[\\/]node_modules[\\/]/,
        priority: -10,
        chunks: (chunk: { name?: string | null; canBeInitial(): boolean }) => !chunk.canBeInitial() && chunk.name !== 'validator-worker',
      };
      return {
        module: {
          rules: [
            { test: /\.(xsd|xml)$/i, type: 'asset/source' },
            { test: /\.json$/i, resourceQuery: /raw/, type: 'asset/source' },
          ],
        },
        optimization: { splitChunks: { cacheGroups: { defaultVendors: vendors } } },
      };
    },
    async loadContent() {
      const report = checkExamples(path.relative(process.cwd(), examplesDir) || examplesDir);
      if (report.problems.length > 0) {
        throw new Error(`Example validation failed (${report.problems.length} problem(s)):\n${formatExampleProblems(report.problems)}`);
      }
      console.log(`[validate-examples] ${report.valid} example(s) valid, ${report.negative} negative example(s) fail as declared`);
    },
  };
}
