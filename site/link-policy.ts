/**
 * How the build treats broken links, anchors, routes and Markdown references: every one fails it.
 * `docusaurus.config.ts` spreads this; `test/site/build.test.ts` builds a small fixture site with the same
 * policy to prove that a broken link or anchor fails the build.
 */
export const LINK_POLICY = {
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',
} as const;

/** The Markdown hooks of the same policy. */
export const MARKDOWN_LINK_HOOKS = { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' } as const;
