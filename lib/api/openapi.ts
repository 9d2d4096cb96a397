import { z } from 'zod';
import { createAnnotationInput, updateAnnotationInput } from '@/lib/annotations/schema';
import { LABELS, REVIEW_STATUSES } from '@/lib/annotations/dto';

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
});
const counts = z.object({ assertion: z.number().int(), denial: z.number().int(), evidence: z.number().int() });
const articleSummary = z.object({
  id: z.string(),
  outlet: z.string().nullable(),
  title: z.string(),
  published: z.string().nullable(),
  length: z.number().int().describe('Length of the text in code points'),
  counts,
});
const article = articleSummary.extend({
  projectId: z.string(),
  projectName: z.string(),
  text: z.string(),
  textHash: z.string(),
  url: z.string().nullable(),
  author: z.string().nullable(),
  externalId: z.string().nullable(),
});
const project = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  roles: z.array(z.enum(['admin', 'analyst', 'reviewer'])),
  articleCount: z.number().int(),
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
  409: 'Stale version, or the text changed',
  413: 'Body too large',
  415: 'Body is not JSON',
};
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

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
        Project: schema(project),
        Error: schema(error),
        CreateAnnotation: schema(createAnnotationInput, 'input'),
        UpdateAnnotation: schema(updateAnnotationInput, 'input'),
      },
    },
    paths: {
      '/api/v1/projects': {
        get: {
          operationId: 'listProjects',
          summary: "The caller's projects",
          responses: { 200: { description: 'Projects', ...json({ type: 'object', properties: { projects: { type: 'array', items: ref('Project') } } }) }, ...errors(401) },
        },
      },
      '/api/v1/projects/{projectId}/articles': {
        get: {
          operationId: 'listArticles',
          summary: 'Articles of a project (no bodies)',
          parameters: [pathParam('projectId')],
          responses: { 200: { description: 'Articles', ...json({ type: 'object', properties: { articles: { type: 'array', items: ref('ArticleSummary') } } }) }, ...errors(401, 404) },
        },
      },
      '/api/v1/articles/{articleId}': {
        get: {
          operationId: 'getArticle',
          summary: 'An article with its text, textHash and spans',
          parameters: [pathParam('articleId')],
          responses: {
            200: { description: 'Article', ...json({ type: 'object', properties: { article: ref('Article'), annotations: { type: 'array', items: ref('Annotation') } } }) },
            ...errors(401, 404),
          },
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
          parameters: [pathParam('annotationId')],
          responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
        },
      },
    },
  };
}
