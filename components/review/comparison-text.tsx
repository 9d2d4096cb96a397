'use client';
import { forwardRef, useMemo } from 'react';
import type { AnnotationDto } from '@/lib/annotations/dto';
import type { ComparisonItem } from '@/lib/review/comparison-dto';
import { labelName, STATUS_NAMES } from '@/lib/annotations/labels';
import { segmentText } from './comparison-segments';

const KIND_TITLES: Record<ComparisonItem['kind'], string> = { exact: 'exact match', partial: 'partial overlap', tag: 'the other analyst tagged it differently', 'only-a': 'only this analyst', 'only-b': 'only this analyst' };

type Props = {
  /** e.g. "A: Ana" */
  title: string;
  /** The article text as code points (offsets index it). */
  codePoints: string[];
  spans: AnnotationDto[];
  /** Which comparison line each span belongs to, and what kind of line it is. */
  itemOf: Map<string, { key: string; kind: ComparisonItem['kind'] }>;
  currentKey: string | null;
  onPick: (key: string) => void;
};

/**
 * One analyst's column: the article text, read-only, with that analyst's
 * spans marked (tint = tag, underline = review status) and the current
 * line's span outlined. Plain React elements, no editor: nothing is
 * selectable for tagging here, and the two columns render the same text.
 */
export const ComparisonText = forwardRef<HTMLDivElement, Props>(function ComparisonText({ title, codePoints, spans, itemOf, currentKey, onPick }, ref) {
  const segments = useMemo(() => segmentText(codePoints.length, spans), [codePoints, spans]);
  return (
    <section className="cmp-column" aria-label={title}>
      <h2 className="cmp-column__title">{title}</h2>
      {/* Scrolls on its own: focusable, so the keyboard can scroll it too; a group, so focus announces its name. */}
      <div className="cmp-text" ref={ref} data-testid="comparison-text" tabIndex={0} role="group" aria-label={`${title}: article text`}>
        {segments.map((g) => {
          const text = codePoints.slice(g.start, g.end).join('');
          if (!g.span) return <span key={g.start}>{text}</span>;
          const item = itemOf.get(g.span.id);
          const current = item !== undefined && item.key === currentKey;
          // The pair's kind is marked once, after the span's last run: = exact, ≈ partial, + alone.
          const kind = item && g.end === g.span.end ? item.kind : undefined;
          return (
            <mark
              key={g.start}
              className={`cmp-mark ${g.span.label} ${g.span.status}${current ? ' cmp-mark--current' : ''}${g.covering > 1 ? ' cmp-mark--multi' : ''}${kind ? ` cmp-mark--${kind}` : ''}`}
              data-annotation-id={g.span.id}
              data-status={g.span.status}
              data-pair={item?.kind}
              data-current={current || undefined}
              title={`${labelName(g.span.label)} · ${STATUS_NAMES[g.span.status]}${item ? ` · ${KIND_TITLES[item.kind]}` : ''}${g.covering > 1 ? ` · ${g.covering} spans overlap here` : ''}`}
              onClick={() => item && onPick(item.key)}
            >
              {text}
            </mark>
          );
        })}
      </div>
    </section>
  );
});
