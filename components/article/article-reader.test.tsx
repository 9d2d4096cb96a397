// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/dto';
import { ArticleReader } from './article-reader';

// The reader refreshes the page around it when the article is opened for comparison; no App Router here.
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => {} }) }));

// Renders the real reader (Tiptap editor included) into jsdom and drives it
// the way a user would, with fetch stubbed.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// Layout APIs jsdom lacks; ProseMirror's mouse handling and scrolling call them.
Element.prototype.scrollIntoView ??= () => {};
document.elementFromPoint ??= () => null;

const TEXT = 'Le ministre 😀 a nié les faits.\n\nLa police a publié un rapport 🇫🇷 hier.';
const cps = (s: string) => [...s].length;
const at = (exact: string) => {
  const unit = TEXT.indexOf(exact);
  return { start: cps(TEXT.slice(0, unit)), end: cps(TEXT.slice(0, unit)) + cps(exact), exact };
};

function dto(id: string, exact: string, overrides: Partial<AnnotationDto> = {}): AnnotationDto {
  return {
    id,
    articleId: 'art1',
    label: 'assertion',
    note: null,
    speaker: null,
    ...at(exact),
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

type Call = { url: string; method: string; body: unknown };
let calls: Call[];
let replies: Array<(call: Call) => Response>;
let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  calls = [];
  replies = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const call = { url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      const reply = replies.shift();
      if (!reply) throw new Error(`unexpected ${call.method} ${url}`);
      return reply(call);
    }),
  );
  container = document.createElement('div');
  document.body.appendChild(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
  document.getSelection()?.removeAllRanges();
});

const json = (status: number, body: unknown) =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function settle(ms = 40) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

async function render(annotations: AnnotationDto[], canAnnotate = true) {
  root = createRoot(container);
  await act(async () => {
    root.render(
      <ArticleReader
        articleId="art1"
        text={TEXT}
        textHash="h"
        initialAnnotations={annotations}
        canAnnotate={canAnnotate}
        currentUserId="u1"
      />,
    );
  });
  await settle();
  return container.querySelector<HTMLElement>('[data-testid="article-reader"]')!;
}

const q = <T extends Element = HTMLElement>(sel: string) => container.querySelector<T>(sel);
const byName = (role: string, name: string) =>
  [...container.querySelectorAll<HTMLElement>(role)].find((el) => (el.getAttribute('aria-label') ?? el.textContent?.trim()) === name);

/** Selects `exact` (within one paragraph) the way a drag would, then lets the reader see it. */
async function select(exact: string) {
  const text = q('[data-testid="article-text"]')!;
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const i = node.data.indexOf(exact);
    if (i === -1) continue;
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + exact.length);
    const sel = document.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    document.dispatchEvent(new Event('selectionchange'));
    await settle();
    return;
  }
  throw new Error(`text not found: ${exact}`);
}

function click(el: Element) {
  return act(async () => {
    // A real click collapses whatever was selected before.
    if (el.closest('[data-testid="article-text"]')) document.getSelection()?.removeAllRanges();
    el.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  });
}

