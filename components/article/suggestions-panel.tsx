'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { createAnnotation, fetchArticle } from '@/lib/annotations/api-client';
import type { AnnotationDto, Label } from '@/lib/annotations/dto';
import { LABEL_OPTIONS, labelName } from '@/lib/annotations/labels';
import { createLink, dismissSuggestion, fetchSuggestions } from '@/lib/cross-source/api-client';
import type { LinkDto, LinkKind } from '@/lib/links/dto';
import type { SuggestionDto } from '@/lib/suggestions/dto';
import { HighlightedText } from '@/components/text/highlighted-text';
import { LINK_KIND_OPTIONS, linkKindName, shortQuote } from './link-kinds';

const LIMIT = 10;

type SuggestionsPanelProps = {
  source: AnnotationDto;
  canAnnotate: boolean;
  onOpen: (suggestion: SuggestionDto) => void;
  onLinked: (link: LinkDto) => void;
  onClose: () => void;
};

/** Per suggestion: asking which tag the sentence gets, busy, or linked. */
type ItemState = { asking?: { kind: LinkKind; label: Label }; busy?: boolean; linked?: LinkKind };

/**
 * Sentences of the project's other articles that may say the same as the
 * source span, best first. A link needs a span at each end, so following a
 * suggestion that is not a span yet first tags exactly that sentence (the
 * analyst picks the tag), then links it.
 */
