import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/config';
import { checkSignInAllowed, clientIp } from '@/lib/auth/sign-in-throttle';

export const { GET } = handlers;

/**
 * Credentials sign-in posts here. Past the failure limit (per account and per
 * IP) it answers 429 with Retry-After before any password is checked; the
 * limit itself is also enforced inside authorize() for the login form's
 * server action, which does not pass through this route.
 */
export async function POST(request: NextRequest) {
  if (new URL(request.url).pathname.endsWith('/callback/credentials')) {
    const form = await request.clone().formData().catch(() => null);
    const email = String(form?.get('email') ?? '').trim().toLowerCase();
    const { allowed, retryAfterSeconds } = await checkSignInAllowed(email, clientIp(request.headers));
    if (!allowed) {
      return Response.json(
        { error: { code: 'TOO_MANY_REQUESTS', message: 'Too many failed sign-ins; try again later' } },
        { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
      );
    }
  }
  return handlers.POST(request);
}
