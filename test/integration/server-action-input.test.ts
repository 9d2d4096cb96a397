import { describe, expect, it, vi } from 'vitest';

// Server actions are POST endpoints of their own: hostile form values must get
// the form's error message, not a database error (500).
vi.mock('@/lib/auth/caller', () => import('../stub-caller'));
import { auth } from '../stub-caller';

import { renameClaimAction } from '@/lib/claims/actions';
import { updateProjectSettingsAction } from '@/lib/projects/actions';
import { loadSpanContextAction } from '@/lib/articles/actions';
import { loginAction } from '@/lib/auth/actions';
import { as } from '../app-error';
import { makeTeam, testDb } from '../factories';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe('server actions refuse text PostgreSQL cannot store', () => {
  it('U+0000 in any field answers with the form’s error and change nothing', async () => {
    const team = await makeTeam();
    auth.caller = as(team.admin);
    const claim = await testDb().claim.create({ data: { projectId: team.project.id, text: 'Iran did it', authorId: team.analyst.id }, select: { id: true } });
    const before = await testDb().claim.findUniqueOrThrow({ where: { id: claim.id } });

    // (FormData itself turns a lone surrogate into U+FFFD, so only U+0000 gets this far.)
    for (const bad of ['nul\u0000here', '\u0000']) {
      const renamed = await renameClaimAction({}, form({ claimId: claim.id, text: bad, verdict: '', version: '1' }));
      expect(renamed.error).toMatch(/text field holds characters that cannot be stored/);
      const byId = await renameClaimAction({}, form({ claimId: bad, text: 'fine', verdict: '', version: '1' }));
      expect(byId.error).toMatch(/claimId field/);
      expect(await updateProjectSettingsAction({}, form({ projectId: bad, independentAnnotation: 'on' }))).toEqual({ error: 'The settings are not valid' });
      expect(await loadSpanContextAction(bad)).toBeNull();
      expect(await loginAction({}, form({ email: bad, password: 'x', next: '/' }))).toEqual({ error: 'Wrong email or password.' });
    }
    expect(await testDb().claim.findUniqueOrThrow({ where: { id: claim.id } })).toEqual(before);
    expect((await testDb().project.findUniqueOrThrow({ where: { id: team.project.id } })).independentAnnotation).toBe(false);
  });
});
