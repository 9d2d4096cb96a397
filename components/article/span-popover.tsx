'use client';
import { ObjectHistory } from '@/components/history/object-history';

import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { AnnotationDto, Label, UpdateAnnotationBody } from '@/lib/annotations/dto';
import { LABEL_OPTIONS, labelName, STATUS_NAMES } from '@/lib/annotations/labels';
import type { OverlayAnchor } from './overlay-position';

type SpanPopoverProps = {
  annotation: AnnotationDto;
  /** Every span under the clicked point, so an overlapped one can be picked. */
  overlapping: AnnotationDto[];
  anchor: OverlayAnchor;
  isOrphan: boolean;
  /** Move focus into the dialog (opened from the list or by keyboard), or leave the caret in the text (opened by a click). */
  autoFocus: boolean;
  canAnnotate: boolean;
  currentUserId: string;
  busy: boolean;
  onSave: (changes: Omit<UpdateAnnotationBody, 'version'>) => void;
  onDelete: () => void;
  onSwitch: (id: string) => void;
  onClose: () => void;
  /** Links, claim and cross-source actions (only with a project). */
  children?: ReactNode;
};

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * Details and edit form of one span. Mount it with a key of id + version so a
 * reload after a conflict resets the form to the fresh values.
 */
export function SpanPopover(props: SpanPopoverProps) {
  const { annotation: a, overlapping, anchor, isOrphan, autoFocus, canAnnotate, currentUserId, busy } = props;
  const [label, setLabel] = useState<Label>(a.label);
  const [speaker, setSpeaker] = useState(a.speaker ?? '');
  const [note, setNote] = useState(a.note ?? '');
  const tagRef = useRef<HTMLSelectElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (autoFocus) (tagRef.current ?? closeRef.current)?.focus({ preventScroll: true });
  }, [autoFocus]);

  return (
    <div
      role="dialog"
      aria-label="Span"
      data-testid="span-popover"
      data-annotation-id={a.id}
      className={`span-popover span-popover--${a.label}`}
      style={{ top: anchor.top, left: anchor.left }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onClose();
        }
      }}
    >
      <div className="span-popover__head">
        <span className={`span-badge span-badge--${a.label}`}>{labelName(a.label)}</span>
        <span className={`span-status span-status--${a.status}`}>{STATUS_NAMES[a.status]}</span>
        <button
          ref={closeRef}
          type="button"
          className="span-popover__close"
          aria-label="Close"
          onClick={props.onClose}
        >
          ×
        </button>
      </div>
      <blockquote className="span-popover__quote">{a.exact}</blockquote>
      <p className="span-popover__meta">
        {a.author.id === currentUserId ? `${a.author.name} (you)` : a.author.name} ·{' '}
        <time dateTime={a.createdAt}>{new Date(a.createdAt).toLocaleString()}</time>
      </p>
      {a.reviewComment && (
        <p className="span-popover__review" data-testid="review-comment">
          Reviewer: {a.reviewComment}
        </p>
      )}
      {isOrphan && (
        <p className="span-popover__warning">The article text at this span has changed, so it is not highlighted.</p>
      )}
      {overlapping.length > 1 && (
        <label className="span-popover__field">
          <span>Overlapping spans</span>
          <select value={a.id} onChange={(e) => props.onSwitch(e.target.value)}>
            {overlapping.map((o) => (
              <option key={o.id} value={o.id}>
                {labelName(o.label)}: {o.exact.length > 60 ? `${o.exact.slice(0, 60)}…` : o.exact}
              </option>
            ))}
          </select>
        </label>
      )}
      {canAnnotate ? (
        <form
          className="span-popover__form"
          onSubmit={(e) => {
            e.preventDefault();
            props.onSave({ label, speaker: orNull(speaker), note: orNull(note) });
          }}
        >
          <label className="span-popover__field">
            <span>Tag</span>
            <select
              ref={tagRef}
              aria-label="Tag"
              value={label}
              onChange={(e) => setLabel(e.target.value as Label)}
            >
              {LABEL_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label className="span-popover__field">
            <span>Speaker</span>
            <input aria-label="Speaker" maxLength={200} value={speaker} onChange={(e) => setSpeaker(e.target.value)} />
          </label>
          <label className="span-popover__field">
            <span>Note</span>
            <textarea aria-label="Note" rows={3} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="span-popover__actions">
            <button type="submit" className="span-popover__save" disabled={busy}>
              Save
            </button>
            <button type="button" className="span-popover__delete" disabled={busy} onClick={props.onDelete}>
              Delete
            </button>
          </div>
        </form>
      ) : (
        <dl className="span-popover__details">
          <dt>Speaker</dt>
          <dd>{a.speaker ?? '—'}</dd>
          <dt>Note</dt>
          <dd>{a.note ?? '—'}</dd>
        </dl>
      )}
      {props.children && <div className="span-popover__cross">{props.children}</div>}
      <ObjectHistory objectType="annotation" objectId={a.id} />
    </div>
  );
}
