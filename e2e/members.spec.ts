import { test, expect } from '@playwright/test';
import { makeTeam, signIn, testDb } from './fixtures';

test('an admin adds a member by email, changes roles, removes one, and cannot drop the last admin', async ({ page }) => {
  const team = await makeTeam();
  await signIn(page, team.admin.email);
  await page.goto(`/projects/${team.project.id}`);
  await page.getByRole('navigation', { name: 'Project views' }).getByRole('link', { name: 'Members' }).click();
  const table = page.getByRole('table', { name: 'Members' });
  await expect(table.locator('tbody tr')).toHaveCount(4);

  const add = page.getByRole('form', { name: 'Add a member' });
  await add.getByLabel('Email').fill(team.outsider.email);
  await add.getByLabel('analyst').uncheck();
  await add.getByLabel('reviewer').check();
  await add.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('members-status')).toHaveText(`Added ${team.outsider.email}.`);
  await expect(table.locator('tbody tr')).toHaveCount(5);
  expect((await testDb().membership.findMany({ where: { projectId: team.project.id, userId: team.outsider.id } })).map((m) => m.role)).toEqual(['REVIEWER']);

  // Analyst Two becomes a reviewer too.
  const roles = page.getByRole('form', { name: 'Roles of Analyst Two' });
  await roles.getByLabel('reviewer').check();
  await roles.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('members-status')).toHaveText('Saved Analyst Two’s roles.');
  expect((await testDb().membership.findMany({ where: { projectId: team.project.id, userId: team.analyst2.id } })).map((m) => m.role).sort()).toEqual(['ANALYST', 'REVIEWER']);

  page.once('dialog', (d) => void d.accept());
  await table.getByRole('button', { name: 'Remove Analyst Two' }).click();
  await expect(page.getByTestId('members-status')).toHaveText('Analyst Two is no longer a member.');
  await expect(table.locator('tbody tr')).toHaveCount(4);

  // The only admin cannot drop the role; the message says what to do.
  const mine = page.getByRole('form', { name: 'Roles of Admin' });
  await mine.getByLabel('admin').uncheck();
  await mine.getByLabel('analyst').check();
  await mine.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('members-status')).toHaveText('This is the project’s only admin: make someone else admin first');
  // The boxes show what is stored again, not what was asked for.
  await expect(mine.getByLabel('admin')).toBeChecked();
  await expect(mine.getByLabel('analyst')).not.toBeChecked();
});

test('an analyst sees who is in the project, without emails or controls', async ({ page }) => {
  const team = await makeTeam();
  await signIn(page, team.analyst.email);
  await page.goto(`/projects/${team.project.id}/members`);
  const table = page.getByRole('table', { name: 'Members' });
  await expect(table).toContainText('Analyst Two');
  await expect(table).not.toContainText(team.analyst2.email);
  await expect(page.getByRole('form', { name: 'Add a member' })).toHaveCount(0);
  await expect(table.getByRole('button')).toHaveCount(0);
});
