import { AppError } from '@/lib/errors';
import type { NewArticle } from '@/lib/articles/article-fields';
import { readLineBlocks } from './read-line-blocks';
import { toNewArticle } from './record';

/**
 * JSON Lines, one article per line, validated as it is read (blank lines are
 * skipped). Errors name the line: the first bad one stops the import.
 */
export async function* readJsonl(file: string, name: string): AsyncGenerator<NewArticle> {
  for await (const block of readLineBlocks(file, name)) {
    const lines = block.text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue;
      const number = block.firstLine + i;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (e) {
        throw new AppError('BAD_REQUEST', `${name}, line ${number}: not valid JSON (${(e as Error).message})`, { line: String(number) });
      }
      yield toNewArticle(raw, { file: name, line: number });
    }
  }
}
