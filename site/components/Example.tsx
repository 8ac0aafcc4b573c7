import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';

/** Shows an example file imported from examples/ (pages never carry pasted XML). */
export default function Example({ source, path }: { source: string; path: string }): ReactNode {
  return (
    <CodeBlock language={path.endsWith('.json') ? 'json' : 'xml'} title={path} showLineNumbers>
      {source.trimEnd()}
    </CodeBlock>
  );
}
