import { LABELS, type Label } from '@/lib/annotations/dto';
import { binaryCodes, characterCodes } from './character-codes';
import { cohenKappa, type KappaResult } from './cohen-kappa';
import { findMismatches, type AnnotatorSpan, type MismatchReason } from './find-mismatches';
import { krippendorffAlphaNominal, type AlphaResult } from './krippendorff-alpha';

export type ArticleAnnotations = {
  id: string;
  /** Code points of the canonical text. */
  length: number;
  /**
   * Spans per annotator. Being listed, even with no spans, means the annotator read the article
   * and found nothing to mark: every character counts as 'none' for them. An annotator not
   * listed did not annotate it, and the article does not count for them at all.
   */
  byAnnotator: Record<string, readonly AnnotatorSpan[]>;
};

export type Mismatch = {
  articleId: string;
  /** Whose span this is; the pair's other annotator has no exact twin of it. */
  annotator: string;
  spanId: string;
  start: number;
  end: number;
  label: string;
  reason: MismatchReason;
};

export type PairAgreement = {
  a: string;
  b: string;
  /** Articles both annotated. */
  articles: number;
  /** Characters (code points) compared: the summed length of those articles. */
  items: number;
  /** Kappa over one code per character (character-codes.ts resolves a character's overlapping labels). */
  overall: KappaResult;
  /** Kappa of 'has this label' yes/no per character; null kappa when neither annotator used the label. */
  perLabel: Record<Label, KappaResult>;
  mismatches: Mismatch[];
};

export type AgreementReport = {
  /** Everyone listed for at least one article, sorted. */
  annotators: string[];
  /** One entry per pair (a < b) who share at least one article. */
  pairs: PairAgreement[];
  /**
   * Nominal alpha over all annotators at once, with every character of every article as a unit
   * and a missing value where an annotator did not annotate the article. Defined for two as for
   * more (INCEpTION reports it for a pair too); null with fewer than two, who agree with nobody.
   */
  alpha: AlphaResult | null;
};

type Coded = { overall: string[]; perLabel: Record<Label, string[]> };

export function compareAnnotators(articles: readonly ArticleAnnotations[]): AgreementReport {
  const annotators = [...new Set(articles.flatMap((art) => Object.keys(art.byAnnotator)))].sort();
  // Each annotator's codes for an article, made once and shared by every pair and by alpha.
  const coded = articles.map((art) => {
    const byName = new Map<string, Coded>();
    for (const [name, spans] of Object.entries(art.byAnnotator)) byName.set(name, codeArticle(art, name, spans));
    return byName;
  });

  const pairs: PairAgreement[] = [];
  for (let i = 0; i < annotators.length; i++) {
    for (let j = i + 1; j < annotators.length; j++) {
      const pair = comparePair(articles, coded, annotators[i]!, annotators[j]!);
      if (pair) pairs.push(pair);
    }
  }

  const alpha = annotators.length >= 2 ? krippendorffAlphaNominal(characterUnits(articles, coded, annotators)) : null;
  return { annotators, pairs, alpha };
}

function comparePair(
  articles: readonly ArticleAnnotations[],
  coded: Map<string, Coded>[],
  a: string,
  b: string,
): PairAgreement | null {
  const overall: [string[], string[]] = [[], []];
  const perLabel = Object.fromEntries(LABELS.map((l) => [l, [[], []] as [string[], string[]]])) as Record<Label, [string[], string[]]>;
  const mismatches: Mismatch[] = [];
  let shared = 0;
  articles.forEach((art, k) => {
    const ca = coded[k]!.get(a);
    const cb = coded[k]!.get(b);
    if (!ca || !cb) return;
    shared++;
    append(overall, ca.overall, cb.overall);
    for (const l of LABELS) append(perLabel[l], ca.perLabel[l], cb.perLabel[l]);
    for (const [who, mine, theirs] of [
      [a, art.byAnnotator[a]!, art.byAnnotator[b]!],
      [b, art.byAnnotator[b]!, art.byAnnotator[a]!],
    ] as const) {
      for (const { span, reason } of findMismatches(byPosition(mine), theirs)) {
        mismatches.push({ articleId: art.id, annotator: who, spanId: span.id, start: span.start, end: span.end, label: span.label, reason });
      }
    }
  });
  if (shared === 0) return null;
  return {
    a,
    b,
    articles: shared,
    items: overall[0].length,
    overall: cohenKappa(...overall),
    perLabel: Object.fromEntries(LABELS.map((l) => [l, cohenKappa(...perLabel[l])])) as Record<Label, KappaResult>,
    mismatches,
  };
}

function codeArticle(art: ArticleAnnotations, name: string, spans: readonly AnnotatorSpan[]): Coded {
  try {
    return {
      overall: characterCodes(art.length, spans),
      perLabel: Object.fromEntries(LABELS.map((l) => [l, binaryCodes(art.length, spans, l)])) as Record<Label, string[]>,
    };
  } catch (e) {
    // Say which article and annotator: the bare range error does not.
    throw new RangeError(`Article ${art.id}, annotator ${name}: ${(e as Error).message}`, { cause: e });
  }
}

/** Characters as alpha's units, one value per annotator; streamed so no article-sized matrix is built. */
function* characterUnits(articles: readonly ArticleAnnotations[], coded: Map<string, Coded>[], annotators: string[]) {
  for (let k = 0; k < articles.length; k++) {
    const rows = annotators.map((name) => coded[k]!.get(name)?.overall ?? null);
    for (let i = 0; i < articles[k]!.length; i++) yield rows.map((row) => (row ? row[i]! : null));
  }
}

// Loops, not push(...codes): spreading an article-sized array can overflow the call stack.
function append(into: [string[], string[]], a: readonly string[], b: readonly string[]) {
  for (const code of a) into[0].push(code);
  for (const code of b) into[1].push(code);
}

/** Mismatches come out in reading order, whatever order the spans were stored in. */
function byPosition(spans: readonly AnnotatorSpan[]): AnnotatorSpan[] {
  return [...spans].sort((x, y) => x.start - y.start || x.end - y.end || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
