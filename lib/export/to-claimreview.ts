import type { ExportClaim, ExportClaimArticle, ExportScope } from './types';

/**
 * schema.org ClaimReview (https://schema.org/ClaimReview): a JSON array with
 * one ClaimReview per claim of the project that carries a verdict.
 *
 * - `claimReviewed`: the claim's text; `reviewRating`: a Rating whose
 *   `alternateName` is the verdict (the project keeps no numeric scale) and
 *   `ratingExplanation` its reason, if given; `url`: the claim's page;
 *   `author`: the project, as an Organization; `datePublished`: the day the
 *   verdict was given (a later rewording of the claim does not move it).
 * - `itemReviewed` is the Claim: one CreativeWork `appearance` per distinct
 *   article among its spans in scope (approved by default), earliest
 *   published first; `firstAppearance` the earliest-published of them (left
 *   out when none has a date) and `datePublished` its date; `author` the
 *   speaker named most often on its assertion spans (ties: the one named
 *   first), typed Organization when the name looks like one (see
 *   `claimantType`), else Person.
 */

const CONTEXT = 'https://schema.org';

const ORGANIZATION_WORDS =
  /\b(ministry|ministries|government|administration|office|agency|department|party|council|committee|commission|parliament|congress|senate|assembly|police|army|military|forces|navy|embassy|bank|company|corporation|corp|inc|ltd|llc|plc|gmbh|group|university|institute|foundation|association|union|organi[sz]ation|federation|league|news|press|authority|bureau|campaign|coalition|alliance|movement|network|centre|center|society)\b/i;

/**
 * Whether a speaker reads as an Organization: a word like Ministry, Party,
 * Agency, Inc.; or an acronym of two to six capitals (NATO, UN, WHO). Anything
 * else is taken for a Person.
 */
export function claimantType(name: string): 'Person' | 'Organization' {
  const trimmed = name.trim();
  if (ORGANIZATION_WORDS.test(trimmed) || /^\p{Lu}{2,6}$/u.test(trimmed)) return 'Organization';
  return 'Person';
}

const articleUrl = (scope: ExportScope, a: ExportClaimArticle) => a.url ?? `${scope.baseUrl}/articles/${a.id}`;

function creativeWork(scope: ExportScope, a: ExportClaimArticle) {
  return {
    '@type': 'CreativeWork',
    url: articleUrl(scope, a),
    headline: a.title,
    ...(a.published && { datePublished: a.published }),
    ...(a.author && { author: { '@type': claimantType(a.author), name: a.author } }),
    ...(a.outlet && { publisher: { '@type': 'Organization', name: a.outlet } }),
  };
}

/** The most frequent speaker on the claim's assertion spans; ties go to the one met first. */
export function mainSpeaker(claim: ExportClaim): string | null {
  const counts = new Map<string, number>();
  for (const s of claim.spans) {
    const name = s.label === 'assertion' ? s.speaker?.trim() : undefined;
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [name, n] of counts) if (best === null || n > counts.get(best)!) best = name;
  return best;
}

export const hasVerdict = (claim: ExportClaim): claim is ExportClaim & { verdict: string } => Boolean(claim.verdict?.trim());

export function claimToClaimReview(scope: ExportScope, claim: ExportClaim & { verdict: string }) {
  const articles = [...new Map(claim.spans.map((s) => [s.article.id, s.article])).values()].sort(
    (a, b) => (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') || a.id.localeCompare(b.id),
  );
  const first = articles.find((a) => a.published);
  const speaker = mainSpeaker(claim);
  return {
    '@context': CONTEXT,
    '@type': 'ClaimReview',
    url: `${scope.baseUrl}/claims/${claim.id}`,
    claimReviewed: claim.text,
    datePublished: (claim.verdictAt ?? claim.updatedAt).toISOString().slice(0, 10),
    author: { '@type': 'Organization', name: scope.projectName, url: scope.baseUrl },
    reviewRating: { '@type': 'Rating', alternateName: claim.verdict.trim(), ...(claim.verdictNote?.trim() && { ratingExplanation: claim.verdictNote.trim() }) },
    itemReviewed: {
      '@type': 'Claim',
      appearance: articles.map((a) => creativeWork(scope, a)),
      ...(first && { firstAppearance: creativeWork(scope, first), datePublished: first.published }),
      ...(speaker && { author: { '@type': claimantType(speaker), name: speaker } }),
    },
  };
}

/** Streams the JSON array, one ClaimReview per line; claims without a verdict are skipped. */
export async function* toClaimReview(scope: ExportScope, claims: AsyncIterable<ExportClaim>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const claim of claims) {
    if (!hasVerdict(claim)) continue;
    yield (first ? '\n' : ',\n') + JSON.stringify(claimToClaimReview(scope, claim));
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
