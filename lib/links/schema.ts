import { z } from 'zod';
import { LINK_KINDS } from './dto';

const id = z.string().min(1).max(64);

export const createLinkInput = z.strictObject({
  fromAnnotationId: id.describe('The span the link starts from'),
  toAnnotationId: id.describe('The span it points to; same project, any article (the same one too)'),
  kind: z.enum(LINK_KINDS).describe('Whether the two spans corroborate or contradict each other'),
});
export type CreateLinkInput = z.infer<typeof createLinkInput>;

/** Query of GET /api/v1/links: the links of one span, or of a whole project. */
export const listLinksQuery = z
  .strictObject({
    annotationId: id.optional().describe('Links that start or end at this span'),
    projectId: id.optional().describe('Every link of this project'),
  })
  .refine((q) => (q.annotationId === undefined) !== (q.projectId === undefined), {
    message: 'Give exactly one of annotationId or projectId',
    path: ['annotationId'],
  });
export type ListLinksQuery = z.infer<typeof listLinksQuery>;