describe('ArticleReader', () => {
  it('draws every resolvable span and flags the rest, then reports readiness', async () => {
    const reader = await render([
      dto('b', 'La police'),
      dto('a', 'ministre 😀 a nié', { label: 'denial', status: 'approved' }),
      dto('stale', 'Le ministre', { start: 1, end: 12 }),
    ]);
    expect(reader.dataset.highlightsReady).toBe('true');
    expect(reader.dataset.highlightCount).toBe('2');
    const hl = q('.article-reader__text [data-annotation-id="a"]')!;
    expect(hl.textContent).toBe('ministre 😀 a nié');
    expect(hl.dataset.label).toBe('denial');
    expect(hl.dataset.status).toBe('approved');
    expect(hl.className).toContain('span-hl--approved');
    // Text order in the side list, orphan included and marked.
    const items = [...container.querySelectorAll<HTMLElement>('aside[aria-label="Spans"] li')];
    expect(items.map((li) => li.dataset.annotationId)).toEqual(['stale', 'a', 'b']);
    expect(items[0].textContent).toContain('Text changed');
    expect(q('[data-testid="article-text"]')!.textContent).toBe(TEXT.replace(/\n/g, ''));
  });

  it('tags a selection from the toolbar, trimming the trailing space, with speaker and note', async () => {
    await render([]);
    await select('a publié un ');
    expect(q('[role="toolbar"]')).not.toBeNull();
    const speaker = byName('input', 'Speaker') as HTMLInputElement;
    const note = byName('textarea', 'Note') as HTMLTextAreaElement;
    expect(speaker && note).toBeTruthy();
    await act(async () => {
      for (const [el, value] of [[speaker, ' Police '], [note, 'check']] as const) {
        Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')!.set!.call(el, value);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    const { start, end, exact } = at('a publié un');
    replies.push(() => json(201, dto('n1', 'a publié un', { speaker: 'Police', note: 'check' })));
    await click(byName('button', 'Assertion')!);
    await settle();
    expect(calls).toEqual([
      {
        url: '/api/v1/articles/art1/annotations',
        method: 'POST',
        body: { start, end, exact, label: 'assertion', speaker: 'Police', note: 'check' },
      },
    ]);
    expect(q('[data-testid="reader-status"]')!.textContent).toBe('Assertion added.');
    expect(q('.article-reader__text [data-annotation-id="n1"]')!.textContent).toBe('a publié un');
    expect(q('[data-testid="article-reader"]')!.dataset.highlightCount).toBe('1');
    expect(q('[role="toolbar"]')).toBeNull();
  });

  it('tags with keys 1/2/3 and shows API errors in the status region', async () => {
    await render([]);
    await select('rapport 🇫🇷');
    replies.push(() => json(422, { error: { code: 'VALIDATION', message: 'That span is too long.', fields: {} } }));
    await act(async () => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: '3', bubbles: true, cancelable: true }));
    });
    await settle();
    expect(calls[0].body).toMatchObject({ label: 'evidence', ...at('rapport 🇫🇷') });
    expect(q('[data-testid="reader-status"]')!.textContent).toBe('That span is too long.');
    expect(q('[role="toolbar"]')).not.toBeNull();
    await act(async () => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    await settle();
    expect(q('[role="toolbar"]')).toBeNull();
  });

  it('opens the innermost of overlapping spans on click, saves, and reloads on a version conflict', async () => {
    const outer = dto('outer', 'ministre 😀 a nié les faits');
    const inner = dto('inner', 'a nié', { label: 'denial', author: { id: 'u2', name: 'Bo' } });
    await render([outer, inner]);
    const innerEl = q('.article-reader__text [data-annotation-id="inner"]')!;
    expect(innerEl.parentElement!.closest('[data-annotation-id="outer"]')).not.toBeNull();
    await click(innerEl);
    const dialog = q('[role="dialog"][aria-label="Span"]')!;
    expect(dialog.dataset.annotationId).toBe('inner');
    expect(dialog.textContent).toContain('Bo');

    const tag = byName('select', 'Tag') as HTMLSelectElement;
    await act(async () => {
      tag.value = 'evidence';
      tag.dispatchEvent(new Event('change', { bubbles: true }));
    });
    replies.push(() => json(409, { error: { code: 'CONFLICT', message: 'Stale version' } }));
    replies.push(() =>
      json(200, { article: { id: 'art1', textHash: 'h' }, annotations: [outer, { ...inner, version: 2, note: 'theirs' }] }),
    );
    await click(byName('button', 'Save')!);
    await settle();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['PATCH /api/v1/annotations/inner', 'GET /api/v1/articles/art1']);
    expect(calls[0].body).toEqual({ label: 'evidence', note: null, speaker: null, version: 1 });
    expect(q('[data-testid="reader-status"]')!.textContent).toBe('This span was changed by someone else; reloaded.');
    // Still open, now showing their version.
    expect((byName('textarea', 'Note') as HTMLTextAreaElement).value).toBe('theirs');

    replies.push(() => json(200, { ...inner, version: 3, label: 'evidence', note: 'theirs' }));
    await click(byName('button', 'Save')!);
    await settle();
    expect(calls[2].body).toMatchObject({ version: 2 });
    expect(q('[role="dialog"]')).toBeNull();
    expect(q('.article-reader__text [data-annotation-id="inner"]')!.dataset.label).toBe('evidence');
  });

  it('opens a span from the side list and deletes it', async () => {
    await render([dto('a', 'La police'), dto('b', 'Le ministre')]);
    const item = [...container.querySelectorAll<HTMLButtonElement>('aside[aria-label="Spans"] button')].find((b) =>
      b.textContent!.includes('La police'),
    )!;
    await click(item);
    expect(q('[role="dialog"]')!.dataset.annotationId).toBe('a');
    expect(q('.article-reader__text [data-annotation-id="a"]')!.className).toContain('span-hl--active');
    replies.push(() => json(204, null));
    await click(byName('button', 'Delete')!);
    await settle();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['DELETE /api/v1/annotations/a']);
    expect(q('[data-annotation-id="a"]')).toBeNull();
    expect(q('[role="dialog"]')).toBeNull();
    expect(q('[data-testid="reader-status"]')!.textContent).toBe('Span deleted.');
  });

  it('offers no toolbar or edit form to someone who cannot annotate', async () => {
    await render([dto('a', 'La police')], false);
    await select('rapport');
    expect(q('[role="toolbar"]')).toBeNull();
    await click(q('.article-reader__text [data-annotation-id="a"]')!);
    expect(q('[role="dialog"]')).not.toBeNull();
    expect(byName('button', 'Save')).toBeUndefined();
  });
});
