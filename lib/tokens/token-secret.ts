import { createHash, randomBytes } from 'node:crypto';

/** Tokens look like `cc_<43 url-safe chars>`; only their sha256 is stored. */
export const TOKEN_PREFIX = 'cc_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
