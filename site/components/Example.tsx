import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';

/**
 * Shows an example file imported from examples/ (pages never carry pasted XML). Its words weigh half
 * in the site's search, so a page's prose and element reference rank above the raw documents.
 */
export default function Example({ source, path }: { source: string; path: string }): ReactNode {
  return (
    <div data-pagefind-weight="0.5">
      <CodeBlock language={path.endsWith('.json') ? 'json' : 'xml'} title={path} showLineNumbers>
        {source.trimEnd()}
      </CodeBlock>
    </div>
  );
}
