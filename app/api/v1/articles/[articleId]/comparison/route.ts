import { apiRoute, parseQuery } from '@/lib/api/route';
import { comparisonQuery } from '@/lib/review/comparison-schema';
import { getComparison } from '@/lib/review/get-comparison';
import { openComparison } from '@/lib/review/open-comparison';

export const GET = apiRoute(async ({ req, caller, params }) => getComparison(caller.id, params.articleId, parseQuery(req, comparisonQuery)));

export const POST = apiRoute(async ({ caller, params }) => ({ opened: await openComparison(caller, params.articleId) }));
