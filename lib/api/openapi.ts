import { z } from 'zod';
import { createAnnotationInput, deleteAnnotationQuery, placeOrphanInput, updateAnnotationInput } from '@/lib/annotations/schema';
import { LABELS, REVIEW_STATUSES } from '@/lib/annotations/dto';
import { createLinkInput } from '@/lib/links/schema';
import { LINK_KINDS } from '@/lib/links/dto';
import { attachSpanInput, createClaimInput, renameClaimInput } from '@/lib/claims/schema';
import { MATRIX_SORTS } from '@/lib/claims/dto';
import { dismissSuggestionInput, MAX_SUGGESTIONS } from '@/lib/suggestions/schema';
import { EXPORT_FORMATS, EXPORT_FORMAT_DESCRIPTION } from '@/lib/export/schema';
import { reviewInput } from '@/lib/review/schema';
import { activityQuery } from '@/lib/audit/list-events';
import { articleListQuery } from '@/lib/articles/list-articles';
import { queueQuery } from '@/lib/review/list-queue';
import { comparisonDecisionInput, comparisonQuery } from '@/lib/review/comparison-schema';
import { addMemberInput, createProjectInput, memberRolesInput, projectSettingsInput } from '@/lib/projects/schema';
import { PROJECT_ROLES } from '@/lib/auth/can';

// The OpenAPI 3.1 document is generated from the same zod schemas the routes
// parse with, so it cannot drift from what they accept (a test checks both).

