import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAnnotation, deleteAnnotation, updateAnnotation } from './api-client';

const reply = (status: number, body?: string) => vi.fn(async () => new Response(body ?? null, { status }));

afterEach(() => vi.unstubAllGlobals());

describe('api-client', () => {
  it('posts JSON with the session cookie and returns the created span', async () => {
    const fetch = reply(201, JSON.stringify({ id: 'a1' }));
    vi.stubGlobal('fetch', fetch);
    const res = await createAnnotation('art/1', { start: 1, end: 4, label: 'denial' });
    expect(res).toEqual({ ok: true, data: { id: 'a1' } });
    expect(fetch).toHaveBeenCalledWith('/api/v1/articles/art%2F1/annotations', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"start":1,"end":4,"label":"denial"}',
    });
  });

  it('passes on the server message, code and fields of an error', async () => {
    vi.stubGlobal('fetch', reply(409, JSON.stringify({ error: { code: 'CONFLICT', message: 'Stale version', fields: { version: 'old' } } })));
    expect(await updateAnnotation('a1', { label: 'evidence', note: null, speaker: null, version: 1 })).toEqual({
      ok: false,
      status: 409,
      code: 'CONFLICT',
      message: 'Stale version',
      fields: { version: 'old' },
    });
  });

  it('treats 204 as success and survives non-JSON errors and network failures', async () => {
    vi.stubGlobal('fetch', reply(204));
    expect(await deleteAnnotation('a1')).toEqual({ ok: true, data: { linksRemoved: 0 } });
    vi.stubGlobal('fetch', reply(502, '<html>Bad gateway</html>'));
    expect(await deleteAnnotation('a1')).toMatchObject({ ok: false, status: 502, message: 'Request failed (502).' });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    expect(await deleteAnnotation('a1')).toMatchObject({ ok: false, status: 0, code: 'NETWORK' });
  });

  it('reports how many links went with a deleted span', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204, headers: { 'X-Links-Removed': '2' } })));
    expect(await deleteAnnotation('a1')).toEqual({ ok: true, data: { linksRemoved: 2 } });
  });
});
