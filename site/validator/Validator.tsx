/**
 * The in-browser validator: documents are validated as the user types, in one long-lived Web Worker
 * (validator.worker.ts) holding libxml2 compiled to WebAssembly and the XSDs the build uses,
 * compiled once; then with the checks beyond the XSD on the page's documents as one bundle, and
 * `--strict` when the switch is on. Nothing leaves the browser.
 */
import Link from '@docusaurus/Link';
import useBaseUrl from '@docusaurus/useBaseUrl';
import { redactText } from '../../src/redact/redact';
import type { Diagnostic, ValidationResult } from '../../src/validate/diagnostic';
import { decodeDocument } from '../../src/validate/sniff';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { DEBOUNCE_MS } from './debounce';
import Editor, { type MarkedLine } from './Editor';
import { enableOffline } from './offline';
import { decodePermalink, encodePermalink, permalinkStrict, type PageDocument } from './permalink';
import { specLink } from './spec-links';
import styles from './validator.module.css';
import { takeWorker, type ValidatorWorker } from './worker-client';

const EMPTY: PageDocument = { name: 'document.xml', text: '' };

function marksOf(result: ValidationResult | undefined): MarkedLine[] {
  const byLine = new Map<number, 'error' | 'warning'>();
  for (const d of result?.diagnostics ?? []) {
    if (d.line > 0 && byLine.get(d.line) !== 'error') byLine.set(d.line, d.severity);
  }
  return Array.from(byLine).map(([line, severity]) => ({ line, severity }));
}

function uniqueName(name: string, docs: readonly PageDocument[]): string {
  let candidate = name;
  for (let i = 2; docs.some((d) => d.name === candidate); i += 1) candidate = name.replace(/(\.\w+)?$/, `-${i}$1`);
  return candidate;
}

