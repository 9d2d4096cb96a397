import { apiRoute, parseJson } from '@/lib/api/route';
import { comparisonDecisionInput } from '@/lib/review/comparison-schema';
import { decideComparison } from '@/lib/review/decide-comparison';

export const POST = apiRoute(async ({ req, caller, params }) => decideComparison(caller, params.articleId, await parseJson(req, comparisonDecisionInput)));
