import type { Config } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import { themes as prismThemes } from 'prism-react-renderer';
import remarkRulesBox from './plugins/rules-box';
import { LINK_POLICY, MARKDOWN_LINK_HOOKS } from './site/link-policy';

/** Where the site is published: `SITE_URL` (origin) and `SITE_BASE_URL` (path, e.g. `/wireserver-spec/`); see README. */
const siteUrl = process.env['SITE_URL'] ?? 'https://wireserver-spec.example.org';
const baseUrl = `/${(process.env['SITE_BASE_URL'] ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

const config: Config = {
  title: 'WireServer protocol specification',
  tagline: 'The open, executable specification of the Azure WireServer guest protocol',
  url: siteUrl,
  baseUrl,
  favicon: 'img/favicon.svg',
  ...LINK_POLICY,
  // @docusaurus/faster: Rspack, SWC and Lightning CSS instead of webpack, Babel, Terser and cssnano. The cold
  // `docusaurus build` went from 141 s to 23 s on the 2-core machine. The HTML minimizer stays off: the pages keep
  // their quoted attributes, which the build checks and tests read.
  future: {
    faster: {
      swcJsLoader: true,
      swcJsMinimizer: true,
      swcHtmlMinimizer: false,
      lightningCssMinimizer: true,
      rspackBundler: true,
      rspackPersistentCache: false,
      mdxCrossCompilerCache: true,
      ssgWorkerThreads: false,
    },
  },
  markdown: { mermaid: true, hooks: MARKDOWN_LINK_HOOKS },
  presets: [
    [
      'classic',
      {
        docs: { sidebarPath: './sidebars.ts', routeBasePath: 'docs', exclude: ['**/_*/**', '**/_*'], remarkPlugins: [remarkRulesBox] },
        blog: false,
        pages: { path: 'site/pages' },
        theme: { customCss: './site/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],
  themes: [
    '@docusaurus/theme-mermaid',
    // The search box and its Pagefind index of the specification pages (the API reference has its own sidebar and is left out).
    './plugins/spec-search.ts',
  ],
  plugins: [
    [
      'docusaurus-plugin-typedoc',
      {
        entryPoints: ['./src/index.ts'],
        tsconfig: './tsconfig.json',
        out: './docs/api',
        readme: 'none',
        cleanOutputDir: true,
        disableSources: true,
        excludeInternal: true,
        sort: ['source-order'],
        sanitizeComments: true,
      },
    ],
    './plugins/validate-examples.ts',
    './plugins/publish-files.ts',
    './plugins/check-citations.ts',
  ],
  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    navbar: {
      title: 'WireServer spec',
      items: [
        { type: 'docSidebar', sidebarId: 'spec', label: 'Specification', position: 'left' },
        { to: '/docs/api', label: 'API', position: 'left' },
        { to: '/validate', label: 'Validator', position: 'left' },
      ],
    },
    footer: {
      style: 'dark',
      copyright: 'wireserver-spec. Independent and unofficial; facts are cited to their public sources.',
    },
    prism: {
      theme: prismThemes.github,
      darkTheme: prismThemes.dracula,
      additionalLanguages: ['bash', 'http', 'json'],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
