import { expect, type Page } from '@playwright/test';
import { TEST_PASSWORD } from '../test/factories';

export { makeTeam, makeToken, makeUser, makeArticle, addMember, testDb, TEST_PASSWORD } from '../test/factories';

/** Signs in through the real login form. */
export async function signIn(page: Page, email: string, password = TEST_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText(email);
}

/** Code-point offsets of `needle` in `text` (what the API takes). */
export function cpRange(text: string, needle: string, from = 0) {
  const unit = text.indexOf(needle, from);
  if (unit < 0) throw new Error(`"${needle}" not in text`);
  const start = Array.from(text.slice(0, unit)).length;
  return { start, end: start + Array.from(needle).length };
}
