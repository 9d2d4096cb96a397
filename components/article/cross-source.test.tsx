// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/dto';
import type { SpanContext } from '@/lib/cross-source/types';
import type { LinkDto } from '@/lib/links/dto';
import { ArticleReader } from './article-reader';
import './jsdom-layout';

// The reader refreshes the page around it when the article is opened for comparison; no App Router here.
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => {} }) }));

// The reader's links, claims, suggestions and compare view, in jsdom with the
// API stubbed by route (several requests run at once, so not by order).

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

vi.mock('next/link', () => ({
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const TEXT = 'Tirana says Iran hired four groups.\nTehran calls the claims baseless.';
const OTHER = 'Rama said four groups enacted the aggression. Iran denied it.';
const cps = (s: string) => [...s].length;
const at = (text: string, exact: string) => {
  const unit = text.indexOf(exact);
  return { start: cps(text.slice(0, unit)), end: cps(text.slice(0, unit)) + cps(exact), exact };
};

function dto(id: string, exact: string, overrides: Partial<AnnotationDto> = {}, text = TEXT): AnnotationDto {
  return {
    id,
    articleId: 'art1',
    label: 'assertion',
    note: null,
    speaker: null,
    ...at(text, exact),
    prefix: '',
    suffix: '',
    textHash: 'h',
    status: 'pending',
    version: 1,
    author: { id: 'u1', name: 'Ana' },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const summary = (a: AnnotationDto, outlet: string, articleTitle: string) => ({
  id: a.id,
  articleId: a.articleId,
  articleTitle,
  outlet,
  label: a.label,
  exact: a.exact,
  start: a.start,
  end: a.end,
});

function linkDto(id: string, from: ReturnType<typeof summary>, to: ReturnType<typeof summary>, kind: LinkDto['kind']): LinkDto {
  return {
    id,
    projectId: 'p1',
    kind,
    status: 'pending',
    version: 1,
    author: { id: 'u1', name: 'Ana' },
    from,
    to,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const claimDto = (id: string, text: string, spanCount = 1) => ({
  id,
  projectId: 'p1',
  text,
  verdict: null,
  version: 1,
  author: { id: 'u1', name: 'Ana' },
  spanCount,
  outletCount: spanCount,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

type Call = { method: string; url: string; body: unknown };
type Handler = (call: Call) => Response;
let calls: Call[];
let routes: Map<string, Handler>;
let container: HTMLDivElement;
let root: Root;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const route = (key: string, handler: Handler) => routes.set(key, handler);

beforeEach(() => {
  calls = [];
  routes = new Map();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const call = { method: init.method ?? 'GET', url, body: init.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      const handler = routes.get(`${call.method} ${url}`);
      if (!handler) throw new Error(`unexpected ${call.method} ${url}`);
      return handler(call);
    }),
  );
  container = document.createElement('div');
  document.body.appendChild(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

async function settle(ms = 40) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

async function render(annotations: AnnotationDto[], spanContext: SpanContext, canAnnotate = true, canReview = false) {
  const loadSpanContext = vi.fn(async () => ({ linkCounts: {}, claimIds: {} }));
  root = createRoot(container);
  await act(async () => {
    root.render(
      <ArticleReader
        articleId="art1"
        projectId="p1"
        text={TEXT}
        textHash="h"
        initialAnnotations={annotations}
        roles={[...(canAnnotate ? ['analyst' as const] : []), ...(canReview ? ['reviewer' as const] : [])]}
        currentUserId="u1"
        spanContext={spanContext}
        loadSpanContext={loadSpanContext}
      />,
    );
  });
  await settle();
  return { loadSpanContext };
}

const q = <T extends Element = HTMLElement>(sel: string, within: ParentNode = container) => within.querySelector<T>(sel);
const button = (name: string, within: ParentNode = container) =>
  [...within.querySelectorAll<HTMLButtonElement>('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);
const status = () => q('[data-testid="reader-status"]')!.textContent;

async function click(el: Element | undefined | null) {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    el.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  });
  await settle();
}

async function choose(select: HTMLSelectElement, value: string) {
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

async function openFromList(text: string) {
  const item = [...container.querySelectorAll<HTMLButtonElement>('aside[aria-label="Spans"] button')].find((b) => b.textContent!.includes(text));
  await click(item);
  return q('[role="dialog"]')!;
}

const assertion = dto('a1', 'Iran hired four groups');
const denial = dto('d1', 'the claims baseless', { label: 'denial' });
const otherDenial = dto('o1', 'Iran denied it', { label: 'denial', articleId: 'art2' }, OTHER);
const otherLink = linkDto('l1', summary(otherDenial, 'Tech Monitor', 'Embassy raided'), summary(assertion, 'Cyber Daily', 'Albania accuses Iran'), 'contradicts');

describe('ArticleReader across sources', () => {
  it('badges linked spans, lists a span’s links with where they go, and follows a #span- hash', async () => {
    route('GET /api/v1/annotations/a1/links', () => json(200, { links: [otherLink] }));
    window.history.replaceState(null, '', '/articles/art1#span-a1');
    await render([assertion, denial], { linkCounts: { a1: 1 }, claimIds: {} });

    const badges = [...container.querySelectorAll<HTMLElement>('[data-testid="span-link-count"]')];
    expect(badges.map((b) => [b.closest('li')!.dataset.annotationId, b.dataset.count])).toEqual([['a1', '1']]);
    expect(badges[0].textContent).toContain('1 link');

    // The hash opened the span.
    const dialog = q('[role="dialog"]')!;
    expect(dialog.dataset.annotationId).toBe('a1');
    const links = q('[data-testid="span-links"]', dialog)!;
    expect(links.dataset.count).toBe('1');
    const item = q('[data-testid="span-link"]', links)!;
    expect(item.textContent).toContain('Contradicts');
    expect(item.textContent).toContain('Tech Monitor · Embassy raided');
    expect(q('a', item)!.getAttribute('href')).toBe('/articles/art2#span-o1');
  });

  it("lets a reviewer approve another analyst's link from the span's popover; their own links get no controls", async () => {
    const theirs = { ...otherLink, author: { id: 'u2', name: 'Bo' } };
    const mine = { ...otherLink, id: 'l2' };
    route('GET /api/v1/annotations/a1/links', () => json(200, { links: [theirs, mine] }));
    route('POST /api/v1/links/l1/review', () => json(200, { ...theirs, status: 'approved', version: 2 }));
    await render([assertion, denial], { linkCounts: { a1: 2 }, claimIds: {} }, false, true);
    const dialog = await openFromList('Iran hired four groups');
    const [first, second] = [...dialog.querySelectorAll<HTMLElement>('[data-testid="span-link"]')];
    expect(first.textContent).toContain('Pending');
    expect(q('[data-testid="review-controls"]', second)).toBeNull();
    // Not the link's author, and not an admin: no remove button either.
    expect(q('.span-links__remove', first)).toBeNull();
    await click(button('Approve link to “Iran denied it”', first));
    expect(calls.at(-1)).toMatchObject({ method: 'POST', url: '/api/v1/links/l1/review', body: { decision: 'approve', version: 1 } });
    const updated = q('[data-testid="span-link"]', dialog)!;
    expect(updated.textContent).toContain('Approved');
    expect(button('Approve link to “Iran denied it”', updated)).toBeUndefined();
  });

  it('asks before deleting a linked span and reports the links that went with it', async () => {
    route('GET /api/v1/annotations/a1/links', () => json(200, { links: [otherLink, { ...otherLink, id: 'l2' }] }));
    route('DELETE /api/v1/annotations/a1', () => json(204, null, { 'X-Links-Removed': '2' }));
    await render([assertion, denial], { linkCounts: { a1: 2 }, claimIds: {} });
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);

    await openFromList('Iran hired');
    await click(button('Delete'));
    expect(confirm).toHaveBeenCalledWith('This span has 2 links. Delete the span and its 2 links? (Undo brings them back.)');
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    confirm.mockReturnValue(true);
    await click(button('Delete'));
    expect(status()).toBe('Span deleted; 2 links removed.');
    expect(q('[data-annotation-id="a1"]')).toBeNull();
    // Read before they went, so that Undo can make them again.
    expect(calls.map((c) => `${c.method} ${c.url}`).slice(-2)).toEqual(['GET /api/v1/annotations/a1/links', 'DELETE /api/v1/annotations/a1']);

    // Undo: a new span on the same words, and both links made again on it, pending review.
    const back = dto('a2', 'Iran hired four groups');
    route('POST /api/v1/articles/art1/annotations', () => json(201, back));
    route('POST /api/v1/links', (call) => json(201, { ...otherLink, id: `new-${calls.length}`, to: summary(back, 'Cyber Daily', 'Albania accuses Iran'), kind: (call.body as { kind: string }).kind }));
    await click(button('Undo delete'));
    expect(calls.filter((c) => c.url === '/api/v1/links').map((c) => c.body)).toEqual([
      { fromAnnotationId: 'o1', toAnnotationId: 'a2', kind: 'contradicts' },
      { fromAnnotationId: 'o1', toAnnotationId: 'a2', kind: 'contradicts' },
    ]);
    expect(status()).toBe('Delete undone: the span is back with 2 links (pending review).');
    expect(q('[data-annotation-id="a2"]')).not.toBeNull();
  });

  it('says which links Undo could not make again (their other span was deleted since)', async () => {
    route('GET /api/v1/annotations/a1/links', () => json(200, { links: [otherLink] }));
    route('DELETE /api/v1/annotations/a1', () => json(204, null, { 'X-Links-Removed': '2' }));
    await render([assertion, denial], { linkCounts: { a1: 1 }, claimIds: {} });
    vi.stubGlobal('confirm', () => true);
    await openFromList('Iran hired');
    await click(button('Delete'));
    route('POST /api/v1/articles/art1/annotations', () => json(201, dto('a2', 'Iran hired four groups')));
    route('POST /api/v1/links', () => json(404, { error: { code: 'NOT_FOUND', message: 'Annotation not found' } }));
    await click(button('Undo delete'));
    // One link was read and could not be made; one more was made after the reader last counted.
    expect(status()).toBe('Delete undone: the span is back; its 2 links could not be made again.');
  });

  it('makes a claim from a span, and adds another span to an existing claim', async () => {
    route('GET /api/v1/annotations/a1/links', () => json(200, { links: [] }));
    route('GET /api/v1/annotations/d1/links', () => json(200, { links: [] }));
    route('POST /api/v1/claims', () => json(201, claimDto('c1', 'Iran hired four groups')));
    route('GET /api/v1/projects/p1/claims', () => json(200, { claims: [claimDto('c1', 'Iran hired four groups')] }));
    route('POST /api/v1/claims/c1/annotations', () => json(201, claimDto('c1', 'Iran hired four groups', 2)));
    await render([assertion, denial], { linkCounts: {}, claimIds: {} });

    let dialog = await openFromList('Iran hired');
    await click(button('New claim from span', dialog));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ url: '/api/v1/claims', body: { projectId: 'p1', annotationId: 'a1' } });
    const claimLink = q<HTMLAnchorElement>('[data-testid="span-claim"] a', dialog)!;
    expect(claimLink.getAttribute('href')).toBe('/claims/c1');
    expect(claimLink.textContent).toBe('Iran hired four groups');
    expect(button('Remove from claim', dialog)).toBeDefined();

    dialog = await openFromList('the claims baseless');
    await click(button('Add to claim…', dialog));
    await choose(q<HTMLSelectElement>('select[aria-label="Claim to add to"]', dialog)!, 'c1');
    await click(button('Add', dialog));
    expect(calls.at(-1)).toMatchObject({ method: 'POST', url: '/api/v1/claims/c1/annotations', body: { annotationId: 'd1' } });
    expect(q('[data-testid="span-claim"]', dialog)!.dataset.claimId).toBe('c1');
    expect(status()).toBe('Span added to the claim.');
  });

  it('lists suggested matches with marked words; dismissing one removes it; following one tags the sentence, then links it', async () => {
    const sentence = { sentenceId: 's1', articleId: 'art2', articleTitle: 'Embassy raided', outlet: 'Tech Monitor', ...at(OTHER, 'Rama said four groups enacted the aggression.'), score: 0.41 };
    const suggestions = [
      { ...sentence, text: sentence.exact, highlights: [[10, 14], [15, 21]] },
      { ...sentence, sentenceId: 's2', ...at(OTHER, 'Iran denied it.'), text: 'Iran denied it.', score: 0.2, highlights: [[0, 4]] },
    ];
    route('GET /api/v1/annotations/a1/links', () => json(200, { links: [] }));
    route('GET /api/v1/annotations/a1/suggestions?limit=10', () => json(200, suggestions));
    route('POST /api/v1/annotations/a1/suggestions/dismissals', () => json(201, {}));
    route('GET /api/v1/articles/art2', () => json(200, { article: { id: 'art2', textHash: 'h2' }, annotations: [] }));
    const made = dto('n1', 'Rama said four groups enacted the aggression.', { articleId: 'art2' }, OTHER);
    route('POST /api/v1/articles/art2/annotations', () => json(201, made));
    route('POST /api/v1/links', () => json(201, linkDto('l9', summary(assertion, 'Cyber Daily', 'Albania accuses Iran'), summary(made, 'Tech Monitor', 'Embassy raided'), 'corroborates')));
    await render([assertion], { linkCounts: {}, claimIds: {} });

    await click(button('Suggested matches', await openFromList('Iran hired')));
    const panel = q('section[aria-label="Suggested matches"]')!;
    expect(q('[role="dialog"]')).toBeNull();
    // The popover that had focus is gone: the keyboard goes on from the panel's title.
    expect(document.activeElement).toBe(q('h2', panel));
    expect(q('aside[aria-label="Spans"]')!.hidden).toBe(true);
    const items = () => [...panel.querySelectorAll<HTMLElement>('[data-testid="suggestion"]')];
    expect(items()).toHaveLength(2);
    expect([...items()[0].querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['four', 'groups']);
    expect(items()[0].textContent).toContain('score 0.41');

    await click(button('Dismiss', items()[1]));
    expect(calls.at(-1)).toMatchObject({ url: '/api/v1/annotations/a1/suggestions/dismissals', body: { sentenceId: 's2' } });
    expect(items()).toHaveLength(1);

    await click(button('Corroborates', items()[0]));
    const tagAs = q<HTMLSelectElement>('select[aria-label="Tag for the sentence"]', items()[0])!;
    expect(tagAs.value).toBe('assertion'); // the source span's tag, for a corroboration
    expect(document.activeElement).toBe(tagAs);
    await choose(tagAs, 'evidence');
    await click(button('Tag and link (corroborates)', items()[0]));
    const posts = calls.filter((c) => c.method === 'POST').slice(-2);
    expect(posts).toEqual([
      { method: 'POST', url: '/api/v1/articles/art2/annotations', body: { start: sentence.start, end: sentence.end, exact: sentence.exact, label: 'evidence' } },
      { method: 'POST', url: '/api/v1/links', body: { fromAnnotationId: 'a1', toAnnotationId: 'n1', kind: 'corroborates' } },
    ]);
    expect(items()[0].textContent).toContain('Linked: corroborates.');

    await click(button('Close suggestions'));
    expect(q('section[aria-label="Suggested matches"]')).toBeNull();
    expect(q('[data-testid="span-link-count"]')!.dataset.count).toBe('1');
  });

  it('links the open span to a span of another article in the compare view, then puts both in one claim', async () => {
    route('GET /api/v1/annotations/d1/links', () => json(200, { links: [] }));
    route('GET /api/v1/projects/p1/articles?perPage=200', () =>
      json(200, {
        articles: [
          { id: 'art1', outlet: 'Tech Monitor', title: 'This one' },
          { id: 'art2', outlet: 'Cyber Daily', title: 'Albania accuses Iran' },
        ],
        total: 2,
      }),
    );
    // Words typed in the finder ask the server: a corpus holds more articles than one list shows.
    route('GET /api/v1/projects/p1/articles?perPage=200&q=embassy+raid', () => json(200, { articles: [{ id: 'art3', outlet: 'Wire', title: 'Embassy raided' }], total: 1 }));
    const target = dto('t1', 'four groups enacted', { articleId: 'art2' }, OTHER);
    route('GET /api/v1/articles/art2', () => json(200, { article: { id: 'art2', textHash: 'h2', title: 'Albania accuses Iran', outlet: 'Cyber Daily', text: OTHER }, annotations: [target] }));
    route('POST /api/v1/links', () => json(201, linkDto('l5', summary(denial, 'Tech Monitor', 'This one'), summary(target, 'Cyber Daily', 'Albania accuses Iran'), 'contradicts')));
    route('POST /api/v1/claims', () => json(201, claimDto('c7', 'the claims baseless')));
    route('POST /api/v1/claims/c7/annotations', () => json(201, claimDto('c7', 'the claims baseless', 2)));
    const { loadSpanContext } = await render([assertion, denial], { linkCounts: {}, claimIds: {} });

    await click(button('Link…', await openFromList('the claims baseless')));
    const compare = q('section[aria-label="Compare"]')!;
    const chooser = q<HTMLSelectElement>('select', compare)!;
    expect(document.activeElement).toBe(chooser);
    // The project's other articles only.
    expect([...chooser.options].map((o) => o.textContent)).toEqual(['Choose an article', 'Cyber Daily — Albania accuses Iran']);
    const finder = q<HTMLInputElement>('input[type="search"]', compare)!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(finder, 'embassy raid');
      finder.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle(300);
    expect([...chooser.options].map((o) => o.textContent)).toEqual(['Choose an article', 'Wire — Embassy raided']);
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(finder, '');
      finder.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await settle(60);
    await choose(chooser, 'art2');
    await settle(80);
    expect(loadSpanContext).toHaveBeenCalledWith('art2');
    const second = q('[data-testid="compare-reader"]', compare)!;
    expect(second.dataset.highlightCount).toBe('1');
    expect(q('[data-testid="compare-text"]', compare)!.getAttribute('aria-label')).toBe('Compared article text');
    expect(button('Contradicts', compare)!.disabled).toBe(true);

    await click(q('[data-annotation-id="t1"]', second));
    expect(q('[data-testid="compare-target"]', compare)!.dataset.annotationId).toBe('t1');
    await click(button('Contradicts', compare));
    expect(calls.at(-1)).toMatchObject({ url: '/api/v1/links', body: { fromAnnotationId: 'd1', toAnnotationId: 't1', kind: 'contradicts' } });
    expect(q('[data-testid="compare-status"]')!.textContent).toBe('Linked: contradicts.');

    await click(button('Put both in the same claim', compare));
    expect(calls.slice(-2).map((c) => [c.url, c.body])).toEqual([
      ['/api/v1/claims', { projectId: 'p1', annotationId: 'd1' }],
      ['/api/v1/claims/c7/annotations', { annotationId: 't1' }],
    ]);
    expect(q('[data-testid="compare-status"]')!.textContent).toContain('Both spans are in the claim “the claims baseless”.');
    // Done: the bar says so instead of offering it again.
    expect(button('Put both in the same claim', compare)).toBeUndefined();
    expect(q('[data-testid="same-claim"]', compare)!.textContent).toBe('Both are in the same claim.');

    // Escape closes the compare view; the list shows the new link.
    await act(async () => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    await settle();
    expect(q('section[aria-label="Compare"]')).toBeNull();
    const badge = q('li[data-annotation-id="d1"] [data-testid="span-link-count"]')!;
    expect(badge.dataset.count).toBe('1');
  });

  it("asks before taking another analyst's span out of a claim", async () => {
    const theirs = dto('a1', 'Iran hired four groups', { author: { id: 'u2', name: 'Bo' } });
    route('GET /api/v1/annotations/a1/links', () => json(200, { links: [] }));
    route('GET /api/v1/projects/p1/claims', () => json(200, { claims: [claimDto('c1', 'Iran was behind it')] }));
    route('DELETE /api/v1/claims/c1/annotations/a1', () => json(204, null));
    await render([theirs], { linkCounts: {}, claimIds: { a1: 'c1' } });
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    const dialog = await openFromList('Iran hired');
    await click(button('Remove from claim', dialog));
    expect(confirm).toHaveBeenCalledWith("This span is Bo's. Take it out of the claim?");
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    confirm.mockReturnValue(true);
    await click(button('Remove from claim', dialog));
    expect(calls.filter((c) => c.method === 'DELETE')).toMatchObject([{ url: '/api/v1/claims/c1/annotations/a1' }]);
    expect(status()).toBe('Span removed from the claim.');
  });

  it('shows a reviewer the links and claim of a span but no way to change them', async () => {
    route('GET /api/v1/annotations/a1/links', () => json(200, { links: [otherLink] }));
    route('GET /api/v1/projects/p1/claims', () => json(200, { claims: [claimDto('c1', 'Iran was behind it')] }));
    await render([assertion], { linkCounts: { a1: 1 }, claimIds: { a1: 'c1' } }, false);
    const dialog = await openFromList('Iran hired');
    await settle();
    expect(q('[data-testid="span-claim"] a', dialog)!.textContent).toBe('Iran was behind it');
    for (const name of ['Remove from claim', 'Link…', 'Remove link to “Iran denied it”']) expect(button(name, dialog)).toBeUndefined();
    expect(button('Suggested matches', dialog)).toBeDefined();
  });
});
