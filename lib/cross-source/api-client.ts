import { request, type ApiResult } from '@/lib/annotations/api-client';
import type { ArticleSummaryDto } from '@/lib/articles/list-articles';
import type { ClaimDto } from '@/lib/claims/dto';
import type { LinkDto, LinkKind } from '@/lib/links/dto';
import type { SuggestionDto } from '@/lib/suggestions/dto';

/**
 * Browser-side calls for links, claims and suggested matches (issue 3).
 * Same conventions as lib/annotations/api-client.ts, whose `request` they
 * share: failures are values, because the reader branches on 409s.
 */

const enc = encodeURIComponent;

/** A page of the project's articles (the list's order), those matching `q` if given, with how many match in all. */
export function fetchProjectArticles(projectId: string, q = ''): Promise<ApiResult<{ articles: ArticleSummaryDto[]; total: number }>> {
  const query = new URLSearchParams({ perPage: String(ARTICLE_CHOICES), ...(q.trim() && { q: q.trim() }) });
  return request(`/api/v1/projects/${enc(projectId)}/articles?${query}`, { method: 'GET' });
}

/** How many articles the "Compare with" list offers at once; words narrow it. */
export const ARTICLE_CHOICES = 200;

export function fetchSpanLinks(annotationId: string): Promise<ApiResult<{ links: LinkDto[] }>> {
  return request(`/api/v1/annotations/${enc(annotationId)}/links`, { method: 'GET' });
}

export function createLink(fromAnnotationId: string, toAnnotationId: string, kind: LinkKind): Promise<ApiResult<LinkDto>> {
  return request('/api/v1/links', { method: 'POST', body: { fromAnnotationId, toAnnotationId, kind } });
}

export function deleteLink(linkId: string): Promise<ApiResult<null>> {
  return request(`/api/v1/links/${enc(linkId)}`, { method: 'DELETE' });
}

export function fetchProjectClaims(projectId: string): Promise<ApiResult<{ claims: ClaimDto[] }>> {
  return request(`/api/v1/projects/${enc(projectId)}/claims`, { method: 'GET' });
}

/** A claim worded after the span, with the span attached. */
export function createClaimFromSpan(projectId: string, annotationId: string): Promise<ApiResult<ClaimDto>> {
  return request('/api/v1/claims', { method: 'POST', body: { projectId, annotationId } });
}

export function attachToClaim(claimId: string, annotationId: string): Promise<ApiResult<ClaimDto>> {
  return request(`/api/v1/claims/${enc(claimId)}/annotations`, { method: 'POST', body: { annotationId } });
}

export function detachFromClaim(claimId: string, annotationId: string): Promise<ApiResult<null>> {
  return request(`/api/v1/claims/${enc(claimId)}/annotations/${enc(annotationId)}`, { method: 'DELETE' });
}

export function fetchSuggestions(annotationId: string, limit = 10): Promise<ApiResult<SuggestionDto[]>> {
  return request(`/api/v1/annotations/${enc(annotationId)}/suggestions?limit=${limit}`, { method: 'GET' });
}

export function dismissSuggestion(annotationId: string, sentenceId: string): Promise<ApiResult<unknown>> {
  return request(`/api/v1/annotations/${enc(annotationId)}/suggestions/dismissals`, { method: 'POST', body: { sentenceId } });
}
