import { request, type ApiResult } from '@/lib/annotations/api-client';
import type { AnnotationDto } from '@/lib/annotations/dto';
import type { LinkDto } from '@/lib/links/dto';

/** What a reviewer sends (lib/review/schema.ts): a rejection carries its reason. */
export type ReviewBody = { decision: 'approve' | 'reject'; comment?: string; version: number };

/** Browser-side review calls; failures are values (a 409 means someone decided or edited first). */
export function reviewAnnotation(id: string, body: ReviewBody): Promise<ApiResult<AnnotationDto>> {
  return request(`/api/v1/annotations/${encodeURIComponent(id)}/review`, { method: 'POST', body });
}

export function reviewLink(id: string, body: ReviewBody): Promise<ApiResult<LinkDto>> {
  return request(`/api/v1/links/${encodeURIComponent(id)}/review`, { method: 'POST', body });
}
