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

export function deleteAnnotation(id: string): Promise<ApiResult<null>> {
  return request(`/api/v1/annotations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function fetchArticle(articleId: string): Promise<ApiResult<ArticleWithAnnotations>> {
  return request(`/api/v1/articles/${encodeURIComponent(articleId)}`, { method: 'GET' });
}

async function request<T>(url: string, init: { method: string; body?: unknown }): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      credentials: 'same-origin',
      headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return { ok: false, status: 0, code: 'NETWORK', message: 'Could not reach the server. Check your connection and try again.' };
  }
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
