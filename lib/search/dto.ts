// Types only.
import type { Label } from '@/lib/annotations/dto';
import type { Highlight } from './marked-text';

export type SearchArticleHit = { id: string; title: string; outlet: string | null; snippet: string | null; hits: number };
export type SearchSentenceHit = {
  sentenceId: string;
  articleId: string;
  articleTitle: string;
  outlet: string | null;
  /** Code points over the article text; the reader scrolls to #cp-<start>. */
  start: number;
  end: number;
  text: string;
  highlights: Highlight[];
};
export type SearchSpanHit = { id: string; articleId: string; articleTitle: string; exact: string; label: Label; start: number; end: number };

export type SearchResultDto = {
  q: string;
  /** 1-based: each list starts where the page before it stopped. */
  page: number;
  articles: SearchArticleHit[];
  sentences: SearchSentenceHit[];
  spans: SearchSpanHit[];
  /** Which lists stop at their limit with more matches left (the best-ranked come first). */
  more: { articles: boolean; sentences: boolean; spans: boolean };
};
