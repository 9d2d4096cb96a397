import 'server-only';
import { requireProjectRoles } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import type { ClaimDto } from './dto';
import { readClaims } from './read-claims';

/** The project's claims, A–Z, with how many spans and outlets each has. */
export async function listClaims(caller: Caller, projectId: string): Promise<ClaimDto[]> {
  await requireProjectRoles(caller.id, projectId);
  return readClaims({ projectId });
}
