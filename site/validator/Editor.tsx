/**
 * A light code editor: a textarea over a backdrop that shades the lines with findings, with a
 * line-number gutter whose numbers are marked too. Scrolling keeps the three layers aligned.
 */
import { useRef, type ReactNode } from 'react';
import styles from './validator.module.css';

/** A marked line: its 1-based number and the worst severity on it. */
export interface MarkedLine {
  /** 1-based line. */
  readonly line: number;
  /** `error` wins over `warning`. */
  readonly severity: 'error' | 'warning';
}

/** Props of {@link Editor}. */
export interface EditorProps {
  /** The text. */
  readonly value: string;
  /** Called on every edit. */
  readonly onChange: (value: string) => void;
  /** Lines to mark. */
  readonly marks: readonly MarkedLine[];
  /** Receives the textarea, so findings can move the caret to their line. */
  readonly textareaRef: React.RefObject<HTMLTextAreaElement | null>;
}

/** The editor. */
export default function Editor({ value, onChange, marks, textareaRef }: EditorProps): ReactNode {
  const gutter = useRef<HTMLDivElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const lines = value.split('\n');
  const severityOf = new Map(marks.map((m) => [m.line, m.severity]));
  const onScroll = (event: React.UIEvent<HTMLTextAreaElement>): void => {
    const { scrollTop, scrollLeft } = event.currentTarget;
    if (gutter.current) gutter.current.style.transform = `translateY(${-scrollTop}px)`;
    if (backdrop.current) backdrop.current.style.transform = `translate(${-scrollLeft}px, ${-scrollTop}px)`;
  };
  return (
    <div className={styles.editor}>
      <div className={styles.gutterClip} aria-hidden="true">
        <div ref={gutter} className={styles.gutter} data-testid="gutter">
          {lines.map((_, i) => {
            const severity = severityOf.get(i + 1);
            return (
              <div key={i} className={severity ? styles[severity] : undefined} data-line={i + 1} data-mark={severity}>
                {i + 1}
              </div>
            );
          })}
        </div>
      </div>
      <div className={styles.body}>
        <div className={styles.backdropClip} aria-hidden="true">
          <div ref={backdrop} className={styles.backdrop}>
            {lines.map((line, i) => {
              const severity = severityOf.get(i + 1);
              return (
                <div key={i} className={severity ? styles[`${severity}Line`] : undefined}>
                  {line || ' '}
                </div>
              );
            })}
          </div>
        </div>
        <textarea
          ref={textareaRef}
          className={styles.textarea}
          value={value}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          aria-label="Document text"
          data-testid="editor"
          placeholder="Paste a WireServer document here, or drop files anywhere on this page"
          onChange={(event) => onChange(event.target.value)}
          onScroll={onScroll}
        />
      </div>
    </div>
  );
}
