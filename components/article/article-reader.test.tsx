// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/dto';
import type { ProjectRole } from '@/lib/auth/can';
import { ArticleReader } from './article-reader';
import './jsdom-layout';

// The reader refreshes the page around it when the article is opened for comparison; no App Router here.
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => {} }) }));

// Renders the real reader (Tiptap editor included) into jsdom and drives it
// the way a user would, with fetch stubbed.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

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

async function render(annotations: AnnotationDto[], canAnnotate = true, { canReview = false, isAdmin = false }: { canReview?: boolean; isAdmin?: boolean } = {}) {
  const roles: ProjectRole[] = [...(canAnnotate ? ['analyst' as const] : []), ...(canReview ? ['reviewer' as const] : []), ...(isAdmin ? ['admin' as const] : [])];
  root = createRoot(container);
  await act(async () => {
    root.render(
      <ArticleReader
        articleId="art1"
        text={TEXT}
        textHash="h"
        initialAnnotations={annotations}
        roles={roles}
        currentUserId="u1"
      />,
    );
  });
  await settle();
  return container.querySelector<HTMLElement>('[data-testid="article-reader"]')!;
}

const q = <T extends Element = HTMLElement>(sel: string) => container.querySelector<T>(sel);
// The name as screen readers take it: aria-label, else the text without aria-hidden parts (the toolbar's key hints).
const visibleText = (el: Element): string =>
  [...el.childNodes].map((n) => (n instanceof Element ? (n.getAttribute('aria-hidden') === 'true' ? '' : visibleText(n)) : n.textContent)).join('');
const byName = (role: string, name: string) =>
  [...container.querySelectorAll<HTMLElement>(role)].find((el) => (el.getAttribute('aria-label') ?? visibleText(el).trim()) === name);

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

