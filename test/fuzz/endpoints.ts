import { z } from 'zod';
import * as openapi from '@/app/api/v1/openapi.json/route';
import * as projects from '@/app/api/v1/projects/route';
import * as projectActivity from '@/app/api/v1/projects/[projectId]/activity/route';
import * as projectAgreement from '@/app/api/v1/projects/[projectId]/agreement/route';
import * as projectArticles from '@/app/api/v1/projects/[projectId]/articles/route';
import * as projectClaims from '@/app/api/v1/projects/[projectId]/claims/route';
import * as projectExport from '@/app/api/v1/projects/[projectId]/export/route';
import * as projectImports from '@/app/api/v1/projects/[projectId]/imports/route';
import * as projectMatrix from '@/app/api/v1/projects/[projectId]/matrix/route';
import * as projectOrphans from '@/app/api/v1/projects/[projectId]/orphans/route';
import * as projectQueue from '@/app/api/v1/projects/[projectId]/review-queue/route';
import * as projectSearch from '@/app/api/v1/projects/[projectId]/search/route';
import * as project from '@/app/api/v1/projects/[projectId]/route';
import * as projectMembers from '@/app/api/v1/projects/[projectId]/members/route';
import * as projectMember from '@/app/api/v1/projects/[projectId]/members/[userId]/route';
import * as article from '@/app/api/v1/articles/[articleId]/route';
import * as articleComparison from '@/app/api/v1/articles/[articleId]/comparison/route';
import * as articleComparisonDecisions from '@/app/api/v1/articles/[articleId]/comparison/decisions/route';
import * as articleAnnotations from '@/app/api/v1/articles/[articleId]/annotations/route';
import * as articleEvents from '@/app/api/v1/articles/[articleId]/events/route';
import * as articleRevisions from '@/app/api/v1/articles/[articleId]/revisions/route';
import * as articleRevision from '@/app/api/v1/articles/[articleId]/revisions/[revision]/route';
import * as annotation from '@/app/api/v1/annotations/[annotationId]/route';
import * as annotationHistory from '@/app/api/v1/annotations/[annotationId]/history/route';
import * as annotationLinks from '@/app/api/v1/annotations/[annotationId]/links/route';
import * as annotationReview from '@/app/api/v1/annotations/[annotationId]/review/route';
import * as annotationPlace from '@/app/api/v1/annotations/[annotationId]/place/route';
import * as annotationSuggestions from '@/app/api/v1/annotations/[annotationId]/suggestions/route';
import * as annotationDismissals from '@/app/api/v1/annotations/[annotationId]/suggestions/dismissals/route';
import * as claims from '@/app/api/v1/claims/route';
import * as claim from '@/app/api/v1/claims/[claimId]/route';
import * as claimHistory from '@/app/api/v1/claims/[claimId]/history/route';
import * as claimAnnotations from '@/app/api/v1/claims/[claimId]/annotations/route';
import * as claimAnnotation from '@/app/api/v1/claims/[claimId]/annotations/[annotationId]/route';
import * as links from '@/app/api/v1/links/route';
import * as link from '@/app/api/v1/links/[linkId]/route';
import * as linkHistory from '@/app/api/v1/links/[linkId]/history/route';
import * as linkReview from '@/app/api/v1/links/[linkId]/review/route';
import { createAnnotationInput, deleteAnnotationQuery, placeOrphanInput, updateAnnotationInput } from '@/lib/annotations/schema';
import { activityQuery } from '@/lib/audit/list-events';
import { articleListQuery } from '@/lib/articles/list-articles';
import { attachSpanInput, createClaimInput, deleteClaimQuery, matrixQuery, renameClaimInput } from '@/lib/claims/schema';
import { exportQuery } from '@/lib/export/schema';
import { createLinkInput, listLinksQuery } from '@/lib/links/schema';
import { queueQuery } from '@/lib/review/list-queue';
import { reviewInput } from '@/lib/review/schema';
import { comparisonDecisionInput, comparisonQuery } from '@/lib/review/comparison-schema';
import { addMemberInput, createProjectInput, memberRolesInput, projectSettingsInput } from '@/lib/projects/schema';
import { searchQuery } from '@/lib/search/schema';
import { dismissSuggestionInput, suggestionsQuery } from '@/lib/suggestions/schema';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { createClaim } from '@/lib/claims/create-claim';
import { createLink } from '@/lib/links/create-link';
import { as } from '../app-error';
import { makeArticle, makeTeam, testDb } from '../factories';

