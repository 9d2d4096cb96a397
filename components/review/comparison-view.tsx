'use client';
import './comparison.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AcceptChoice, ComparisonDecisionDto, ComparisonDto, ComparisonItem } from '@/lib/review/comparison-dto';
import type { AnnotationDto } from '@/lib/annotations/dto';
import { ComparisonText } from './comparison-text';
import { ComparisonItems, choicesFor } from './comparison-items';
import { ComparisonSummary } from './comparison-summary';

type Props = { comparison: ComparisonDto };

const isDecided = (item: ComparisonItem) => [item.a, item.b].every((s) => !s || s.status !== 'pending');

async function post(url: string, body?: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { ok: res.ok, status: res.status, body: await res.json().catch(() => null) };
}

/** Brings the current line (`selector`) into view in its scrolling box (a text column, the decisions), without moving the page. */
function scrollIntoColumn(column: HTMLElement | null, key: string, selector = '[data-current="true"]') {
  const el = column?.querySelector<HTMLElement>(selector);
  if (!column || !el || !key) return;
  const top = el.getBoundingClientRect().top - column.getBoundingClientRect().top + column.scrollTop;
  column.scrollTop = Math.max(0, top - column.clientHeight / 3);
}

/**
 * The reviewer's side-by-side view of two analysts' spans on one article.
 * Each line (a pair or a lone span) is decided with a button or a key:
 * j/k move, 1 accepts A, 2 accepts B, b both, n neither. Accepted spans are
 * approved and the others rejected in one request; a stale line (someone
 * edited or decided a span meanwhile) says so and changes nothing.
 */
