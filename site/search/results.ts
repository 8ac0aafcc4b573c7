/**
 * What the search box shows for a Pagefind result: one entry per page, pointing at the part of the
 * page where the words were found (an element reference entry, a behaviour statement, else the
 * section's heading), with the excerpt split into plain and marked text.
 */

/** An element with an `id` on an indexed page, at `location` (the number of words before it). */
export interface PagefindAnchor {
  readonly element: string;
  readonly id: string;
  readonly location: number;
}

/** A section of a page (from one heading to the next) in which the words were found. */
export interface PagefindSubResult {
  readonly title: string;
  readonly url: string;
  readonly anchor?: PagefindAnchor;
  /** Where the words are, in words from the start of the page. */
  readonly locations: readonly number[];
  /** The same places with the weight of each match (1 in text, more in headings, less in examples and partial matches). */
  readonly weighted_locations: readonly { readonly weight: number; readonly location: number }[];
  readonly excerpt: string;
}

/** The data of one page in Pagefind's results (`await result.data()`), the part the search box reads. */
export interface PagefindPage {
  readonly url: string;
  readonly meta: { readonly title?: string };
  readonly excerpt: string;
  readonly anchors: readonly PagefindAnchor[];
  readonly sub_results: readonly PagefindSubResult[];
}

/** One entry of the result list. */
export interface SearchEntry {
  /** The page's title. */
  readonly title: string;
  /** The section's heading, when the words were found below one other than the page title. */
  readonly section?: string;
  /** Where the entry leads: the page, with the closest anchor before the words. */
  readonly url: string;
  /** The excerpt around the words; `mark` parts are the words found. */
  readonly excerpt: readonly ExcerptPart[];
}

/** A run of excerpt text. */
export interface ExcerptPart {
  readonly text: string;
  readonly mark: boolean;
}

const HEADING = /^h[1-6]$/i;

/**
 * Splits a Pagefind excerpt into plain and marked runs. Pagefind writes the words found as
 * `<mark>…</mark>` and escapes `<` and `>` of the page text, and nothing else; no HTML is kept.
 * @param html - The excerpt as Pagefind returns it.
 */
export function excerptParts(html: string): ExcerptPart[] {
  const text = (raw: string): string => raw.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  const parts: ExcerptPart[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (let match = pattern.exec(html); match !== null; match = pattern.exec(html)) {
    if (match.index > last) parts.push({ text: text(html.slice(last, match.index)), mark: false });
    parts.push({ text: text(match[1] ?? ''), mark: true });
    last = pattern.lastIndex;
  }
  if (last < html.length) parts.push({ text: text(html.slice(last)), mark: false });
  return parts;
}

/**
 * The URL of the closest anchor that is not a heading between the section's heading and the first
 * word found, else the section's URL: a search for `Incarnation` opens the element's entry
 * (`#el-GoalState-Incarnation`), one for `GS-1` the statement (`#GS-1`).
 * @param page - The page's data.
 * @param section - The section of the page the entry shows.
 */
export function targetUrl(page: PagefindPage, section: PagefindSubResult): string {
  if (section.locations.length === 0) return section.url;
  const first = Math.min(...section.locations);
  const floor = section.anchor?.location ?? 0;
  let best: PagefindAnchor | undefined;
  for (const anchor of page.anchors) {
    if (HEADING.test(anchor.element) || anchor.location < floor || anchor.location > first) continue;
    // Strictly after: of two anchors at one place (an ID and its lower-case alias), the first wins.
    if (best === undefined || anchor.location > best.location) best = anchor;
  }
  return best ? `${page.url.replace(/#.*$/, '')}#${best.id}` : section.url;
}

/**
 * The entry for a page: its section whose matches weigh most (the first of equals), the anchor
 * closest to them, and that section's excerpt.
 * @param page - The page's data.
 */
export function searchEntry(page: PagefindPage): SearchEntry {
  const title = page.meta.title ?? page.url;
  const weight = (sub: PagefindSubResult): number => sub.weighted_locations.reduce((sum, match) => sum + match.weight, 0);
  let section: PagefindSubResult | undefined;
  for (const candidate of page.sub_results) {
    if (section === undefined || weight(candidate) > weight(section)) section = candidate;
  }
  if (section === undefined) return { title, url: page.url, excerpt: excerptParts(page.excerpt) };
  return {
    title,
    ...(section.title !== title ? { section: section.title } : {}),
    url: targetUrl(page, section),
    excerpt: excerptParts(section.excerpt),
  };
}
