/**
 * Docusaurus plugin: fails the build when a page, schema, example, test or TSDoc comment cites a
 * source that is not a link, a GitHub link not pinned to a commit, or a path outside the repository
 * (rules in ./citations.ts).
 */
import type { LoadContext, Plugin } from '@docusaurus/types';
import { formatCitationProblems, repositoryCitationProblems } from './citations';

export default function checkCitationsPlugin(context: LoadContext): Plugin {
  return {
    name: 'check-citations',
    async loadContent() {
      const problems = repositoryCitationProblems(context.siteDir);
      if (problems.length > 0) {
        throw new Error(`Citation check failed (${problems.length} problem(s)):\n${formatCitationProblems(problems)}`);
      }
      console.log('[check-citations] every citation is a pinned link');
    },
  };
}
