/**
 * The advisories issue #6 names, with the first fixed release on each line a
 * dependency could be on. `npm audit` cannot run on these machines (the
 * registry's audit endpoint answers 405), so this list is the floor the test
 * suite holds the installed versions to; `npm audit --audit-level=high`
 * remains the check wherever it can run.
 */
export type Advisory = { id: string; what: string; fixed: Record<string, string[]> };

export const KNOWN_ADVISORIES: Advisory[] = [
  {
    id: 'CVE-2025-29927 (GHSA-f82v-jwr5-mffw)',
    what: 'Next.js middleware bypass through x-middleware-subrequest',
    fixed: { next: ['12.3.5', '13.5.9', '14.2.25', '15.2.3'] },
  },
  {
    id: 'CVE-2025-55182 / CVE-2025-66478',
    what: 'React Server Components remote code execution',
    fixed: { react: ['19.0.1', '19.1.2', '19.2.1'], 'react-dom': ['19.0.1', '19.1.2', '19.2.1'], next: ['15.0.5', '15.1.9', '15.2.6', '15.3.6', '15.4.8', '15.5.7', '16.0.7'] },
  },
  {
    id: 'CVE-2025-55184 / CVE-2025-55183',
    what: 'React Server Components denial of service and source exposure',
    fixed: { react: ['19.0.3', '19.1.4', '19.2.3'] },
  },
  {
    id: 'GHSA-5jpx-9hw9-2fx4',
    what: 'Auth.js email sign-in delivered to an attacker-controlled mailbox (nodemailer address parsing)',
    fixed: { 'next-auth': ['4.24.12', '5.0.0-beta.30'] },
  },
  {
    id: 'GHSA-7rqj-j65f-68wh',
    what: 'Auth.js email normalizer checked the address before Unicode normalization',
    fixed: { 'next-auth': ['4.24.15', '5.0.0-beta.32'] },
  },
];