const annotation = z.object({
  id: z.string(),
  articleId: z.string(),
  label: z.enum(LABELS),
  note: z.string().nullable(),
  speaker: z.string().nullable(),
  start: z.number().int(),
  end: z.number().int(),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  textHash: z.string(),
  status: z.enum(REVIEW_STATUSES),
  version: z.number().int(),
  author: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  orphaned: z.boolean().optional().describe('No place was found on the current text after a revision; offsets and quote are from the text the span was made on'),
  anchorScore: z.number().min(0).max(1).nullable().optional().describe('Confidence of the last re-anchoring onto a new revision; null if never re-anchored'),
  reviewComment: z.string().nullable().optional().describe("The latest review decision's comment; null while pending"),
  reviewedAt: z.string().nullable().optional().describe('When the latest review decision was made; null while pending'),
  reviewedBy: z.object({ id: z.string(), name: z.string() }).nullable().optional().describe('Who made the latest review decision; null while pending'),
});
const counts = z.object({ assertion: z.number().int(), denial: z.number().int(), evidence: z.number().int() });
const articleSummary = z.object({
  id: z.string(),
  externalId: z.string().nullable().describe('The id it was imported with (e.g. FNC-1\'s Body ID), if any'),
  outlet: z.string().nullable(),
  title: z.string(),
  published: z.string().nullable(),
  length: z.number().int().describe('Length of the text in code points'),
  counts: counts.describe('Spans drawn on the current text, by tag'),
  orphans: z.number().int().describe('Spans with no place on the current text since a revision (listed apart)'),
});
const article = articleSummary.extend({
  projectId: z.string(),
  projectName: z.string(),
  text: z.string(),
  textHash: z.string(),
  url: z.string().nullable(),
  author: z.string().nullable(),
  revision: z.number().int().describe('1 for the first imported text, +1 for each re-import that changed it'),
});
const revisionSummary = z.object({
  revision: z.number().int(),
  textHash: z.string(),
  length: z.number().int().describe('Code points'),
  createdAt: z.string().describe('When this text was imported'),
  replacedAt: z.string().nullable().describe('When a re-import replaced it; null for the current text'),
  current: z.boolean(),
});
const diffOp = z.tuple([z.union([z.literal(-1), z.literal(0), z.literal(1)]), z.string()]);
const revision = z.object({
  articleId: z.string(),
  revision: z.number().int(),
  currentRevision: z.number().int(),
  textHash: z.string(),
  length: z.number().int(),
  text: z.string().describe('The text of this revision'),
  diff: z.array(diffOp).describe('From this revision to the current text (diff-match-patch, semantic cleanup): [op, text], op -1 deleted, 0 unchanged, 1 inserted'),
});
const orphan = annotation.extend({
  article: z.object({ id: z.string(), title: z.string(), outlet: z.string().nullable(), revision: z.number().int() }),
  madeOnRevision: z.number().int().nullable().describe('The revision whose text start/end/exact/prefix/suffix refer to'),
  links: z.number().int().describe('How many links start or end at it (placing it keeps them; deleting it removes them)'),
  claimId: z.string().nullable(),
  guess: z
    .object({ start: z.number().int(), end: z.number().int(), score: z.number(), exact: z.string(), prefix: z.string(), suffix: z.string() })
    .nullable()
    .describe('Where the quote most resembles the current text (score 0.4–0.7, under what re-anchoring applies by itself), to confirm with POST /api/v1/annotations/{id}/place; null if nowhere much'),
});
const project = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  roles: z.array(z.enum(PROJECT_ROLES)),
  articleCount: z.number().int(),
  independentAnnotation: z.boolean().describe("Analysts see only their own spans on an article until a reviewer opens it for comparison"),
});
const author = z.object({ id: z.string(), name: z.string() });
const member = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable().describe('Shown to admins only'),
  roles: z.array(z.enum(PROJECT_ROLES)),
});
const kappa = z.object({ kappa: z.number().nullable(), observed: z.number(), expected: z.number(), n: z.number().int() });
const comparisonAnalyst = z.object({ id: z.string(), name: z.string(), spans: z.number().int() });
const opened = z.object({ at: z.string(), by: author.nullable() });
const comparison = z.object({
  article: z.object({ id: z.string(), projectId: z.string(), projectName: z.string(), title: z.string(), outlet: z.string().nullable(), text: z.string(), length: z.number().int() }),
  independentAnnotation: z.boolean(),
  opened: opened.nullable().describe('When a reviewer opened the article for comparison; null while analysts see only their own spans'),
  analysts: z.array(comparisonAnalyst).describe('Everyone with spans on the article, most spans first'),
  a: comparisonAnalyst.nullable(),
  b: comparisonAnalyst.nullable(),
  items: z
    .array(z.object({ key: z.string(), kind: z.enum(['exact', 'partial', 'tag', 'only-a', 'only-b']).describe('tag: the spans overlap and their tags differ'), a: annotation.nullable(), b: annotation.nullable() }))
    .describe('Pairs (overlapping spans: exact or partial with the same tag, or tags differing) and lone spans, in reading order'),
  agreement: z
    .object({
      overall: kappa,
      perLabel: z.object({ assertion: kappa, denial: kappa, evidence: kappa }),
      exact: z.number().int(),
      partial: z.number().int(),
      onlyA: z.number().int(),
      onlyB: z.number().int(),
    })
    .nullable()
    .describe("Cohen's kappa of the two analysts over this article's characters"),
});
const highlights = z.array(z.tuple([z.number().int(), z.number().int()])).describe('Code-point ranges [start, end) inside `text` of the words that matched');
const spanSummary = z.object({
  id: z.string(),
  articleId: z.string(),
  articleTitle: z.string(),
  outlet: z.string().nullable(),
  label: z.enum(LABELS),
  exact: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
const link = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: z.enum(LINK_KINDS),
  status: z.enum(REVIEW_STATUSES),
  version: z.number().int(),
  author,
  from: spanSummary,
  to: spanSummary,
  createdAt: z.string(),
  updatedAt: z.string(),
});
const claim = z.object({
  id: z.string(),
  projectId: z.string(),
  text: z.string(),
  verdict: z.string().nullable(),
  verdictNote: z.string().nullable().describe('Why the verdict (ClaimReview ratingExplanation)'),
  verdictAt: z.string().nullable().describe('When the verdict or its reason was last given (ClaimReview datePublished)'),
  version: z.number().int(),
  author,
  spanCount: z.number().int(),
  outletCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const claimSpan = spanSummary.extend({
  outlet: z.string().describe('The outlet, or "Unknown outlet"'),
  speaker: z.string().nullable(),
  status: z.enum(REVIEW_STATUSES),
  author,
});
const spansByLabel = z.object({ assertion: z.array(claimSpan), denial: z.array(claimSpan), evidence: z.array(claimSpan) });
const claimDetail = claim.extend({
  projectName: z.string(),
  counts,
  groups: z.array(z.object({ outlet: z.string(), labels: spansByLabel })).describe('Spans by outlet, then by tag'),
  links: z.array(link).describe('Links whose two ends are attached to this claim'),
});
const statusCounts = z.object({ count: z.number().int(), approved: z.number().int(), pending: z.number().int(), rejected: z.number().int() });
const matrix = z.object({
  projectId: z.string(),
  outlets: z.array(z.string()).describe('Columns; articles without an outlet are under "Unknown outlet"'),
  allOutlets: z.array(z.string()).describe('Every outlet of the project, whatever the filter'),
  claims: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      spanCount: z.number().int(),
      outletCount: z.number().int(),
      cells: z.record(z.string(), z.object({ assertion: statusCounts, denial: statusCounts, evidence: statusCounts })).describe('By outlet; outlets without spans have no cell'),
    }),
  ),
});
const suggestion = z.object({
  sentenceId: z.string(),
  articleId: z.string(),
  articleTitle: z.string(),
  outlet: z.string().nullable(),
  start: z.number().int().describe('Code points over the article text'),
  end: z.number().int(),
  text: z.string(),
  score: z.number().describe('0..1, higher is closer; comparable within one answer'),
  highlights,
});
const dismissal = z.object({ annotationId: z.string(), sentenceId: z.string(), createdAt: z.string() });
const searchResult = z.object({
  q: z.string(),
  page: z.number().int(),
  articles: z.array(z.object({ id: z.string(), title: z.string(), outlet: z.string().nullable(), snippet: z.string().nullable(), hits: z.number().int() })),
  sentences: z.array(suggestion.omit({ score: true })),
  spans: z.array(z.object({ id: z.string(), articleId: z.string(), articleTitle: z.string(), exact: z.string(), label: z.enum(LABELS), start: z.number().int(), end: z.number().int() })),
  more: z.object({ articles: z.boolean(), sentences: z.boolean(), spans: z.boolean() }).describe('Which lists stop at their limit (20 articles, 50 passages, 50 spans) with more matches left'),
});
const error = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
});

