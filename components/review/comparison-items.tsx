'use client';
import type { AnnotationDto } from '@/lib/annotations/dto';
import { labelName, STATUS_NAMES } from '@/lib/annotations/labels';
import type { AcceptChoice, ComparisonItem } from '@/lib/review/comparison-dto';

const KIND_NAMES: Record<ComparisonItem['kind'], string> = { exact: 'Exact match', partial: 'Partial overlap', tag: 'Tags differ', 'only-a': 'Only A', 'only-b': 'Only B' };

/** The choices a line offers: a lone span is accepted or not. */
export function choicesFor(item: ComparisonItem): { accept: AcceptChoice; name: string; key: string }[] {
  if (item.kind === 'only-a') return [{ accept: 'a', name: 'Accept A', key: '1' }, { accept: 'neither', name: 'Neither', key: 'n' }];
  if (item.kind === 'only-b') return [{ accept: 'b', name: 'Accept B', key: '2' }, { accept: 'neither', name: 'Neither', key: 'n' }];
  return [
    { accept: 'a', name: 'Accept A', key: '1' },
    { accept: 'b', name: 'Accept B', key: '2' },
    { accept: 'both', name: 'Both', key: 'b' },
    { accept: 'neither', name: 'Neither', key: 'n' },
  ];
}

function SpanSide({ side, span }: { side: 'A' | 'B'; span: AnnotationDto | null }) {
  if (!span) return <p className="cmp-side muted">{side}: no span here</p>;
  return (
    <p className="cmp-side">
      <strong>{side}</strong> <span className={`badge ${span.label}`}>{labelName(span.label)}</span> “{span.exact}”{' '}
      <span className="muted">
        {span.start}–{span.end}
      </span>{' '}
      <span className={`status ${span.status}`} data-testid={`status-${side.toLowerCase()}`}>
        {STATUS_NAMES[span.status]}
      </span>
    </p>
  );
}

type Props = {
  items: ComparisonItem[];
  currentKey: string | null;
  busy: boolean;
  onPick: (key: string) => void;
  onDecide: (accept: AcceptChoice) => void;
};

/** Every pair and lone span in reading order; the current one carries the decision buttons. */
export function ComparisonItems({ items, currentKey, busy, onPick, onDecide }: Props) {
  if (items.length === 0) return <p className="muted">Neither analyst has a span on this article.</p>;
  return (
    <ol className="cmp-items" aria-label="Pairs">
      {items.map((item) => {
        const current = item.key === currentKey;
        return (
          <li key={item.key} className={`cmp-item cmp-item--${item.kind}${current ? ' cmp-item--current' : ''}`} aria-current={current} onClick={() => onPick(item.key)}>
            <span className={`cmp-kind cmp-kind--${item.kind}`}>{KIND_NAMES[item.kind]}</span>
            <SpanSide side="A" span={item.a} />
            <SpanSide side="B" span={item.b} />
            {current && (
              <div className="cmp-actions">
                {choicesFor(item).map((c) => (
                  <button
                    key={c.accept}
                    type="button"
                    className="btn"
                    disabled={busy}
                    aria-keyshortcuts={c.key}
                    onClick={(e) => {
                      e.stopPropagation();
                      onDecide(c.accept);
                    }}
                  >
                    {c.name} <kbd aria-hidden="true">{c.key}</kbd>
                  </button>
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