// Every /api/v1 route handler with what a valid request to it looks like: the
// fuzzer starts from the valid request and breaks one thing at a time.

export type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
type ObjectSchema = z.ZodType & { shape: Record<string, z.ZodType> };
export type Ids = Record<'projectId' | 'articleId' | 'annotationId' | 'linkId' | 'claimId' | 'revision' | 'otherAnnotationId' | 'freeAnnotationId' | 'sentenceId' | 'analystId' | 'analyst2Id' | 'userId', string>;

export type Endpoint = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As in the OpenAPI document. */
  path: string;
  handler: Handler;
  body?: { schema: ObjectSchema; valid: (ids: Ids) => Record<string, unknown> } | 'multipart';
  query?: { schema: ObjectSchema; valid: (ids: Ids) => Record<string, string> };
  /** Succeeds with the fixture's ids and removes what it names: fuzzed with garbage ids only. */
  destructive?: boolean;
};

// The two query schemas that live in their route files (a route file may only export handlers).
const eventsQuery = z.strictObject({ since: z.string().datetime().optional() });
const agreementQuery = z.strictObject({ articleId: z.string().max(100).optional() });

const h = (handler: unknown) => handler as Handler;

export const ENDPOINTS: Endpoint[] = [
  // Public and input-free, but a query string can still be sent; not in the document it serves.
  { method: 'GET', path: '/api/v1/openapi.json', handler: h(openapi.GET) },
  { method: 'GET', path: '/api/v1/projects', handler: h(projects.GET) },
  { method: 'POST', path: '/api/v1/projects', handler: h(projects.POST), body: { schema: createProjectInput, valid: () => ({ name: `Fuzz project ${Math.random()}` }) } },
  { method: 'PATCH', path: '/api/v1/projects/{projectId}', handler: h(project.PATCH), body: { schema: projectSettingsInput, valid: () => ({ independentAnnotation: false }) } },
  { method: 'GET', path: '/api/v1/projects/{projectId}/members', handler: h(projectMembers.GET) },
  { method: 'POST', path: '/api/v1/projects/{projectId}/members', handler: h(projectMembers.POST), body: { schema: addMemberInput, valid: () => ({ email: 'reviewer@fuzz.example', roles: ['reviewer'] }) } },
  { method: 'PUT', path: '/api/v1/projects/{projectId}/members/{userId}', handler: h(projectMember.PUT), body: { schema: memberRolesInput, valid: () => ({ roles: ['analyst'] }) } },
  { method: 'GET', path: '/api/v1/projects/{projectId}/activity', handler: h(projectActivity.GET), query: { schema: activityQuery, valid: () => ({ limit: '10', objectType: 'annotation' }) } },
  { method: 'GET', path: '/api/v1/projects/{projectId}/agreement', handler: h(projectAgreement.GET), query: { schema: agreementQuery, valid: (i) => ({ articleId: i.articleId }) } },
  { method: 'GET', path: '/api/v1/projects/{projectId}/articles', handler: h(projectArticles.GET), query: { schema: articleListQuery, valid: () => ({ q: 'Iran', page: '1', perPage: '10' }) } },
  { method: 'GET', path: '/api/v1/projects/{projectId}/claims', handler: h(projectClaims.GET) },
  { method: 'GET', path: '/api/v1/projects/{projectId}/export', handler: h(projectExport.GET), query: { schema: exportQuery, valid: () => ({ format: 'csv', status: 'all' }) } },
  { method: 'POST', path: '/api/v1/projects/{projectId}/imports', handler: h(projectImports.POST), body: 'multipart' },
  { method: 'GET', path: '/api/v1/projects/{projectId}/matrix', handler: h(projectMatrix.GET), query: { schema: matrixQuery, valid: () => ({ sort: 'text', label: 'assertion' }) } },
  { method: 'GET', path: '/api/v1/projects/{projectId}/orphans', handler: h(projectOrphans.GET) },
  { method: 'GET', path: '/api/v1/projects/{projectId}/review-queue', handler: h(projectQueue.GET), query: { schema: queueQuery, valid: () => ({ limit: '10', status: 'pending' }) } },
  { method: 'GET', path: '/api/v1/projects/{projectId}/search', handler: h(projectSearch.GET), query: { schema: searchQuery, valid: () => ({ q: 'Iran' }) } },
  { method: 'GET', path: '/api/v1/articles/{articleId}', handler: h(article.GET) },
  { method: 'GET', path: '/api/v1/articles/{articleId}/annotations', handler: h(articleAnnotations.GET) },
  {
    method: 'POST',
    path: '/api/v1/articles/{articleId}/annotations',
    handler: h(articleAnnotations.POST),
    body: { schema: createAnnotationInput, valid: () => ({ start: 0, end: 7, label: 'assertion', note: 'n', speaker: 's', exact: 'Edi Ram' }) },
  },
  { method: 'GET', path: '/api/v1/articles/{articleId}/comparison', handler: h(articleComparison.GET), query: { schema: comparisonQuery, valid: (i) => ({ a: i.analystId, b: i.analyst2Id }) } },
  { method: 'POST', path: '/api/v1/articles/{articleId}/comparison', handler: h(articleComparison.POST) },
  {
    method: 'POST',
    path: '/api/v1/articles/{articleId}/comparison/decisions',
    handler: h(articleComparisonDecisions.POST),
    body: { schema: comparisonDecisionInput, valid: (i) => ({ analystA: i.analystId, analystB: i.analyst2Id, a: { id: i.annotationId, version: 1 }, b: null, accept: 'a', comment: 'ok' }) },
  },
  { method: 'GET', path: '/api/v1/articles/{articleId}/events', handler: h(articleEvents.GET), query: { schema: eventsQuery, valid: () => ({ since: new Date().toISOString() }) } },
  { method: 'GET', path: '/api/v1/articles/{articleId}/revisions', handler: h(articleRevisions.GET) },
  { method: 'GET', path: '/api/v1/articles/{articleId}/revisions/{revision}', handler: h(articleRevision.GET) },
  { method: 'PATCH', path: '/api/v1/annotations/{annotationId}', handler: h(annotation.PATCH), body: { schema: updateAnnotationInput, valid: () => ({ label: 'denial', note: 'n', speaker: 's', version: 1 }) } },
  { method: 'DELETE', path: '/api/v1/annotations/{annotationId}', handler: h(annotation.DELETE), query: { schema: deleteAnnotationQuery, valid: () => ({ version: '1' }) }, destructive: true },
  { method: 'GET', path: '/api/v1/annotations/{annotationId}/history', handler: h(annotationHistory.GET) },
  { method: 'GET', path: '/api/v1/annotations/{annotationId}/links', handler: h(annotationLinks.GET) },
  { method: 'POST', path: '/api/v1/annotations/{annotationId}/place', handler: h(annotationPlace.POST), body: { schema: placeOrphanInput, valid: () => ({ start: 0, end: 5, version: 1 }) } },
  { method: 'POST', path: '/api/v1/annotations/{annotationId}/review', handler: h(annotationReview.POST), body: { schema: reviewInput, valid: () => ({ decision: 'reject', comment: 'why', version: 1 }) } },
  { method: 'GET', path: '/api/v1/annotations/{annotationId}/suggestions', handler: h(annotationSuggestions.GET), query: { schema: suggestionsQuery, valid: () => ({ limit: '5' }) } },
  {
    method: 'POST',
    path: '/api/v1/annotations/{annotationId}/suggestions/dismissals',
    handler: h(annotationDismissals.POST),
    body: { schema: dismissSuggestionInput, valid: (i) => ({ sentenceId: i.sentenceId }) },
  },
  { method: 'POST', path: '/api/v1/claims', handler: h(claims.POST), body: { schema: createClaimInput, valid: (i) => ({ projectId: i.projectId, text: 'A claim', annotationId: i.freeAnnotationId }) } },
  { method: 'GET', path: '/api/v1/claims/{claimId}', handler: h(claim.GET) },
  { method: 'PATCH', path: '/api/v1/claims/{claimId}', handler: h(claim.PATCH), body: { schema: renameClaimInput, valid: () => ({ text: 'Reworded', verdict: 'False', version: 1 }) } },
  // Fuzzed query values may delete the claim (version 1 is its real version); what is checked happens before that.
  { method: 'DELETE', path: '/api/v1/claims/{claimId}', handler: h(claim.DELETE), query: { schema: deleteClaimQuery, valid: () => ({ version: '1' }) }, destructive: true },
  { method: 'GET', path: '/api/v1/claims/{claimId}/history', handler: h(claimHistory.GET) },
  { method: 'POST', path: '/api/v1/claims/{claimId}/annotations', handler: h(claimAnnotations.POST), body: { schema: attachSpanInput, valid: (i) => ({ annotationId: i.freeAnnotationId }) } },
  { method: 'DELETE', path: '/api/v1/claims/{claimId}/annotations/{annotationId}', handler: h(claimAnnotation.DELETE), destructive: true },
  { method: 'GET', path: '/api/v1/links', handler: h(links.GET), query: { schema: listLinksQuery, valid: (i) => ({ projectId: i.projectId }) } },
  {
    method: 'POST',
    path: '/api/v1/links',
    handler: h(links.POST),
    body: { schema: createLinkInput, valid: (i) => ({ fromAnnotationId: i.freeAnnotationId, toAnnotationId: i.otherAnnotationId, kind: 'corroborates' }) },
  },
  { method: 'DELETE', path: '/api/v1/links/{linkId}', handler: h(link.DELETE), destructive: true },
  { method: 'GET', path: '/api/v1/links/{linkId}/history', handler: h(linkHistory.GET) },
  { method: 'POST', path: '/api/v1/links/{linkId}/review', handler: h(linkReview.POST), body: { schema: reviewInput, valid: () => ({ decision: 'approve', comment: 'ok', version: 1 }) } },
];