/** The validator component (browser only). */
export default function Validator(): ReactNode {
  const [docs, setDocs] = useState<PageDocument[]>([EMPTY]);
  const [active, setActive] = useState(0);
  const [results, setResults] = useState<readonly ValidationResult[] | undefined>();
  const [strict, setStrict] = useState(false);
  const [status, setStatus] = useState('');
  const [permalink, setPermalink] = useState('');
  const [dropping, setDropping] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const run = useRef(0);
  const offline = useRef(false);
  const worker = useRef<ValidatorWorker | undefined>(undefined);
  const verdict = useRef<HTMLDivElement>(null);
  const debounceEnd = useRef(0);
  /** Set when documents come from a link or files: they are validated at once, not after the typing pause. */
  const immediate = useRef(false);
  const baseUrl = useBaseUrl('/');
  const codesPage = useBaseUrl('/docs/tools/validator');

  useEffect(() => {
    const started = takeWorker();
    worker.current = started;
    return () => {
      started.stop();
      worker.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (permalinkStrict(location.hash)) setStrict(true);
    void decodePermalink(location.hash).then((loaded) => {
      if (loaded && loaded.length > 0) {
        immediate.current = true;
        setDocs(loaded);
        setStatus(`Loaded ${loaded.length} document${loaded.length === 1 ? '' : 's'} from the link.`);
      }
    });
  }, []);

  useEffect(() => {
    const mine = ++run.current;
    if (docs.every((d) => d.text.trim() === '')) {
      setResults(undefined);
      return undefined;
    }
    const timer = setTimeout(
      () => {
        debounceEnd.current = performance.now();
        const validating = worker.current?.validate(docs, strict) ?? Promise.reject(new Error('the validation worker is not running'));
        void validating.then(
          ({ results: found, resources }) => {
            if (mine !== run.current) return;
            setResults(found);
            if (!offline.current) {
              offline.current = true;
              void enableOffline(baseUrl, resources).then(
                () => setOfflineReady(true),
                () => {
                  offline.current = false;
                },
              );
            }
          },
          (error: unknown) => {
            console.error(error);
            if (mine === run.current) setStatus(`The validator failed to start: ${(error as Error).message}`);
          },
        );
      },
      immediate.current ? 0 : DEBOUNCE_MS,
    );
    immediate.current = false;
    return () => clearTimeout(timer);
  }, [docs, strict, baseUrl]);

  // For the bench: how long the verdict took from the end of the debounce to the DOM, and when it
  // was shown (milliseconds since the page started loading).
  useEffect(() => {
    const shown = verdict.current;
    if (!shown) return;
    if (!results) {
      delete shown.dataset['elapsedMs'];
      delete shown.dataset['shownAt'];
      return;
    }
    const now = performance.now();
    shown.dataset['elapsedMs'] = (now - debounceEnd.current).toFixed(1);
    shown.dataset['shownAt'] = now.toFixed(1);
  }, [results]);

  const current = docs[active] ?? EMPTY;
  const result = results?.[active];
  const marks = useMemo(() => marksOf(result), [result]);

  const edit = (text: string): void => {
    setPermalink('');
    setDocs((old) => old.map((d, i) => (i === active ? { ...d, text } : d)));
  };

  const goTo = (d: Diagnostic): void => {
    const area = textarea.current;
    if (!area || d.line < 1) return;
    const lines = current.text.split('\n');
    const start = lines.slice(0, d.line - 1).reduce((n, l) => n + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start + Math.max(0, d.column - 1), start + (lines[d.line - 1]?.length ?? 0));
    area.scrollTop = Math.max(0, (d.line - 5) * 20);
  };

  const addFiles = useCallback(async (files: readonly File[]) => {
    const added: PageDocument[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const decoded = decodeDocument(new Uint8Array(await file.arrayBuffer()));
      if ('diagnostic' in decoded) problems.push(`${file.name}: ${decoded.diagnostic.message}`);
      else added.push({ name: file.name, text: decoded.text });
    }
    setDocs((old) => {
      const base = old.length === 1 && old[0]?.text.trim() === '' ? [] : old;
      const named: PageDocument[] = [];
      for (const d of added) named.push({ ...d, name: uniqueName(d.name, [...base, ...named]) });
      const next = [...base, ...named];
      setActive(base.length);
      return next.length > 0 ? next : [EMPTY];
    });
    setPermalink('');
    setStatus(problems.length > 0 ? `Not loaded: ${problems.join('; ')}` : `Loaded ${added.length} file${added.length === 1 ? '' : 's'}.`);
  }, []);

  const redact = (): void => {
    let removed = 0;
    setDocs((old) =>
      old.map((d) => {
        const { text, redactions } = redactText(d.text);
        removed += redactions.length;
        return { ...d, text };
      }),
    );
    setPermalink('');
    setTimeout(() =>
      setStatus(
        `Redacted: ${removed} secret${removed === 1 ? '' : 's'} removed (SAS signatures, protected settings, certificate data, ` +
          `passwords, custom data).`,
      ),
    );
  };

  const share = async (): Promise<void> => {
    const fragment = await encodePermalink(docs, strict);
    history.replaceState(null, '', `#${fragment}`);
    setPermalink(location.href);
    try {
      await navigator.clipboard.writeText(location.href);
      setStatus('Link copied. It holds the documents themselves: redact them first if they hold secrets.');
    } catch {
      setStatus('Link ready below. It holds the documents themselves: redact them first if they hold secrets.');
    }
  };

  const findings = result?.diagnostics ?? [];
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop zone for files; the file input is the keyboard path
    <div
      className={dropping ? styles.dropping : undefined}
      data-offline={offlineReady ? 'ready' : undefined}
      onDragOver={(event) => {
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDropping(false);
        void addFiles(Array.from(event.dataTransfer.files));
      }}
    >
      <div className={styles.toolbar}>
        <div className={styles.tabs} role="tablist">
          {docs.map((d, i) => (
            <button
              key={i}
              type="button"
              role="tab"
              aria-selected={i === active}
              className={`${styles.tab} ${i === active ? styles.activeTab : ''}`}
              onClick={() => setActive(i)}
            >
              {results?.[i] ? (results[i]?.valid ? '✓ ' : '✗ ') : ''}
              {d.name}
            </button>
          ))}
          <button
            type="button"
            className={styles.tab}
            data-testid="add-document"
            onClick={() => {
              setDocs((old) => [...old, { ...EMPTY, name: uniqueName(EMPTY.name, old) }]);
              setActive(docs.length);
            }}
          >
            + document
          </button>
        </div>
        <label className="button button--sm button--secondary">
          Open files…
          <input
            type="file"
            multiple
            hidden
            accept=".xml,.json,text/xml,application/json"
            data-testid="file-input"
            onChange={(event) => void addFiles(Array.from(event.target.files ?? []))}
          />
        </label>
        <button type="button" className="button button--sm button--secondary" data-testid="redact" onClick={redact}>
          Redact secrets
        </button>
        <label
          className={styles.strict}
          title="Make the open-world warnings errors: accept only the documented vocabulary (the command line's --strict)"
        >
          <input
            type="checkbox"
            data-testid="strict"
            checked={strict}
            onChange={(event) => {
              setStrict(event.target.checked);
              setPermalink('');
            }}
          />{' '}
          Strict
        </label>
        <button type="button" className="button button--sm button--primary" data-testid="share" onClick={() => void share()}>
          Copy permalink
        </button>
      </div>
      <Editor value={current.text} onChange={edit} marks={marks} textareaRef={textarea} />
      <p role="status" data-testid="status">
        {status}
      </p>
      {permalink && (
        <input
          className="margin-bottom--sm"
          style={{ width: '100%' }}
          readOnly
          value={permalink}
          data-testid="permalink"
          aria-label="Permalink"
        />
      )}
      <div data-testid="verdict" className={styles.verdict} ref={verdict}>
        {!result
          ? 'Paste or drop a document to validate it.'
          : `${result.valid ? 'Valid' : 'Invalid'}${result.root ? ` ${result.root}` : ''}${result.schema ? ` (schemas/${result.schema})` : ''}: ${findings.filter((d) => d.severity === 'error').length} errors, ${findings.filter((d) => d.severity === 'warning').length} warnings${strict ? ' (strict)' : ''}`}
      </div>
      <ul className={styles.findings} data-testid="findings">
        {findings.map((d, i) => {
          const spec = specLink(current.text, d);
          return (
            <li key={i} data-severity={d.severity} data-code={d.code} data-line={d.line}>
              <button type="button" className={styles.position} onClick={() => goTo(d)} title="Show in the editor">
                {d.line > 0 ? `${d.line}:${d.column}` : '—'}
              </button>
              {d.severity}: {d.message}
              <Link className={styles.code} to={`${codesPage}#${d.code}`}>
                [{d.code}]
              </Link>
              {spec && (
                <>
                  {' '}
                  ·{' '}
                  <Link to={spec} data-testid="spec-link">
                    spec
                  </Link>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
