import Link from 'next/link';
import type { Metadata } from 'next';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'Not found' };

/**
 * Every 404: an unknown address, and an object of a project the caller is
 * not in (which answers exactly like one that does not exist). Rendered per
 * request, not prerendered: proxy.ts's Content-Security-Policy allows only
 * scripts carrying this request's nonce, which a static page cannot have.
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="page" data-testid="not-found">
      <h1>Not found</h1>
      <p>This page does not exist, or you may not open it: it belongs to a project you are not a member of, or it is for another role there (the review queue and agreement are for reviewers and admins).</p>
      <p>
        <Link href="/">Back to your projects</Link>
      </p>
    </main>
  );
}
