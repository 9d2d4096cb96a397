import { z } from 'zod';
import { apiRoute, parseQuery } from '@/lib/api/route';
import { getAgreement } from '@/lib/agreement/get-agreement';

const agreementQuery = z.strictObject({ articleId: z.string().max(100).optional() });

export const GET = apiRoute(async ({ req, caller, params }) => getAgreement(caller.id, params.projectId, parseQuery(req, agreementQuery).articleId));