export function SuggestionsPanel({ source, canAnnotate, onOpen, onLinked, onClose }: SuggestionsPanelProps) {
  const [items, setItems] = useState<SuggestionDto[] | null>(null);
  const [states, setStates] = useState<Record<string, ItemState>>({});
  const [message, setMessage] = useState<{ text: string; kind: 'info' | 'error' } | null>(null);
  // Spans of the articles looked at, so a second suggestion in one article costs no request.
  const spansOf = useRef(new Map<string, AnnotationDto[]>());
  // The popover that opened this panel is gone: focus comes here, where reading the suggestions starts.
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus({ preventScroll: true }), []);

  useEffect(() => {
    let live = true;
    void fetchSuggestions(source.id, LIMIT).then((res) => {
      if (!live) return;
      if (res.ok) setItems(res.data);
      else setMessage({ text: res.message, kind: 'error' });
    });
    return () => {
      live = false;
    };
  }, [source.id]);

  const patch = (id: string, next: ItemState) => setStates((all) => ({ ...all, [id]: next }));
  // Busy keeps whatever the item shows (the tag question stays on screen while it is answered).
  const markBusy = (id: string) => setStates((all) => ({ ...all, [id]: { ...all[id], busy: true } }));

  /** The span covering exactly the sentence, if one was tagged already. */
  const existingSpan = async (s: SuggestionDto): Promise<AnnotationDto | null | 'error'> => {
    let spans = spansOf.current.get(s.articleId);
    if (!spans) {
      const res = await fetchArticle(s.articleId);
      if (!res.ok) {
        setMessage({ text: res.message, kind: 'error' });
        return 'error';
      }
      spans = res.data.annotations;
      spansOf.current.set(s.articleId, spans);
    }
    return spans.find((a) => a.start === s.start && a.end === s.end) ?? null;
  };

  const follow = async (s: SuggestionDto, kind: LinkKind, label?: Label) => {
    markBusy(s.sentenceId);
    let target = await existingSpan(s);
    if (target === 'error') return patch(s.sentenceId, {});
    if (!target && !label) {
      // Ask first: a contradiction is most often a denial; a corroboration says what the source says.
      return patch(s.sentenceId, { asking: { kind, label: kind === 'contradicts' ? 'denial' : source.label } });
    }
    if (!target && label) {
      const made = await createAnnotation(s.articleId, { start: s.start, end: s.end, exact: s.text, label });
      if (!made.ok) {
        setMessage({ text: made.message, kind: 'error' });
        return patch(s.sentenceId, {});
      }
      target = made.data;
      spansOf.current.get(s.articleId)?.push(made.data);
    }
    const res = await createLink(source.id, target!.id, kind);
    if (!res.ok) {
      setMessage({ text: res.message, kind: 'error' });
      return patch(s.sentenceId, {});
    }
    patch(s.sentenceId, { linked: kind });
    setMessage({ text: `Linked: ${linkKindName(kind).toLowerCase()} ${s.outlet ?? 'Unknown outlet'}.`, kind: 'info' });
    onLinked(res.data);
  };

  const dismiss = async (s: SuggestionDto) => {
    markBusy(s.sentenceId);
    const res = await dismissSuggestion(source.id, s.sentenceId);
    if (!res.ok) {
      setMessage({ text: res.message, kind: 'error' });
      return patch(s.sentenceId, {});
    }
    setItems((list) => list?.filter((x) => x.sentenceId !== s.sentenceId) ?? null);
    setMessage({ text: 'Suggestion dismissed; it will not be suggested for this span again.', kind: 'info' });
  };

  return (
    <section className="side-panel suggestions" aria-label="Suggested matches" data-testid="suggestions-panel">
      <div className="side-panel__head">
        <h2 className="side-panel__title" ref={titleRef} tabIndex={-1}>
          Suggested matches
        </h2>
        <button type="button" className="btn-small" onClick={onClose}>
          Close suggestions
        </button>
      </div>
      <p className="side-panel__source">
        For <span className={`span-badge span-badge--${source.label}`}>{labelName(source.label)}</span> <q>{shortQuote(source.exact, 120)}</q>
      </p>
      <div role="status" aria-live="polite" className="side-panel__status" data-kind={message?.kind} data-testid="suggestions-status">
        {message?.text}
      </div>
      {items === null ? (
        !message && <p className="side-panel__hint" aria-busy="true">Looking for matching sentences…</p>
      ) : items.length === 0 ? (
        <p className="side-panel__hint">No matching sentences in the project’s other articles.</p>
      ) : (
        <ol className="suggestions__items">
          {items.map((s) => (
            <SuggestionItem
              key={s.sentenceId}
              suggestion={s}
              state={states[s.sentenceId] ?? {}}
              canAnnotate={canAnnotate}
              onFollow={(kind, label) => void follow(s, kind, label)}
              onAsk={(asking) => patch(s.sentenceId, { asking })}
              onCancel={() => patch(s.sentenceId, {})}
              onOpen={() => onOpen(s)}
              onDismiss={() => void dismiss(s)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

type SuggestionItemProps = {
  suggestion: SuggestionDto;
  state: ItemState;
  canAnnotate: boolean;
  onFollow: (kind: LinkKind, label?: Label) => void;
  onAsk: (asking: NonNullable<ItemState['asking']>) => void;
  onCancel: () => void;
  onOpen: () => void;
  onDismiss: () => void;
};

function SuggestionItem({ suggestion: s, state, canAnnotate, onFollow, onAsk, onCancel, onOpen, onDismiss }: SuggestionItemProps) {
  const textId = useId();
  return (
    <li className="suggestion" data-testid="suggestion" data-sentence-id={s.sentenceId} data-article-id={s.articleId}>
      <div className="suggestion__where">
        <span className="suggestion__outlet">{s.outlet ?? 'Unknown outlet'}</span> · <span>{s.articleTitle}</span>
        <span className="suggestion__score" title="How closely the sentence matches (0–1)">
          score {s.score.toFixed(2)}
        </span>
      </div>
      <p id={textId} className="suggestion__text">
        <HighlightedText text={s.text} highlights={s.highlights} />
      </p>
      {state.linked ? (
        <p className="suggestion__done">Linked: {linkKindName(state.linked).toLowerCase()}.</p>
      ) : state.asking ? (
        <form
          className="suggestion__ask"
          onSubmit={(e) => {
            e.preventDefault();
            onFollow(state.asking!.kind, state.asking!.label);
          }}
        >
          <label className="suggestion__label">
            This sentence is not tagged yet. Tag it as
            <select
              aria-label="Tag for the sentence"
              // The step appeared in place of the button just pressed: the keyboard goes on from here.
              autoFocus
              value={state.asking.label}
              onChange={(e) => onAsk({ ...state.asking!, label: e.target.value as Label })}
            >
              {LABEL_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <div className="suggestion__actions">
            <button type="submit" className="btn-small btn-small--primary" disabled={state.busy}>
              Tag and link ({linkKindName(state.asking.kind).toLowerCase()})
            </button>
            <button type="button" className="btn-small" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="suggestion__actions" role="group" aria-label="Suggestion actions" aria-describedby={textId}>
          {canAnnotate &&
            LINK_KIND_OPTIONS.map((k) => (
              <button
                key={k.value}
                type="button"
                className={`btn-small link-kind-button link-kind-button--${k.value}`}
                disabled={state.busy}
                onClick={() => onFollow(k.value)}
              >
                {k.name}
              </button>
            ))}
          <button type="button" className="btn-small" onClick={onOpen}>
            Open
          </button>
          {canAnnotate && (
            <button type="button" className="btn-small" disabled={state.busy} onClick={onDismiss}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </li>
  );
}
