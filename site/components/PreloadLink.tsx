import { useHistory } from '@docusaurus/router';
import useBaseUrl from '@docusaurus/useBaseUrl';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import type { MouseEvent, ReactNode } from 'react';

/**
 * A link to a page of the site that loads the page's code when the reader points at it, focuses it
 * or touches it, and not when it scrolls into view as Docusaurus' `Link` does: the landing page's
 * twelve cards made every visitor download twelve pages, about 390 KB, before choosing one. A plain
 * click navigates in the page as `Link` does; a click with a modifier key is left to the browser.
 * The link is checked by the build's broken-link check like any other.
 */
export default function PreloadLink({ to, className, children }: { to: string; className?: string; children: ReactNode }): ReactNode {
  const href = useBaseUrl(to);
  const history = useHistory();
  useBrokenLinks().collectLink(href);
  const preload = (): void => {
    window.docusaurus.preload(href);
  };
  const navigate = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    history.push(href);
  };
  return (
    <a href={href} className={className} onMouseEnter={preload} onFocus={preload} onTouchStart={preload} onClick={navigate}>
      {children}
    </a>
  );
}
