import { apiRoute } from '@/lib/api/route';
import { listProjects } from '@/lib/projects/list-projects';

export const GET = apiRoute(async ({ caller }) => ({ projects: await listProjects(caller.id) }));