const TEXT = 'Edi Rama said Iran orchestrated the cyberattack on Albania. Tehran denied it.';

/**
 * One project with an article per outlet, spans by two analysts, a link and a
 * claim: enough for every route to reach its domain code with a valid id.
 */
export async function makeFuzzProject() {
  const team = await makeTeam(TEXT);
  const other = await makeArticle(team.project.id, { text: 'Tehran denied that Iran orchestrated any cyberattack on Albania.', outlet: 'Tehran Times' });
  const x = await createAnnotation(as(team.analyst), team.article.id, { start: 14, end: 47, label: 'assertion' });
  const y = await createAnnotation(as(team.analyst2), other.id, { start: 0, end: 13, label: 'denial' });
  const free = await createAnnotation(as(team.analyst), other.id, { start: 19, end: 52, label: 'evidence' });
  const l = await createLink(as(team.analyst), { fromAnnotationId: x.id, toAnnotationId: y.id, kind: 'contradicts' });
  const c = await createClaim(as(team.analyst), { projectId: team.project.id, annotationId: x.id });
  const sentence = await testDb().sentence.findFirstOrThrow({ where: { articleId: other.id }, select: { id: true } });
  const ids: Ids = {
    projectId: team.project.id,
    articleId: team.article.id,
    annotationId: x.id,
    linkId: l.id,
    claimId: c.id,
    revision: '1',
    otherAnnotationId: y.id,
    freeAnnotationId: free.id,
    sentenceId: sentence.id,
    analystId: team.analyst.id,
    analyst2Id: team.analyst2.id,
    // The member whose roles PUT …/members/{userId} sets.
    userId: team.analyst2.id,
  };
  return { team, ids };
}

/** The path parameters a template names, e.g. {projectId} → ids.projectId. */
export const paramNames = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as keyof Ids);
