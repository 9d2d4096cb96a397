import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { verifyPassword } from './password';
import { startSession, endSession, SESSION_MAX_AGE_SECONDS } from './user-session';
import { db } from '@/lib/db/client';
import { checkSignInAllowed, recordSignInFailure, clearSignInFailures, clientIp } from './sign-in-throttle';

const credentialsInput = z.object({ email: z.string().trim().toLowerCase().email().max(320), password: z.string().min(1).max(1024) });

class ThrottledSignIn extends CredentialsSignin {
  code = 'throttled';
}

/**
 * next-auth with credentials and JWT sessions. The JWT only carries the id of
 * a UserSession row: every request checks that row (lib/auth/caller.ts), so
 * signing out revokes the cookie server-side, not just in the browser.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, request) {
        const parsed = credentialsInput.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const ip = request?.headers ? clientIp(request.headers) : 'local';
        if (!(await checkSignInAllowed(email, ip)).allowed) throw new ThrottledSignIn();
        const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, passwordHash: true } });
        if (!user || !(await verifyPassword(user.passwordHash, password))) {
          await recordSignInFailure(email, ip);
          return null;
        }
        await clearSignInFailures(email);
        return { id: user.id, name: user.name, email: user.email };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sid = await startSession(user.id);
      }
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      // The session-row id is checked on every request (lib/auth/caller.ts).
      return Object.assign(session, { sid: token.sid });
    },
  },
  events: {
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (typeof sid === 'string') await endSession(sid);
    },
  },
});
