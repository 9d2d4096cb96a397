import { AppError } from '@/lib/errors';
import type { NewArticle } from '@/lib/articles/article-fields';
import { FileProblems } from './file-problems';
import { readLineBlocks } from './read-line-blocks';
import { toNewArticle } from './record';

/**
 * JSON Lines, one article per line, validated as it is read (blank lines are
 * skipped). Errors name the line. After the first bad line no more articles
 * are handed out (the import will store nothing), but the rest of the file is
 * still checked, so that its error lists every bad line (FileProblems).
 */
export async function* readJsonl(file: string, name: string, onBytes?: (read: number) => void): AsyncGenerator<NewArticle> {
  const problems = new FileProblems(name);
  try {
    for await (const block of readLineBlocks(file, name, { onBytes })) {
      const lines = block.text.split('\n');
      for (const [i, line] of lines.entries()) {
        if (!line.trim()) continue;
        const number = block.firstLine + i;
        try {
          const article = toNewArticle(parseLine(line, name, number), { file: name, line: number });
          if (!problems.any) yield article;
        } catch (e) {
          problems.add(e);
        }
      }
    }
  } catch (e) {
    // Bad UTF-8 or an overlong line: the reader cannot go on.
    throw problems.stop(e);
  }
  problems.finish();
}

function parseLine(line: string, name: string, number: number): unknown {
  try {
    return JSON.parse(line);
  } catch (e) {
    throw new AppError('BAD_REQUEST', `${name}, line ${number}: not valid JSON (${(e as Error).message})`, { line: String(number) });
  }
}
