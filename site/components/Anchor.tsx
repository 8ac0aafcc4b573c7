import useBrokenLinks from '@docusaurus/useBrokenLinks';
import type { ReactNode } from 'react';

/**
 * A link target that is not a heading (behaviour statements, element reference entries).
 * It registers itself with Docusaurus so that the broken-anchor check knows it exists.
 */
export default function Anchor({ id }: { id: string }): ReactNode {
  useBrokenLinks().collectAnchor(id);
  return <a id={id} className="ws-anchor" />;
}