/** Sets a form control's value the way typing does, so React's onChange sees it. */
function setValue(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const proto = Object.getPrototypeOf(el) as object;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

const pick = (name: string, value: string) => act(async () => setValue(byName('select', name) as HTMLSelectElement, value));
const type = (name: string, value: string) => act(async () => setValue(byName('textarea', name) as HTMLTextAreaElement, value));

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

  it("refuses to tag words the analyst already tagged with that tag (a second key press), sending nothing; another tag is fine", async () => {
    const { start, end } = at('a publié un');
    await render([dto('k', 'a publié un', { label: 'denial', author: { id: 'u1', name: 'Me' } })]);
    await select('a publié un');
    await act(async () => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true, cancelable: true }));
    });
    await settle();
    expect(calls).toEqual([]);
    expect(q('[data-testid="reader-status"]')!.textContent).toBe('You already tagged these words as denial.');
    replies.push(() => json(201, dto('n1', 'a publié un', { label: 'evidence' })));
    await select('a publié un');
    await act(async () => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: '3', bubbles: true, cancelable: true }));
    });
    await settle();
    expect(calls).toEqual([{ url: '/api/v1/articles/art1/annotations', method: 'POST', body: { start, end, exact: 'a publié un', label: 'evidence' } }]);
  });

  it('refuses only the very same words: a same-tag span inside one of your own, or words another analyst tagged, are sent', async () => {
    // What README promises: nested same-tag spans are allowed by design, and the twin check is per analyst.
    await render([
      dto('k', 'a publié un', { label: 'denial', author: { id: 'u1', name: 'Me' } }),
      dto('o', 'rapport', { label: 'denial', author: { id: 'u2', name: 'Other' } }),
    ]);
    for (const [id, words] of [['n1', 'publié'], ['n2', 'rapport']]) {
      replies.push(() => json(201, dto(id, words, { label: 'denial' })));
      await select(words);
      await act(async () => {
        document.dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true, cancelable: true }));
      });
      await settle();
    }
    expect(calls.map((c) => (c.body as { exact: string }).exact)).toEqual(['publié', 'rapport']);
  });

  it('tags from the Speaker field with Alt+2 (by the key, whatever character Option+2 types), speaker included', async () => {
    await render([]);
    await select('a publié un');
    const speaker = byName('input', 'Speaker') as HTMLInputElement;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(speaker, 'Police');
      speaker.dispatchEvent(new Event('input', { bubbles: true }));
    });
    replies.push(() => json(201, dto('n1', 'a publié un', { label: 'denial', speaker: 'Police' })));
    await act(async () => {
      speaker.dispatchEvent(new KeyboardEvent('keydown', { key: '™', code: 'Digit2', altKey: true, bubbles: true, cancelable: true }));
    });
    await settle();
    expect(calls).toEqual([{ url: '/api/v1/articles/art1/annotations', method: 'POST', body: { ...at('a publié un'), label: 'denial', speaker: 'Police' } }]);
    expect(q('[data-testid="reader-status"]')!.textContent).toBe('Denial added.');
  });

  it('undoes tagging, an edit and a deletion, newest first, with Ctrl+Z or the Undo button', async () => {
    const kept = dto('k', 'La police', { status: 'approved', speaker: 'Préfet' });
    await render([kept]);
    const status = () => q('[data-testid="reader-status"]')!.textContent;
    const ctrlZ = () =>
      act(async () => {
        document.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true }));
      });
    expect(byName('button', 'Undo tagging')).toBeUndefined();

    // 1. Tag, 2. edit the kept span, 3. delete it.
    await select('rapport 🇫🇷');
    replies.push(() => json(201, dto('n1', 'rapport 🇫🇷', { label: 'evidence' })));
    await act(async () => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: '3', bubbles: true, cancelable: true }));
    });
    await settle();
    await click(q('.article-reader__text [data-annotation-id="k"]')!);
    await pick('Tag', 'denial');
    replies.push(() => json(200, { ...kept, label: 'denial', status: 'pending', version: 2 }));
    await click(byName('button', 'Save')!);
    await settle();
    await click(q('.article-reader__text [data-annotation-id="k"]')!);
    replies.push(() => new Response(null, { status: 204, headers: { 'x-links-removed': '1' } }));
    await click(byName('button', 'Delete')!);
    await settle();
    expect(q('.article-reader__text [data-annotation-id="k"]')).toBeNull();

    // Undo the deletion: the same words, tag and speaker again, as a new pending span.
    replies.push(() => json(201, dto('k2', 'La police', { label: 'denial', speaker: 'Préfet' })));
    await click(byName('button', 'Undo delete')!);
    await settle();
    expect(calls.at(-1)).toEqual({ url: '/api/v1/articles/art1/annotations', method: 'POST', body: { ...at('La police'), label: 'denial', speaker: 'Préfet' } });
    expect(status()).toBe('Delete undone: the span is back; its link could not be made again.');
    expect(q('.article-reader__text [data-annotation-id="k2"]')).not.toBeNull();

    // The edit, on the restored span: its old tag comes back.
    replies.push(() => json(200, dto('k2', 'La police', { label: 'assertion', speaker: 'Préfet', version: 2 })));
    await ctrlZ();
    await settle();
    expect(calls.at(-1)).toEqual({ url: '/api/v1/annotations/k2', method: 'PATCH', body: { label: 'assertion', speaker: 'Préfet', note: null, version: 1 } });
    expect(status()).toBe('Edit undone; the span stays pending review (it was approved).');
    expect(q('.article-reader__text [data-annotation-id="k2"]')!.dataset.label).toBe('assertion');

    // The tagging: its span is deleted.
    replies.push(() => new Response(null, { status: 204 }));
    await ctrlZ();
    await settle();
    // Only if the span is still as it was tagged.
    expect(calls.at(-1)).toMatchObject({ url: '/api/v1/annotations/n1?version=1&unlinked=true', method: 'DELETE' });
    expect(status()).toBe('Tagging undone: the span is deleted.');
    expect(q('.article-reader__text [data-annotation-id="n1"]')).toBeNull();
    expect(byName('button', 'Undo tagging')).toBeUndefined();
    expect(container.querySelector('.article-reader__status-row button')).toBeNull();
  });

  it('refuses to undo tagging a span someone changed since, and then forgets the older steps', async () => {
    await render([]);
    for (const [id, words] of [['t1', 'Le ministre'], ['t2', 'les faits']]) {
      await select(words);
      replies.push(() => json(201, dto(id, words)));
      await act(async () => {
        document.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true, cancelable: true }));
      });
      await settle();
    }
    // A reviewer approved t2 meanwhile: the conditional delete is refused.
    replies.push(() => json(409, { error: { code: 'CONFLICT', message: 'This span was changed by someone else (now version 2, you sent 1)' } }));
    byName('button', 'Undo tagging')!.focus();
    await click(byName('button', 'Undo tagging')!);
    await settle();
    // The button is gone; focus is back in the text, not on the page.
    expect(document.activeElement).toBe(q('[data-testid="article-text"]'));
    expect(calls.at(-1)).toMatchObject({ url: '/api/v1/annotations/t2?version=1&unlinked=true', method: 'DELETE' });
    expect(q('[data-testid="reader-status"]')!.textContent).toBe(
      'Not undone: the span was changed or linked since you tagged it. Earlier steps can no longer be undone.',
    );
    expect(q('.article-reader__text [data-annotation-id="t2"]')).not.toBeNull();
    expect(container.querySelector('.article-reader__status-row button')).toBeNull();
    const sent = calls.length;
    await act(async () => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true }));
    });
    await settle();
    expect(calls).toHaveLength(sent);
  });

  it('undoes an edit by saving the old tag, speaker and note against the new version; Ctrl+Z in a form field is left to the field', async () => {
    const span = dto('s', 'La police', { status: 'approved', note: 'first' });
    await render([span]);
    await click(q('.article-reader__text [data-annotation-id="s"]')!);
    await pick('Tag', 'evidence');
    await type('Note', 'second');
    replies.push(() => json(200, { ...span, label: 'evidence', note: 'second', status: 'pending', version: 2 }));
    await click(byName('button', 'Save')!);
    await settle();
    await select('rapport');
    const note = byName('textarea', 'Note') as HTMLTextAreaElement;
    await act(async () => {
      note.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true }));
    });
    await settle();
    expect(calls).toHaveLength(1);
    replies.push(() => json(200, { ...span, status: 'pending', version: 3 }));
    await click(byName('button', 'Undo edit')!);
    await settle();
    expect(calls[1]).toEqual({ url: '/api/v1/annotations/s', method: 'PATCH', body: { label: 'assertion', speaker: null, note: 'first', version: 2 } });
    expect(q('[data-testid="reader-status"]')!.textContent).toBe('Edit undone; the span stays pending review (it was approved).');
    expect(q('.article-reader__text [data-annotation-id="s"]')!.dataset.label).toBe('assertion');
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

  it('opens the innermost of overlapping spans on click; a conflict keeps the typing until the analyst chooses', async () => {
    const outer = dto('outer', 'ministre 😀 a nié les faits');
    const inner = dto('inner', 'a nié', { label: 'denial', author: { id: 'u2', name: 'Bo' } });
    // An admin: may edit Bo's span.
    await render([outer, inner], true, { isAdmin: true });
    const innerEl = q('.article-reader__text [data-annotation-id="inner"]')!;
    expect(innerEl.parentElement!.closest('[data-annotation-id="outer"]')).not.toBeNull();
    await click(innerEl);
    const dialog = q('[role="dialog"][aria-label="Span"]')!;
    expect(dialog.dataset.annotationId).toBe('inner');
    expect(dialog.textContent).toContain('Bo');

    await pick('Tag', 'evidence');
    replies.push(() => json(409, { error: { code: 'CONFLICT', message: 'Stale version' } }));
    replies.push(() =>
      json(200, { article: { id: 'art1', textHash: 'h' }, annotations: [outer, { ...inner, version: 2, note: 'theirs' }] }),
    );
    await click(byName('button', 'Save')!);
    await settle();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['PATCH /api/v1/annotations/inner', 'GET /api/v1/articles/art1']);
    expect(calls[0].body).toEqual({ label: 'evidence', note: null, speaker: null, version: 1 });
    expect(q('[data-testid="reader-status"]')!.textContent).toBe('This span was changed by someone else; reloaded.');
    // Still open, the typing kept, and the change named; Save waits for a choice.
    expect(q('[data-testid="changed-elsewhere"]')!.textContent).toContain('Your unsaved changes are kept');
    expect((byName('select', 'Tag') as HTMLSelectElement).value).toBe('evidence');
    expect((byName('textarea', 'Note') as HTMLTextAreaElement).value).toBe('');
    expect((byName('button', 'Save') as HTMLButtonElement).disabled).toBe(true);

    // Discarding shows their version, which can then be edited and saved against it.
    await click(byName('button', 'Discard mine')!);
    expect(q('[data-testid="changed-elsewhere"]')).toBeNull();
    expect((byName('textarea', 'Note') as HTMLTextAreaElement).value).toBe('theirs');
    expect((byName('select', 'Tag') as HTMLSelectElement).value).toBe('denial');
    await pick('Tag', 'evidence');
    replies.push(() => json(200, { ...inner, version: 3, label: 'evidence', note: 'theirs' }));
    await click(byName('button', 'Save')!);
    await settle();
    expect(calls[2].body).toEqual({ label: 'evidence', note: 'theirs', speaker: null, version: 2 });
    expect(q('[role="dialog"]')).toBeNull();
    expect(q('.article-reader__text [data-annotation-id="inner"]')!.dataset.label).toBe('evidence');
  });

  it('"Keep mine" saves the typing over the other change, against its version, keeping their change to a field not typed in', async () => {
    const span = dto('s', 'La police');
    await render([span]);
    await click(q('.article-reader__text [data-annotation-id="s"]')!);
    await type('Note', 'mine');
    replies.push(() => json(409, { error: { code: 'CONFLICT', message: 'Stale version' } }));
    replies.push(() => json(200, { article: { id: 'art1', textHash: 'h' }, annotations: [{ ...span, version: 4, speaker: 'Theirs' }] }));
    await click(byName('button', 'Save')!);
    await settle();
    expect((byName('textarea', 'Note') as HTMLTextAreaElement).value).toBe('mine');
    await click(byName('button', 'Keep mine')!);
    replies.push(() => json(200, { ...span, version: 5, note: 'mine' }));
    await click(byName('button', 'Save')!);
    await settle();
    // The speaker was not touched here: theirs stays (it went back to null before).
    expect(calls[2]).toMatchObject({ method: 'PATCH', body: { note: 'mine', speaker: 'Theirs', version: 4 } });
    expect(q('[role="dialog"]')).toBeNull();
  });

  it('tells a reviewer who presses 1/2/3 on a selection why nothing is tagged, and sends nothing', async () => {
    await render([], false, { canReview: true });
    await select('rapport 🇫🇷');
    await act(async () => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true, cancelable: true }));
    });
    await settle();
    expect(calls).toEqual([]);
    expect(q('[data-testid="reader-status"]')!.textContent).toBe('Only analysts and admins of this project tag spans; reviewers approve and reject them.');
  });

  it('says before and after saving that an edit sends an approved span back to review', async () => {
    const span = dto('s', 'La police', { status: 'approved' });
    await render([span]);
    await click(q('.article-reader__text [data-annotation-id="s"]')!);
    expect(q('[data-testid="back-to-review"]')).toBeNull();
    await type('Note', 'checked twice');
    expect(q('[data-testid="back-to-review"]')!.textContent).toBe('Saving sends this approved span back to review.');
    replies.push(() => json(200, { ...span, version: 2, status: 'pending', note: 'checked twice' }));
    await click(byName('button', 'Save')!);
    await settle();
    expect(q('[data-testid="reader-status"]')!.textContent).toBe('Span saved; it was approved and is pending review again.');
  });

  it("shows another analyst's span read-only: no Save or Delete to fail later", async () => {
    await render([dto('b', 'La police', { author: { id: 'u2', name: 'Bo' }, note: 'from Bo' })]);
    await click(q('.article-reader__text [data-annotation-id="b"]')!);
    expect(q('[role="dialog"]')!.textContent).toContain('from Bo');
    expect(byName('button', 'Save')).toBeUndefined();
    expect(byName('button', 'Delete')).toBeUndefined();
    expect(q('[data-testid="review-controls"]')).toBeNull();
  });

  it("dates a span in the popover as Activity does, in UTC, not in the browser's locale", async () => {
    await render([dto('t', 'La police', { createdAt: '2026-11-22T03:38:09.000Z' })]);
    await click(q('.article-reader__text [data-annotation-id="t"]')!);
    const time = q('[role="dialog"] .span-popover__meta time')!;
    expect(time.textContent).toBe('2026-11-22 03:38:09 UTC');
    expect(time.getAttribute('datetime')).toBe('2026-11-22T03:38:09.000Z');
  });

  it('lets a reviewer approve and reject from the popover, a rejection with its reason (Enter sends)', async () => {
    const span = dto('b', 'La police', { author: { id: 'u2', name: 'Bo' } });
    await render([span], false, { canReview: true });
    await click(q('.article-reader__text [data-annotation-id="b"]')!);
    replies.push(() => json(200, { ...span, version: 2, status: 'approved' }));
    await click(byName('button', 'Approve span “La police”')!);
    await settle();
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/annotations/b/review', body: { decision: 'approve', version: 1 } });
    expect(q('[data-testid="reader-status"]')!.textContent).toBe('Span approved.');
    expect(q('[role="dialog"] .span-status')!.textContent).toBe('Approved');
    expect(byName('button', 'Approve span “La police”')).toBeUndefined();

    await click(byName('button', 'Reject span “La police”…')!);
    replies.push(() => json(200, { ...span, version: 3, status: 'rejected', reviewComment: 'Not what the source says', reviewedBy: { id: 'u3', name: 'Rita Reviewer' } }));
    const reason = q<HTMLTextAreaElement>('.review-controls__reject textarea')!;
    await act(async () => {
      setValue(reason, 'Not what the source says');
      reason.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    await settle();
    expect(calls[1]).toMatchObject({ url: '/api/v1/annotations/b/review', body: { decision: 'reject', comment: 'Not what the source says', version: 2 } });
    expect(q('[data-testid="review-comment"]')!.textContent).toBe('Rejected by Rita Reviewer: Not what the source says');
  });

  it('offers no review controls on your own span', async () => {
    await render([dto('mine', 'La police')], true, { canReview: true });
    await click(q('.article-reader__text [data-annotation-id="mine"]')!);
    expect(q('[data-testid="review-controls"]')).toBeNull();
    expect(byName('button', 'Save')).toBeDefined();
  });

  it('filters the side list by tag, status and author, and says how many of how many', async () => {
    await render([
      dto('a', 'Le ministre'),
      dto('b', 'a nié les faits', { label: 'denial', status: 'approved', author: { id: 'u2', name: 'Bo' } }),
      dto('c', 'La police', { label: 'denial' }),
      dto('d', 'un rapport', { label: 'evidence', status: 'rejected', author: { id: 'u2', name: 'Bo' } }),
    ]);
    const listed = () => [...container.querySelectorAll<HTMLElement>('[data-testid="span-list-item"]')].map((li) => li.dataset.annotationId);
    const count = () => q('[data-testid="span-list-count"]')!.textContent;
    expect(listed()).toEqual(['a', 'b', 'c', 'd']);
    expect(count()).toBe('4');
    await pick('Filter by tag', 'denial');
    expect(listed()).toEqual(['b', 'c']);
    expect(count()).toBe('2 of 4');
    await pick('Filter by status', 'approved');
    expect(listed()).toEqual(['b']);
    await act(async () => (q<HTMLInputElement>('[aria-label="Filter spans"] input[type="checkbox"]')!).click());
    expect(listed()).toEqual([]);
    expect(q('aside[aria-label="Spans"]')!.textContent).toContain('No spans match these filters.');
    await click(byName('button', 'Show all')!);
    expect(listed()).toEqual(['a', 'b', 'c', 'd']);
    expect(count()).toBe('4');
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