const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (s: object) => ({ content: { 'application/json': { schema: s } } });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: STATUS_TEXT[c], ...json(ref('Error')) }]));
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad input; `fields` names what is wrong',
  401: 'Not signed in, or the token is unknown or revoked',
  403: 'Signed in, but the role does not allow it',
  404: 'Not found, or not in one of your projects',
  409: 'Stale version, the text changed, or it already exists',
  413: 'Body too large',
  415: 'Body is not JSON',
};
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const queryParam = (name: string, schema: object, description: string, required = false) => ({ name, in: 'query', required, description, schema });
const list = (name: string, item: string, description: string) => ({
  description,
  ...json({ type: 'object', properties: { [name]: { type: 'array', items: ref(item) } } }),
});

export function buildOpenApiDocument(serverUrl = '/') {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Crosscheck API',
      version: '1.0.0',
      description:
        'Fact-checking annotation workbench. Offsets (`start`, `end`) are Unicode code points over the article text, half-open, as in W3C TextPositionSelector.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (`npm run cli -- token create`)' },
        session: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token' },
      },
      schemas: {
        Annotation: schema(annotation),
        ArticleSummary: schema(articleSummary),
        Article: schema(article),
        RevisionSummary: schema(revisionSummary),
        Revision: schema(revision),
        Orphan: schema(orphan),
        Project: schema(project),
        Error: schema(error),
        AuditEvent: {
          type: 'object',
          properties: {
            id: { type: 'string' }, action: { type: 'string' }, objectType: { type: 'string' }, objectId: { type: 'string' },
            actor: { type: ['object', 'null'] }, before: {}, after: {}, createdAt: { type: 'string' },
            span: {
              type: ['object', 'null'],
              description: "In the project's activity, for a span's event: the span as it is now, or as it was deleted (deleted: true)",
              properties: { articleId: { type: 'string' }, exact: { type: 'string' }, deleted: { type: 'boolean' } },
            },
          },
        },
        CreateAnnotation: schema(createAnnotationInput, 'input'),
        UpdateAnnotation: schema(updateAnnotationInput, 'input'),
        Link: schema(link),
        Claim: schema(claim),
        ClaimDetail: schema(claimDetail),
        Matrix: schema(matrix),
        Suggestion: schema(suggestion),
        Dismissal: schema(dismissal),
        SearchResult: schema(searchResult),
        CreateLink: schema(createLinkInput, 'input'),
        CreateClaim: schema(createClaimInput, 'input'),
        CreateProject: schema(createProjectInput, 'input'),
        RenameClaim: schema(renameClaimInput, 'input'),
        AttachSpan: schema(attachSpanInput, 'input'),
        DismissSuggestion: schema(dismissSuggestionInput, 'input'),
      },
    },
    paths: {
      '/api/v1/projects': {
        get: {
          operationId: 'listProjects',
          summary: "The caller's projects",
          responses: { 200: { description: 'Projects', ...json({ type: 'object', properties: { projects: { type: 'array', items: ref('Project') } } }) }, ...errors(401) },
        },
        post: {
          operationId: 'createProject',
          summary: 'Create a project; the caller holds every role in it (admin, analyst, reviewer)',
          requestBody: { required: true, ...json(ref('CreateProject')) },
          responses: { 201: { description: 'The project', ...json(ref('Project')) }, ...errors(400, 401, 409, 413, 415) },
        },
      },
      '/api/v1/projects/{projectId}/imports': {
        post: {
          operationId: 'importFiles',
          summary: 'Import articles from files (.jsonl, .json of Label Studio tasks or of articles, .csv, .txt, .html, or a .zip of a corpus folder with manifest.json)',
          description:
            'Each file imports whole or not at all. Re-importing the same text changes nothing, except details the file corrects (title, and outlet, URL, author or date where given: `updated`); a changed text of a known article (same externalId; without one, same text, else same URL; a .txt or .html named only by its file is also found by its text) becomes a new revision, its spans re-anchored or orphaned (`revised`, `orphaned` in each result); an approved or rejected span placed on changed words goes back to pending review, with its decided links (`reopened`). 207 when some files failed: each result says why (file, line, field), listing up to 20 invalid records of a file, one a line. Spans a file carries (JSONL `entities`, Label Studio `labels` regions) come in as pending spans (`spans`), also into articles already here, where a span at the same place with the same tag is not added again (`spansSkipped`); relations between the file’s spans come in as pending links (`links`; `linksSkipped` the others, `warnings` saying why). A result may carry `warnings`: fields the file gives under a name that is not read (\"Title\", \"body\", \"date\"), with the name meant.',
          parameters: [pathParam('projectId')],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: {
                    file: {
                      type: 'array',
                      items: { type: 'string', format: 'binary' },
                      description: 'The files; a `name.json` sent with a `name.txt` is that page\'s details (title, outlet, url, author, published, externalId), not a file of its own.',
                    },
                    map: {
                      type: 'string',
                      description:
                        'CSV column mapping for the CSV files of this upload, as field=column pairs separated by commas (fields: text, title, outlet, url, author, published, externalId; text required), e.g. `text=body,title=headline,externalId=id`. Without it a CSV is read in the FNC-1 bodies layout (`text=articleBody,externalId=Body ID`).',
                    },
                  },
                },
              },
            },
          },
          responses: {
            200: { description: 'Every file imported', ...json({ type: 'object', properties: { results: { type: 'array', items: { type: 'object' } } } }) },
            207: { description: 'Some files failed', ...json({ type: 'object', properties: { results: { type: 'array', items: { type: 'object' } } } }) },
            ...errors(400, 401, 403, 404, 413, 415),
          },
        },
      },
      '/api/v1/annotations/{annotationId}/place': {
        post: {
          operationId: 'placeOrphan',
          summary: "Give an orphaned span a place in its article's current text (its author or an admin); it keeps its links, claim and history, and goes back to pending unless the words are the same",
          parameters: [pathParam('annotationId')],
          requestBody: { required: true, ...json(schema(placeOrphanInput, 'input')) },
          responses: { 200: { description: 'The span, placed', ...json(ref('Annotation')) }, ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/v1/annotations/{annotationId}/review': {
        post: {
          operationId: 'reviewAnnotation',
          summary: 'Approve or reject a span (reviewers and admins; never your own work)',
          parameters: [pathParam('annotationId')],
          requestBody: { required: true, ...json(schema(reviewInput, 'input')) },
          responses: { 200: { description: 'The span with its new status', ...json(ref('Annotation')) }, ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/v1/links/{linkId}/review': {
        post: {
          operationId: 'reviewLink',
          summary: 'Approve or reject a link',
          parameters: [pathParam('linkId')],
          requestBody: { required: true, ...json(schema(reviewInput, 'input')) },
          responses: { 200: { description: 'The link with its new status', ...json({ type: 'object' }) }, ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/v1/annotations/{annotationId}/history': {
        get: {
          operationId: 'annotationHistory',
          summary: 'Every event of a span, oldest first (also after deletion)',
          parameters: [pathParam('annotationId')],
          responses: { 200: { description: 'Events', ...json({ type: 'object', properties: { events: { type: 'array', items: ref('AuditEvent') } } }) }, ...errors(401, 404) },
        },
      },
      '/api/v1/links/{linkId}/history': {
        get: {
          operationId: 'linkHistory',
          summary: 'Every event of a link, oldest first (also after deletion)',
          parameters: [pathParam('linkId')],
          responses: { 200: { description: 'Events', ...json({ type: 'object', properties: { events: { type: 'array', items: ref('AuditEvent') } } }) }, ...errors(401, 404) },
        },
      },
      '/api/v1/claims/{claimId}/history': {
        get: {
          operationId: 'claimHistory',
          summary: 'Every event of a claim (created, renamed, spans attached and detached, deleted), oldest first',
          parameters: [pathParam('claimId')],
          responses: { 200: { description: 'Events', ...json({ type: 'object', properties: { events: { type: 'array', items: ref('AuditEvent') } } }) }, ...errors(401, 404) },
        },
      },
      '/api/v1/projects/{projectId}/activity': {
        get: {
          operationId: 'projectActivity',
          summary: "The project's audit log, newest first",
          parameters: [
            pathParam('projectId'),
            ...Object.entries((schema(activityQuery, 'input') as { properties: Record<string, object> }).properties).map(([name, s]) => queryParam(name, s, '')),
          ],
          responses: { 200: { description: 'Events', ...json({ type: 'object', properties: { events: { type: 'array', items: ref('AuditEvent') } } }) }, ...errors(400, 401, 404) },
        },
      },
      '/api/v1/projects/{projectId}/review-queue': {
        get: {
          operationId: 'reviewQueue',
          summary:
            'Spans (or, with kind=links, links) waiting for review, oldest first, with approved/rejected counts per analyst (and per tag for spans); decided items (status=approved or rejected) carry reviewedBy, reviewedAt and reviewComment',
          parameters: [
            pathParam('projectId'),
            ...Object.entries((schema(queueQuery, 'input') as { properties: Record<string, object> }).properties).map(([name, s]) => queryParam(name, s, '')),
          ],
          responses: {
            200: {
              description: 'Queue',
              ...json({
                type: 'object',
                properties: { kind: { type: 'string', enum: ['spans', 'links'] }, items: { type: 'array', items: { oneOf: [ref('Annotation'), ref('Link')] } }, counts: { type: 'object' } },
              }),
            },
            ...errors(400, 401, 403, 404),
          },
        },
      },
      '/api/v1/projects/{projectId}/agreement': {
        get: {
          operationId: 'projectAgreement',
          summary: "Inter-annotator agreement at character level: Cohen's kappa per pair (overall and per tag), Krippendorff's alpha (nominal) for 3+ annotators, and the spans that do not match",
          parameters: [pathParam('projectId'), queryParam('articleId', { type: 'string' }, 'One article only')],
          responses: { 200: { description: 'Agreement', ...json({ type: 'object' }) }, ...errors(400, 401, 403, 404) },
        },
      },
      '/api/v1/projects/{projectId}': {
        patch: {
          operationId: 'updateProjectSettings',
          summary: "Change the project's settings (admins); audited",
          parameters: [pathParam('projectId')],
          requestBody: { required: true, ...json(schema(projectSettingsInput, 'input')) },
          responses: { 200: { description: 'The project', ...json(ref('Project')) }, ...errors(400, 401, 403, 404, 413, 415) },
        },
      },
      '/api/v1/projects/{projectId}/members': {
        get: {
          operationId: 'listMembers',
          summary: "The project's members and their roles (any member; emails for admins only)",
          parameters: [pathParam('projectId')],
          responses: { 200: { description: 'Members by name', ...json({ type: 'object', properties: { members: { type: 'array', items: schema(member) } } }) }, ...errors(401, 404) },
        },
        post: {
          operationId: 'addMember',
          summary: 'Add someone with an account to the project by email, with roles besides any they have (admins); audited',
          parameters: [pathParam('projectId')],
          requestBody: { required: true, ...json(schema(addMemberInput, 'input')) },
          responses: { 200: { description: 'The member', ...json(schema(member)) }, ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      '/api/v1/projects/{projectId}/members/{userId}': {
        put: {
          operationId: 'setMemberRoles',
          summary: "Set a member's roles (admins); an empty list removes them; the last admin keeps the admin role (409); audited",
          parameters: [pathParam('projectId'), pathParam('userId')],
          requestBody: { required: true, ...json(schema(memberRolesInput, 'input')) },
          responses: { 200: { description: 'The member, or null once removed', ...json({ type: 'object', properties: { member: { oneOf: [schema(member), { type: 'null' }] } } }) }, ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      '/api/v1/articles/{articleId}/comparison': {
        get: {
          operationId: 'getComparison',
          summary: "Two analysts' spans on the article, paired, with their agreement (reviewers and admins)",
          parameters: [
            pathParam('articleId'),
            ...Object.entries((schema(comparisonQuery, 'input') as { properties: Record<string, object> }).properties).map(([name, s]) => queryParam(name, s, '')),
          ],
          responses: { 200: { description: 'The comparison', ...json(schema(comparison)) }, ...errors(400, 401, 403, 404) },
        },
        post: {
          operationId: 'openComparison',
          summary: 'Open the article for comparison: from now on every member sees all its spans (idempotent; audited)',
          parameters: [pathParam('articleId')],
          responses: { 200: { description: 'When it was opened, and by whom', ...json({ type: 'object', properties: { opened: schema(opened) } }) }, ...errors(401, 403, 404) },
        },
      },
      '/api/v1/articles/{articleId}/comparison/decisions': {
        post: {
          operationId: 'decideComparison',
          summary: 'Accept A, B, both or neither of a pair: accepted spans are approved, the others rejected, in one transaction',
          description:
            'Same rules as POST /annotations/{id}/review: reviewers and admins, never their own spans, a version per span (stale → 409 and nothing is decided). A rejection without a comment gets "Not accepted in comparison with <other analyst>". Opens the article for comparison.',
          parameters: [pathParam('articleId')],
          requestBody: { required: true, ...json(schema(comparisonDecisionInput, 'input')) },
          responses: {
            200: { description: 'The spans as decided', ...json({ type: 'object', properties: { a: { anyOf: [ref('Annotation'), { type: 'null' }] }, b: { anyOf: [ref('Annotation'), { type: 'null' }] }, opened: { type: 'object' } } }) },
            ...errors(400, 401, 403, 404, 409, 413, 415),
          },
        },
      },
      '/api/v1/articles/{articleId}/events': {
        get: {
          operationId: 'articleEvents',
          summary: 'Server-sent events: a `change` event when a span of the article or a link of its project changes',
          description: 'text/event-stream; each event has id (its time, for Last-Event-ID on reconnect) and data {action, objectId}. Reconnect after 1 s.',
          parameters: [pathParam('articleId'), queryParam('since', { type: 'string', format: 'date-time' }, 'Replay events since this time (at most a minute back)')],
          responses: { 200: { description: 'Event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors(401, 404) },
        },
      },
      '/api/v1/projects/{projectId}/export': {
        get: {
          operationId: 'exportProject',
          summary: 'Export the annotated corpus (streamed)',
          description: EXPORT_FORMAT_DESCRIPTION,
          parameters: [
            pathParam('projectId'),
            queryParam('format', { type: 'string', enum: [...EXPORT_FORMATS] }, 'Output format', true),
            queryParam('status', { type: 'string', enum: ['approved', 'all'], default: 'approved' }, 'Approved spans and links only (default), or all'),
            queryParam('outlet', { type: 'string' }, 'Comma-separated outlets'),
            queryParam('label', { type: 'string' }, 'Comma-separated tags: assertion, denial, evidence'),
            queryParam('articleId', { type: 'string' }, 'Comma-separated article ids'),
            queryParam('bom', { type: 'string', enum: ['true', 'false'], default: 'false' }, 'csv only: start with a UTF-8 byte-order mark, which Excel needs to read the file as UTF-8'),
          ],
          responses: {
            200: {
              description: 'The export',
              content: {
                'application/ld+json': { schema: { type: 'object' } },
                'application/x-ndjson': { schema: { type: 'string' } },
                'text/csv': { schema: { type: 'string' } },
                'text/plain': { schema: { type: 'string' } },
                'application/zip': { schema: { type: 'string', format: 'binary' } },
              },
            },
            ...errors(400, 401, 404),
          },
        },
      },
      '/api/v1/projects/{projectId}/articles': {
        get: {
          operationId: 'listArticles',
          summary: 'A page of the articles of a project (no bodies), oldest first',
          description: '`total` counts the articles that match the filters, on every page; a page past the last is empty.',
          parameters: [
            pathParam('projectId'),
            ...Object.entries((schema(articleListQuery, 'input') as { properties: Record<string, object> }).properties).map(([name, s]) => queryParam(name, s, '')),
          ],
          responses: {
            200: {
              description: 'Articles',
              ...json({
                type: 'object',
                properties: { articles: { type: 'array', items: ref('ArticleSummary') }, total: { type: 'integer' }, page: { type: 'integer' }, perPage: { type: 'integer' } },
              }),
            },
            ...errors(400, 401, 404),
          },
        },
      },
      '/api/v1/articles/{articleId}': {
        get: {
          operationId: 'getArticle',
          summary: 'An article with its text, textHash and spans',
          description: '`annotations` are placed on the current text; `orphans` are spans a revision left without a place (their offsets index an older text).',
          parameters: [pathParam('articleId')],
          responses: {
            200: {
              description: 'Article',
              ...json({
                type: 'object',
                properties: { article: ref('Article'), annotations: { type: 'array', items: ref('Annotation') }, orphans: { type: 'array', items: ref('Annotation') } },
              }),
            },
            ...errors(401, 404),
          },
        },
      },
      '/api/v1/articles/{articleId}/revisions': {
        get: {
          operationId: 'listRevisions',
          summary: 'Every text the article has had, oldest first, the current one last',
          description: 'A re-import whose externalId (or, without one, URL) matches an article but whose text differs makes a new revision; spans are re-anchored onto it or orphaned.',
          parameters: [pathParam('articleId')],
          responses: { 200: list('revisions', 'RevisionSummary', 'Oldest first'), ...errors(401, 404) },
        },
      },
      '/api/v1/articles/{articleId}/revisions/{revision}': {
        get: {
          operationId: 'getRevision',
          summary: "A revision's text and a diff from it to the current text",
          parameters: [pathParam('articleId'), { name: 'revision', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: { 200: { description: 'The revision', ...json(ref('Revision')) }, ...errors(400, 401, 404) },
        },
      },
      '/api/v1/projects/{projectId}/orphans': {
        get: {
          operationId: 'listOrphans',
          summary: 'Spans that re-imports left without a place, with their old quote and context, for a reviewer to re-place',
          parameters: [pathParam('projectId')],
          responses: { 200: list('orphans', 'Orphan', 'By article, in old text order'), ...errors(401, 404) },
        },
      },
      '/api/v1/articles/{articleId}/annotations': {
        get: {
          operationId: 'listAnnotations',
          parameters: [pathParam('articleId')],
          responses: { 200: { description: 'Spans in text order', ...json({ type: 'object', properties: { annotations: { type: 'array', items: ref('Annotation') } } }) }, ...errors(401, 404) },
        },
        post: {
          operationId: 'createAnnotation',
          summary: 'Tag a span',
          parameters: [pathParam('articleId')],
          requestBody: { required: true, ...json(ref('CreateAnnotation')) },
          responses: { 201: { description: 'The stored span with its selectors', ...json(ref('Annotation')) }, ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      '/api/v1/annotations/{annotationId}': {
        patch: {
          operationId: 'updateAnnotation',
          parameters: [pathParam('annotationId')],
          requestBody: { required: true, ...json(ref('UpdateAnnotation')) },
          responses: { 200: { description: 'The updated span', ...json(ref('Annotation')) }, ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
        delete: {
          operationId: 'deleteAnnotation',
          summary: 'Delete a span and every link that starts or ends at it',
          parameters: [
            pathParam('annotationId'),
            ...Object.entries((schema(deleteAnnotationQuery, 'input') as { properties: Record<string, object> }).properties).map(([name, s]) => queryParam(name, s, '')),
          ],
          responses: {
            204: {
              description: 'Deleted',
              headers: { 'X-Links-Removed': { description: 'How many links were removed with the span', schema: { type: 'integer', minimum: 0 } } },
            },
            ...errors(400, 401, 403, 404, 409),
          },
        },
      },
      '/api/v1/annotations/{annotationId}/links': {
        get: {
          operationId: 'listSpanLinks',
          summary: 'Links that start or end at a span',
          parameters: [pathParam('annotationId')],
          responses: { 200: list('links', 'Link', 'Oldest first'), ...errors(401, 404) },
        },
      },
      '/api/v1/annotations/{annotationId}/suggestions': {
        get: {
          operationId: 'suggestMatches',
          summary: 'Sentences of other articles of the project that may say the same as the span',
          description: 'Ranked in Postgres by full-text rank and trigram similarity. Sentences dismissed for this span are left out. The answer is a bare array, best first.',
          parameters: [
            pathParam('annotationId'),
            queryParam('limit', { type: 'integer', minimum: 1, maximum: MAX_SUGGESTIONS, default: MAX_SUGGESTIONS }, 'How many at most'),
          ],
          responses: { 200: { description: 'Best first', ...json({ type: 'array', items: ref('Suggestion') }) }, ...errors(400, 401, 404) },
        },
      },
      '/api/v1/annotations/{annotationId}/suggestions/dismissals': {
        post: {
          operationId: 'dismissSuggestion',
          summary: 'Never suggest this sentence for this span again',
          parameters: [pathParam('annotationId')],
          requestBody: { required: true, ...json(ref('DismissSuggestion')) },
          responses: { 201: { description: 'Remembered (dismissing twice is harmless)', ...json(ref('Dismissal')) }, ...errors(400, 401, 403, 404, 413, 415) },
        },
      },
      '/api/v1/links': {
        get: {
          operationId: 'listLinks',
          summary: 'Links of one span, or of a project',
          parameters: [
            queryParam('annotationId', { type: 'string' }, 'Links that start or end at this span (give this or projectId)'),
            queryParam('projectId', { type: 'string' }, 'Every link of this project (give this or annotationId)'),
          ],
          responses: { 200: list('links', 'Link', 'Oldest first'), ...errors(400, 401, 404) },
        },
        post: {
          operationId: 'createLink',
          summary: 'Link two spans as corroborating or contradicting',
          description: 'Refused, storing nothing: a span linked to itself (400), spans of two projects (400), a span that is not visible or was deleted (404), a pair already linked in either direction (409).',
          requestBody: { required: true, ...json(ref('CreateLink')) },
          responses: { 201: { description: 'The link, with both spans summarised', ...json(ref('Link')) }, ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      '/api/v1/links/{linkId}': {
        delete: {
          operationId: 'deleteLink',
          summary: 'Delete a link (its author or an admin)',
          parameters: [pathParam('linkId')],
          responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
        },
      },
      '/api/v1/claims': {
        post: {
          operationId: 'createClaim',
          summary: 'Create a claim, from a span (its text is the first wording and it is attached) or from text',
          requestBody: { required: true, ...json(ref('CreateClaim')) },
          responses: { 201: { description: 'The claim', ...json(ref('Claim')) }, ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      '/api/v1/claims/{claimId}': {
        get: {
          operationId: 'getClaim',
          summary: 'A claim with its spans by outlet and tag, and the links among them',
          parameters: [pathParam('claimId')],
          responses: { 200: { description: 'The claim', ...json(ref('ClaimDetail')) }, ...errors(401, 404) },
        },
        patch: {
          operationId: 'renameClaim',
          summary: 'New wording; `version` must be current',
          parameters: [pathParam('claimId')],
          requestBody: { required: true, ...json(ref('RenameClaim')) },
          responses: { 200: { description: 'The renamed claim', ...json(ref('Claim')) }, ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
        delete: {
          operationId: 'deleteClaim',
          summary: 'Delete a claim at the version you saw; its spans stay, detached (X-Spans-Detached says how many)',
          parameters: [pathParam('claimId'), queryParam('version', { type: 'integer', minimum: 1 }, 'The version you saw; stale → 409', true)],
          responses: { 204: { description: 'Deleted' }, ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/v1/claims/{claimId}/annotations': {
        post: {
          operationId: 'attachSpan',
          summary: 'Attach a span of the same project (a span belongs to at most one claim)',
          parameters: [pathParam('claimId')],
          requestBody: { required: true, ...json(ref('AttachSpan')) },
          responses: { 201: { description: 'The claim with its new counts', ...json(ref('Claim')) }, ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      '/api/v1/claims/{claimId}/annotations/{annotationId}': {
        delete: {
          operationId: 'detachSpan',
          summary: 'Detach a span from the claim (the span stays)',
          parameters: [pathParam('claimId'), pathParam('annotationId')],
          responses: { 204: { description: 'Detached' }, ...errors(400, 401, 403, 404) },
        },
      },
      '/api/v1/projects/{projectId}/claims': {
        get: {
          operationId: 'listClaims',
          parameters: [pathParam('projectId')],
          responses: { 200: list('claims', 'Claim', 'A–Z'), ...errors(401, 404) },
        },
      },
      '/api/v1/projects/{projectId}/matrix': {
        get: {
          operationId: 'getMatrix',
          summary: 'The claim × outlet matrix: tags per claim and outlet, by review status',
          parameters: [
            pathParam('projectId'),
            queryParam('outlet', { type: 'string' }, 'Only this outlet ("Unknown outlet" for articles without one)'),
            queryParam('label', { type: 'string', enum: [...LABELS] }, 'Only spans with this tag'),
            queryParam('status', { type: 'string', enum: [...REVIEW_STATUSES] }, 'Only spans with this review status'),
            queryParam('sort', { type: 'string', enum: [...MATRIX_SORTS], default: 'outlets' }, 'outlets: most outlets first; text: A–Z'),
          ],
          responses: { 200: { description: 'The matrix', ...json(ref('Matrix')) }, ...errors(400, 401, 404) },
        },
      },
      '/api/v1/projects/{projectId}/search': {
        get: {
          operationId: 'searchProject',
          summary: 'Search sentences, article titles and span quotes of a project',
          parameters: [pathParam('projectId'), queryParam('q', { type: 'string', minLength: 1, maxLength: 200 }, 'Words, "a phrase", -excluded', true)],
          responses: { 200: { description: 'Results', ...json(ref('SearchResult')) }, ...errors(400, 401, 404) },
        },
      },
    },
  };
}
