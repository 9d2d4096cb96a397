import { apiRoute } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { getRevision } from '@/lib/articles/get-revision';

export const GET = apiRoute(async ({ caller, params }) => {
  // Up to 9 digits: always a valid Postgres integer.
  if (!/^[1-9]\d{0,8}$/.test(params.revision)) throw new AppError('BAD_REQUEST', 'revision must be a whole number from 1', { revision: 'not a revision number' });
  return getRevision(caller.id, params.articleId, Number(params.revision));
});
