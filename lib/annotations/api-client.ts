import type { AnnotationDto, ApiErrorBody, CreateAnnotationBody, UpdateAnnotationBody } from './dto';

/**
 * Browser-side calls to the annotations API. Same-origin fetch so the session
 * cookie goes along. Expected failures come back as values, not exceptions,
 * because the reader branches on them (409 means reload, not "show error").
 */

export type ApiFailure = {
  ok: false;
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string | string[]>;
};
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

export type ArticleWithAnnotations = {
  article: { id: string; textHash: string } & Record<string, unknown>;
  annotations: AnnotationDto[];
};

export function createAnnotation(articleId: string, body: CreateAnnotationBody): Promise<ApiResult<AnnotationDto>> {
  return request(`/api/v1/articles/${encodeURIComponent(articleId)}/annotations`, { method: 'POST', body });
}

export function updateAnnotation(id: string, body: UpdateAnnotationBody): Promise<ApiResult<AnnotationDto>> {
  return request(`/api/v1/annotations/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

/**
 * 204; the server says in `X-Links-Removed` how many links went with the span (0 if it does not say).
 * With `ifUnchanged` (an undo), only if the span is still at that version and nothing links to it (else 409).
 */
export async function deleteAnnotation(id: string, ifUnchanged?: { version: number }): Promise<ApiResult<{ linksRemoved: number }>> {
  const query = ifUnchanged ? `?version=${ifUnchanged.version}&unlinked=true` : '';
  const res = await send(`/api/v1/annotations/${encodeURIComponent(id)}${query}`, { method: 'DELETE' });
  if (!(res instanceof Response)) return res;
  if (!res.ok) return toFailure(res.status, await res.json().catch(() => null));
  const removed = Number(res.headers.get('x-links-removed') ?? 0);
  return { ok: true, data: { linksRemoved: Number.isInteger(removed) && removed > 0 ? removed : 0 } };
}

export function fetchArticle(articleId: string): Promise<ApiResult<ArticleWithAnnotations>> {
  return request(`/api/v1/articles/${encodeURIComponent(articleId)}`, { method: 'GET' });
}

type CallInit = { method: string; body?: unknown };

/** The raw response, or a NETWORK failure when the server could not be reached. */
async function send(url: string, init: CallInit): Promise<Response | ApiFailure> {
  try {
    return await fetch(url, {
      method: init.method,
      credentials: 'same-origin',
      headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return { ok: false, status: 0, code: 'NETWORK', message: 'Could not reach the server. Check your connection and try again.' };
  }
}

/**
 * One same-origin JSON call; expected failures come back as values. Exported
 * for the other browser-side clients (lib/cross-source/api-client.ts).
 */
export async function request<T>(url: string, init: CallInit): Promise<ApiResult<T>> {
  const res = await send(url, init);
  if (!(res instanceof Response)) return res;
  if (res.status === 204) return { ok: true, data: null as T };
  const payload: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: payload as T };
  return toFailure(res.status, payload);
}

function toFailure(status: number, payload: unknown): ApiFailure {
  const error = (payload as Partial<ApiErrorBody> | null)?.error;
  if (error && typeof error.message === 'string') {
    return { ok: false, status, code: String(error.code ?? 'ERROR'), message: error.message, fields: error.fields };
  }
  return { ok: false, status, code: 'ERROR', message: `Request failed (${status}).` };
}