export function ComparisonView({ comparison }: Props) {
  const { article, a, b } = comparison;
  const [items, setItems] = useState(comparison.items);
  const [index, setIndex] = useState(() => Math.max(0, comparison.items.findIndex((i) => !isDecided(i))));
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState(comparison.opened);
  // Keys work once hydrated; tests (and impatient people) can tell by data-ready.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const columnA = useRef<HTMLDivElement>(null);
  const columnB = useRef<HTMLDivElement>(null);
  const decisions = useRef<HTMLElement>(null);
  const current = items[Math.min(index, items.length - 1)] ?? null;
  const codePoints = useMemo(() => Array.from(article.text), [article.text]);
  const itemOf = useMemo(
    () => new Map(items.flatMap((i) => [i.a, i.b].filter((s): s is AnnotationDto => s !== null).map((s) => [s.id, { key: i.key, kind: i.kind }] as const))),
    [items],
  );
  const spansA = useMemo(() => items.flatMap((i) => (i.a ? [i.a] : [])), [items]);
  const spansB = useMemo(() => items.flatMap((i) => (i.b ? [i.b] : [])), [items]);

  const pick = useCallback((key: string) => setIndex(items.findIndex((i) => i.key === key)), [items]);

  const decide = useCallback(
    async (accept: AcceptChoice) => {
      if (!current || !a || !b || busy) return;
      if (!choicesFor(current).some((c) => c.accept === accept)) return;
      // A key press must not quietly overturn a decision made earlier (in the queue, say): ask first.
      const overturned = overturns(current, accept, a.name, b.name);
      if (overturned && !window.confirm(`${overturned} Decide so anyway?`)) return;
      setBusy(true);
      const ref = (s: AnnotationDto | null) => (s ? { id: s.id, version: s.version } : null);
      const result = await post(`/api/v1/articles/${encodeURIComponent(article.id)}/comparison/decisions`, {
        analystA: a.id,
        analystB: b.id,
        a: ref(current.a),
        b: ref(current.b),
        accept,
        ...(comment.trim() && { comment: comment.trim() }),
      });
      setBusy(false);
      if (result.ok) {
        const decided = result.body as ComparisonDecisionDto;
        const next = items.map((i) => (i.key === current.key ? { ...i, a: decided.a ?? i.a, b: decided.b ?? i.b } : i));
        setItems(next);
        setOpened(decided.opened);
        setComment('');
        const names = { a: `Accepted ${a.name}’s span`, b: `Accepted ${b.name}’s span`, both: 'Accepted both', neither: 'Accepted neither' };
        setMessage(`${names[accept]}.`);
        const after = next.findIndex((i, k) => k > index && !isDecided(i));
        if (after >= 0) setIndex(after);
      } else if (result.status === 409) {
        setMessage('A span of this line changed since you loaded the page (edited or decided by someone else); nothing was saved. Reload to see it as it is now.');
      } else {
        setMessage(result.body?.error?.message ?? `Could not save (${result.status})`);
      }
    },
    [current, a, b, busy, article.id, comment, items, index],
  );

  const open = async () => {
    const result = await post(`/api/v1/articles/${encodeURIComponent(article.id)}/comparison`);
    if (result.ok) {
      setOpened(result.body.opened);
      setMessage('Opened for comparison: every member now sees all spans of this article.');
    } else setMessage(result.body?.error?.message ?? `Could not open (${result.status})`);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || (e.target as HTMLElement).closest('input, textarea, select')) return;
      const choice = ({ '1': 'a', '2': 'b', b: 'both', n: 'neither' } as const)[e.key as '1'];
      if (e.key === 'j') setIndex((i) => Math.min(i + 1, items.length - 1));
      else if (e.key === 'k') setIndex((i) => Math.max(i - 1, 0));
      else if (choice) void decide(choice);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items.length, decide]);

  useEffect(() => {
    scrollIntoColumn(columnA.current, current?.key ?? '');
    scrollIntoColumn(columnB.current, current?.key ?? '');
    // In a narrow window the decisions sit above the texts in a box of their own: it follows j/k too.
    scrollIntoColumn(decisions.current, current?.key ?? '', '.cmp-item--current');
  }, [current?.key]);

  return (
    <div className="cmp" data-testid="comparison" data-ready={ready}>
      {comparison.agreement && a && b && <ComparisonSummary agreement={comparison.agreement} nameA={a.name} nameB={b.name} />}
      {comparison.independentAnnotation && (
        <p className="cmp-opened" data-testid="comparison-opened">
          {opened ? (
            <>Opened for comparison{opened.by?.name ? ` by ${opened.by.name}` : ''} on {opened.at.slice(0, 10)}: every member sees all spans of this article.</>
          ) : (
            <>
              Independent annotation: the analysts cannot see each other’s spans on this article yet. A decision below opens it for them, or{' '}
              <button type="button" className="btn" onClick={() => void open()}>
                Open for comparison
              </button>
            </>
          )}
        </p>
      )}
      <p className="muted cmp-keys">
        <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>1</kbd> accept A · <kbd>2</kbd> accept B · <kbd>b</kbd> both · <kbd>n</kbd> neither. Accepted spans are approved, the others rejected. In the text: = exact match, ≈ partial overlap, ≠ tags differ, + only one analyst.
      </p>
      <p role="status" data-testid="comparison-status" className="cmp-status">
        {message}
      </p>
      <div className="cmp-grid">
        <ComparisonText ref={columnA} title={`A: ${a?.name ?? '—'}`} codePoints={codePoints} spans={spansA} itemOf={itemOf} currentKey={current?.key ?? null} onPick={pick} />
        <ComparisonText ref={columnB} title={`B: ${b?.name ?? '—'}`} codePoints={codePoints} spans={spansB} itemOf={itemOf} currentKey={current?.key ?? null} onPick={pick} />
        <aside ref={decisions} className="cmp-side-panel" aria-label="Decisions">
          <label className="cmp-comment">
            Comment (optional; rejections without one say “Not accepted in comparison with …”)
            <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={2000} />
          </label>
          <ComparisonItems items={items} currentKey={current?.key ?? null} busy={busy} onPick={pick} onDecide={(c) => void decide(c)} />
        </aside>
      </div>
    </div>
  );
}

/** What `accept` would reverse on this line: an approved span rejected, or a rejected one approved; null if nothing. */
export function overturns(item: ComparisonItem, accept: AcceptChoice, nameA: string, nameB: string): string | null {
  const changes = (['a', 'b'] as const).flatMap((side) => {
    const span = item[side];
    if (!span) return [];
    const approve = accept === side || accept === 'both';
    const name = side === 'a' ? nameA : nameB;
    if (span.status === 'approved' && !approve) return [`${name}’s span was approved; this rejects it.`];
    if (span.status === 'rejected' && approve) return [`${name}’s span was rejected; this approves it.`];
    return [];
  });
  return changes.length ? changes.join(' ') : null;
}
