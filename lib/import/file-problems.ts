import { AppError } from '@/lib/errors';

/**
 * At most this many invalid records are listed for one file: enough to see a
 * mistake that repeats (a misnamed column, a date format) in one round
 * instead of one import per bad line, few enough to read.
 */
export const MAX_LISTED_PROBLEMS = 20;

/**
 * The invalid records of one file, gathered as it is read. A file with any
 * invalid record imports nothing, so after the first one the readers stop
 * handing out records (nothing more is stored only to be rolled back) but go
 * on checking the rest, and the file's error lists them all, up to
 * MAX_LISTED_PROBLEMS, each naming its line or record and field as alone.
 *
 * Only a reader's own record errors (AppError) are gathered; anything else is
 * a bug or an I/O failure and passes through.
 */
export class FileProblems {
  private readonly errors: AppError[] = [];
  private more = false;
  /** The file's error once made: handed back as it is if it comes round again. */
  private made?: AppError;

  constructor(private readonly name: string) {}

  /** True once a record was invalid: the reader then hands out no more records. */
  get any(): boolean {
    return this.errors.length > 0;
  }

  /** Notes one invalid record; throws the file's error once the list is full. */
  add(error: unknown): void {
    if (!(error instanceof AppError)) throw error;
    if (this.errors.length === MAX_LISTED_PROBLEMS) {
      this.more = true;
      throw this.error();
    }
    this.errors.push(error);
  }

  /** Reading cannot go on (a malformed CSV line, bad UTF-8): the file's error, with this problem last. */
  stop(error: unknown): AppError {
    if (!(error instanceof AppError)) return error as AppError;
    if (error === this.made) return error;
    if (this.errors.length < MAX_LISTED_PROBLEMS) this.errors.push(error);
    else this.more = true;
    return this.error();
  }

  /** At the end of the file: throws if any record was invalid. */
  finish(): void {
    if (this.any) throw this.error();
  }

  /**
   * One problem reads as it always did ("data.jsonl, line 7: field "text" is
   * missing"); several are one line each, under a count, without the file
   * name each repeats. `fields` keeps each problem's fields under where it is.
   * Only once a problem was noted.
   */
  error(): AppError {
    if (this.errors.length === 1 && !this.more) return (this.made = this.errors[0]);
    const prefix = `${this.name}, `;
    const lines = this.errors.map((e) => (e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message));
    const count = this.more ? `more than ${MAX_LISTED_PROBLEMS} invalid records, the first ${MAX_LISTED_PROBLEMS}` : `${this.errors.length} invalid records`;
    const fields: Record<string, string> = Object.create(null);
    lines.forEach((line, i) => {
      const where = line.slice(0, Math.max(0, line.indexOf(': ')));
      for (const [field, problem] of Object.entries(this.errors[i].fields ?? {})) fields[where ? `${where}: ${field}` : field] ??= problem;
    });
    return (this.made = new AppError('BAD_REQUEST', `${this.name}: ${count}:\n${lines.map((l) => `- ${l}`).join('\n')}`, fields));
  }
}
