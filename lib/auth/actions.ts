'use server';
import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn, signOut } from './config';
import { findUnstorableField } from '@/lib/api/unstorable-text';

export type LoginState = { error?: string };

/** Only same-site paths: `next` must never send a user to another origin. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === 'string' ? value : '';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export async function loginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  if (findUnstorableField(form)) return { error: 'Wrong email or password.' };
  try {
    await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirectTo: safeNext(form.get('next')),
    });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === 'throttled') {
      return { error: 'Too many failed attempts. Wait 15 minutes and try again.' };
    }
    if (error instanceof AuthError) return { error: 'Wrong email or password.' };
    throw error; // includes Next's redirect on success
  }
}

export async function logoutAction() {
  await signOut({ redirectTo: '/login' });
}
