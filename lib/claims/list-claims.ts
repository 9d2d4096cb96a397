import 'server-only';
import { requireSpanVisibility } from '@/lib/annotations/span-visibility';
import type { Caller } from '@/lib/auth/caller';
import type { ClaimDto } from './dto';
import { readClaims } from './read-claims';

/** The project's claims, A–Z, with how many of the spans the caller may see and their outlets each has. */
export async function listClaims(caller: Caller, projectId: string): Promise<ClaimDto[]> {
  const { visibility } = await requireSpanVisibility(caller.id, projectId);
  return readClaims({ projectId }, visibility);
}
