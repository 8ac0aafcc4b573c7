/**
 * The navbar's search box (`@theme/SearchBar`, provided by plugins/spec-search.ts). It searches the
 * specification pages with the Pagefind index the build writes to `pagefind/`, and loads Pagefind
 * only when the box gets the focus, so a page costs nothing for search until a reader searches.
 * Each result is one page, opened at the element entry, behaviour statement or section where the
 * words were found. Ctrl+K (⌘K) focuses the box; arrows, Enter and Escape work in it.
 */
import Link from '@docusaurus/Link';
import { useHistory } from '@docusaurus/router';
import useBaseUrl from '@docusaurus/useBaseUrl';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { searchEntry, type ExcerptPart, type PagefindPage, type SearchEntry } from '../../search/results';
import styles from './styles.module.css';

/** The part of Pagefind's browser module (`pagefind/pagefind.js`) the box uses. */
interface Pagefind {
  options(options: { excerptLength: number }): Promise<void>;
  debouncedSearch(term: string, options: object, debounceMs: number): Promise<{ results: { data(): Promise<PagefindPage> }[] } | null>;
}

/** Pages listed for a search. */
const LIMIT = 8;
/** Pagefind waits this long after the last keystroke before it searches. */
const DEBOUNCE_MS = 100;
/** Words in an excerpt. */
const EXCERPT_WORDS = 24;

let pagefindModule: Promise<Pagefind> | undefined;

/** Loads Pagefind once per page load; a failed load is tried again at the next search. */
function loadPagefind(url: string): Promise<Pagefind> {
  pagefindModule ??= (import(/* webpackIgnore: true */ url) as Promise<Pagefind>).then(async (pagefind) => {
    await pagefind.options({ excerptLength: EXCERPT_WORDS });
    return pagefind;
  });
  pagefindModule.catch(() => {
    pagefindModule = undefined;
  });
  return pagefindModule;
}

type SearchState = 'idle' | 'searching' | 'done' | 'error';

function Excerpt({ parts }: { parts: readonly ExcerptPart[] }): ReactNode {
  let offset = 0;
  return parts.map((part) => {
    const key = offset;
    offset += part.text.length;
    return part.mark ? <mark key={key}>{part.text}</mark> : <span key={key}>{part.text}</span>;
  });
}

export default function SearchBar(): ReactNode {
  const pagefindUrl = useBaseUrl('/pagefind/pagefind.js');
  const history = useHistory();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(0);
  const [query, setQuery] = useState('');
  const [entries, setEntries] = useState<readonly SearchEntry[]>([]);
  const [state, setState] = useState<SearchState>('idle');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const focusOnShortcut = (event: globalThis.KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', focusOnShortcut);
    return () => window.removeEventListener('keydown', focusOnShortcut);
  }, []);

  const search = useCallback(
    async (term: string): Promise<void> => {
      latest.current += 1;
      const turn = latest.current;
      if (term.trim() === '') {
        setEntries([]);
        setState('idle');
        return;
      }
      setState('searching');
      try {
        const pagefind = await loadPagefind(pagefindUrl);
        const found = await pagefind.debouncedSearch(term, {}, DEBOUNCE_MS);
        if (found === null || turn !== latest.current) return;
        const pages = await Promise.all(found.results.slice(0, LIMIT).map((result) => result.data()));
        if (turn !== latest.current) return;
        setEntries(pages.map(searchEntry));
        setActive(0);
        setState('done');
      } catch {
        if (turn === latest.current) setState('error');
      }
    },
    [pagefindUrl],
  );

  const close = (): void => {
    setOpen(false);
    input.current?.blur();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => Math.min(Math.max(current + step, 0), Math.max(entries.length - 1, 0)));
    } else if (event.key === 'Enter') {
      const entry = entries[active];
      if (open && entry) {
        event.preventDefault();
        close();
        history.push(entry.url);
      }
    } else if (event.key === 'Escape') {
      close();
    }
  };

  const listId = `${id}-results`;
  const shown = open && query.trim() !== '';
  const status =
    state === 'searching' && entries.length === 0
      ? 'Searching…'
      : state === 'error'
        ? 'Search is not available: the index is written by `npm run build`.'
        : state === 'done' && entries.length === 0
          ? `Nothing found for “${query.trim()}”.`
          : undefined;

  return (
    <div className={styles.search}>
      <input
        ref={input}
        type="search"
        className="navbar__search-input"
        placeholder="Search"
        aria-label="Search the specification"
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && entries[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onFocus={() => {
          setOpen(true);
          loadPagefind(pagefindUrl).catch(() => undefined);
        }}
        onBlur={() => setOpen(false)}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          void search(event.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <div className={styles.panel} hidden={!shown}>
        {status !== undefined && (
          <div role="status" className={styles.status}>
            {status}
          </div>
        )}
        <div role="listbox" id={listId} aria-label="Search results">
          {entries.map((entry, index) => (
            <div
              key={entry.url}
              id={`${listId}-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className={styles.result}
              onMouseEnter={() => setActive(index)}
            >
              {/* Pressing on a result must not blur the box first, or the list would close under the click. */}
              <Link to={entry.url} className={styles.link} onMouseDown={(event) => event.preventDefault()} onClick={close}>
                <span className={styles.title}>
                  {entry.title}
                  {entry.section !== undefined && <span className={styles.section}> › {entry.section}</span>}
                </span>
                <span className={styles.excerpt}>
                  <Excerpt parts={entry.excerpt} />
                </span>
              </Link>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
