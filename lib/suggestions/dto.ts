// Types only.
import type { RankedSentence } from './rank-sentences';

/** A candidate passage for a span: a sentence of another article of the project. */
export type SuggestionDto = RankedSentence;

export type DismissalDto = { annotationId: string; sentenceId: string; createdAt: string };
