import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const ROOT = path.resolve(__dirname, '..');
export const DATA_DIR = path.join(ROOT, '.data');

/** Loads .env (if any) without overriding variables already set. */
export function loadDotEnv() {
  const file = path.join(ROOT, '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

/**
 * AUTH_SECRET signs session cookies. Locally, one is generated once and kept in
 * .data/ so sessions survive restarts; production must set it explicitly.
 */
export function ensureAuthSecret() {
  if (process.env.AUTH_SECRET) return;
  if (process.env.NODE_ENV === 'production') throw new Error('AUTH_SECRET must be set in production');
  const file = path.join(DATA_DIR, 'auth-secret');
  fs.mkdirSync(DATA_DIR, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  process.env.AUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}
