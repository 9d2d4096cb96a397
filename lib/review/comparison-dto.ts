// Types only: shared by the comparison page, its client view and the API.
import type { AnnotationDto, Label } from '@/lib/annotations/dto';
import type { KappaResult } from '@/lib/agreement/cohen-kappa';
import type { PairKind } from './pair-spans';

export type ComparisonAnalyst = { id: string; name: string; spans: number };

/** When and by whom an article was opened for comparison. */
export type OpenedDto = { at: string; by: { id: string; name: string } | null };

/** One line of the comparison: a pair of spans (exact or partial) or a span of one analyst alone. */
export type ComparisonItem = { key: string; kind: PairKind; a: AnnotationDto | null; b: AnnotationDto | null };

export type ComparisonAgreement = {
  /** Cohen's kappa of the two analysts over this article's characters (lib/agreement). */
  overall: KappaResult;
  perLabel: Record<Label, KappaResult>;
  exact: number;
  partial: number;
  /** Overlapping spans the two tagged differently. */
  tagDiffers: number;
  onlyA: number;
  onlyB: number;
};

export type ComparisonDto = {
  article: { id: string; projectId: string; projectName: string; title: string; outlet: string | null; text: string; length: number };
  independentAnnotation: boolean;
  /** When a reviewer opened the article for comparison; null while analysts still see only their own spans. */
  opened: OpenedDto | null;
  /** Everyone with spans on the article (current text), most spans first. */
  analysts: ComparisonAnalyst[];
  /** The two analysts compared; null when the article has fewer than two. */
  a: ComparisonAnalyst | null;
  b: ComparisonAnalyst | null;
  items: ComparisonItem[];
  agreement: ComparisonAgreement | null;
};

export const ACCEPT_CHOICES = ['a', 'b', 'both', 'neither'] as const;
export type AcceptChoice = (typeof ACCEPT_CHOICES)[number];

/** Answer to a comparison decision: the spans as they are now. */
export type ComparisonDecisionDto = { a: AnnotationDto | null; b: AnnotationDto | null; opened: OpenedDto };
