'use client';
import { ObjectHistory } from '@/components/history/object-history';

import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ReviewControls } from '@/components/review/review-controls';
import { utcTime } from '@/components/utc-time';
import type { AnnotationDto, Label, UpdateAnnotationBody } from '@/lib/annotations/dto';
import { LABEL_OPTIONS, labelName, STATUS_NAMES } from '@/lib/annotations/labels';
import type { OverlayAnchor } from './overlay-position';
import { shortQuote } from './link-kinds';

type SpanPopoverProps = {
  annotation: AnnotationDto;
  /** Every span under the clicked point, so an overlapped one can be picked. */
  overlapping: AnnotationDto[];
  anchor: OverlayAnchor;
  isOrphan: boolean;
  /** Move focus into the dialog (opened from the list or by keyboard), or leave the caret in the text (opened by a click). */
  autoFocus: boolean;
  /** The caller may edit and delete this span: its author, or an admin (lib/auth/permissions.ts, changeSpan). */
  canEdit: boolean;
  /** The caller may approve or reject it: a reviewer or admin, not its author. */
  canReview: boolean;
  currentUserId: string;
  busy: boolean;
  /** `version`: the one the form was filled from, so a change made meanwhile answers 409 instead of being overwritten. */
  onSave: (changes: Omit<UpdateAnnotationBody, 'version'>, version: number) => void;
  onReview: (decision: 'approve' | 'reject', comment?: string) => Promise<boolean>;
  onDelete: () => void;
  onSwitch: (id: string) => void;
  onClose: () => void;
  /** Links, claim and cross-source actions (only with a project). */
  children?: ReactNode;
};

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

type Fields = { label: Label; speaker: string; note: string };
const fieldsOf = (a: AnnotationDto): Fields => ({ label: a.label, speaker: a.speaker ?? '', note: a.note ?? '' });
const sameFields = (x: Fields, y: Fields) => x.label === y.label && x.speaker === y.speaker && x.note === y.note;

/**
 * "Keep mine" after a change elsewhere: the fields typed here keep what was
 * typed; the others take the new values, so saving does not quietly put back
 * what the other person changed in a field never touched here.
 */
function keepMine(typed: Fields, base: Fields, theirs: Fields): Fields {
  const pick = <K extends keyof Fields>(k: K): Fields[K] => (typed[k] !== base[k] ? typed[k] : theirs[k]);
  return { label: pick('label'), speaker: pick('speaker'), note: pick('note') };
}

/**
 * Details and edit form of one span; mount it with a key of the span's id.
 * When the span changes elsewhere while it is open (live updates, a review,
 * a 409 reload), an untouched form takes the new values; a form with
 * unsaved typing keeps it and says so, offering to discard it or to save
 * over the other change knowingly. Typing is never thrown away unasked.
 */
export function SpanPopover(props: SpanPopoverProps) {
  const { annotation: a, overlapping, anchor, isOrphan, autoFocus, canEdit, canReview, currentUserId, busy } = props;
  // The span as the form was filled from it: what the edits are relative to, and the version a save sends.
  const [base, setBase] = useState(a);
  const [fields, setFields] = useState<Fields>(() => fieldsOf(a));
  const { label, speaker, note } = fields;
  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));
  const dirty = !sameFields(fields, fieldsOf(base));
  const changedElsewhere = a.version !== base.version;
  const takeTheirs = () => {
    setBase(a);
    setFields(fieldsOf(a));
  };
  // Adjusting state while rendering (React's pattern for props that change): nothing typed, so follow the span.
  if (changedElsewhere && !dirty) takeTheirs();
  const tagRef = useRef<HTMLSelectElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  // Opened near the bottom of the window, the popover would run past it: bring all of it into view (no scroll if it is).
  useEffect(() => {
    dialogRef.current?.scrollIntoView({ block: 'nearest' });
  }, [a.id]);

  useEffect(() => {
    if (autoFocus) (tagRef.current ?? closeRef.current)?.focus({ preventScroll: true });
  }, [autoFocus]);

  return (
    <div
      ref={dialogRef}
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
        <time dateTime={a.createdAt}>{utcTime(a.createdAt)} UTC</time>
      </p>
      {/* Who decided, with the reason; a span back in review (edited, placed on other words) has no decision to show. */}
      {a.reviewComment && a.status !== 'pending' && (
        <p className="span-popover__review" data-testid="review-comment">
          {STATUS_NAMES[a.status]}
          {a.reviewedBy && ` by ${a.reviewedBy.name}`}: {a.reviewComment}
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
                {/* Spans that start alike read alike once cut: who made each tells them apart. */}
                {labelName(o.label)}: {shortQuote(o.exact, 60)} ({o.author.id === currentUserId ? 'you' : o.author.name})
              </option>
            ))}
          </select>
        </label>
      )}
      {canReview && (
        <ReviewControls
          subject={`span “${shortQuote(a.exact, 40)}”`}
          status={a.status}
          busy={busy}
          onDecide={props.onReview}
        />
      )}
      {canEdit && changedElsewhere && dirty && (
        <div className="span-popover__warning" role="alert" data-testid="changed-elsewhere">
          <p style={{ margin: 0 }}>
            This span was changed elsewhere while you were editing (now: {labelName(a.label)}
            {a.speaker ? `, speaker ${a.speaker}` : ''}, {STATUS_NAMES[a.status].toLowerCase()}). Your unsaved changes are kept.
          </p>
          <div className="span-popover__row">
            <button type="button" className="btn-small" onClick={takeTheirs}>
              Discard mine
            </button>
            <button
              type="button"
              className="btn-small"
              onClick={() => {
                setFields(keepMine(fields, fieldsOf(base), fieldsOf(a)));
                setBase(a);
              }}
            >
              Keep mine
            </button>
          </div>
        </div>
      )}
      {canEdit ? (
        <form
          className="span-popover__form"
          onSubmit={(e) => {
            e.preventDefault();
            props.onSave({ label, speaker: orNull(speaker), note: orNull(note) }, base.version);
          }}
        >
          <label className="span-popover__field">
            <span>Tag</span>
            <select
              ref={tagRef}
              aria-label="Tag"
              value={label}
              onChange={(e) => set({ label: e.target.value as Label })}
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
            <input aria-label="Speaker" maxLength={200} value={speaker} onChange={(e) => set({ speaker: e.target.value })} />
          </label>
          <label className="span-popover__field">
            <span>Note</span>
            <textarea aria-label="Note" rows={3} maxLength={5000} value={note} onChange={(e) => set({ note: e.target.value })} />
          </label>
          {dirty && a.status !== 'pending' && (
            <p className="span-popover__hint" data-testid="back-to-review">
              Saving sends this {a.status} span back to review.
            </p>
          )}
          <div className="span-popover__actions">
            <button type="submit" className="span-popover__save" disabled={busy || (changedElsewhere && dirty)}>
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
