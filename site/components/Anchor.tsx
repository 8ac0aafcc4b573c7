import useBrokenLinks from '@docusaurus/useBrokenLinks';
import type { ReactNode } from 'react';

/**
 * A link target that is not a heading (behaviour statements, element reference entries).
 * It registers itself with Docusaurus so that the broken-anchor check knows it exists. A statement ID
 * (`GS-5`) also answers in lower case (`#gs-5`), as people type it into issue trackers.
 */
export default function Anchor({ id }: { id: string }): ReactNode {
  const links = useBrokenLinks();
  links.collectAnchor(id);
  const alias = id.toLowerCase();
  if (alias === id) return <span id={id} className="ws-anchor" />;
  links.collectAnchor(alias);
  return (
    <>
      <span id={id} className="ws-anchor" />
      <span id={alias} className="ws-anchor" />
    </>
  );
}
