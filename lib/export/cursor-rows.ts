import 'server-only';
import type pg from 'pg';
import type { ExportStatement } from './export-sql';

export type Row = unknown[];

/**
 * Queries on one connection, one after the other: several cursors share the
 * connection and each asks for its next batch ahead of time, so a query is
 * often sent while another is still under way (pg would queue it too, but
 * deprecates that).
 */
export function serialQueries(client: pg.ClientBase) {
  let tail: Promise<unknown> = Promise.resolve();
  return (text: string, values?: unknown[]): Promise<Row[]> => {
    const result = tail.then(() => client.query<Row>({ text, values, rowMode: 'array' })).then((r) => r.rows);
    tail = result.catch(() => {});
    return result;
  };
}
export type SerialQueries = ReturnType<typeof serialQueries>;

/**
 * The rows of one SQL cursor (DECLARE … CURSOR in the caller's transaction),
 * fetched `batch` at a time as arrays. The next batch is asked for as soon as
 * one arrives, so PostgreSQL reads it while this process writes the current
 * one (two cores at work instead of one taking turns).
 *
 * `row()` is synchronous and the loop that consumes rows calls `more()` only
 * when a batch is used up: no await per row.
 */
export class CursorRows {
  private rows: Row[] = [];
  private at = 0;
  private pending: Promise<Row[]> | null = null;

  private constructor(
    private readonly query: SerialQueries,
    private readonly name: string,
    private readonly batch: number,
    private readonly onBatch?: (rows: Row[]) => Promise<void>,
  ) {}

  /**
   * Declares the cursor and asks for its first batch. `name` is ours, never
   * user input. `onBatch` sees each batch before its rows are handed out
   * (to look up what the rows only name).
   */
  static async open(query: SerialQueries, name: string, statement: ExportStatement, batch: number, onBatch?: (rows: Row[]) => Promise<void>) {
    await query(`DECLARE ${name} NO SCROLL CURSOR FOR ${statement.text}`, statement.values);
    const cursor = new CursorRows(query, name, batch, onBatch);
    cursor.pending = cursor.fetch();
    return cursor;
  }

  private fetch(): Promise<Row[]> {
    const p = this.query(`FETCH ${this.batch} FROM ${this.name}`);
    // Awaited by more(); an export abandoned mid-way must not leave an unhandled rejection behind.
    p.catch(() => {});
    return p;
  }

  /** The current row, or undefined when the batch in hand is used up (then call `more()`). */
  row(): Row | undefined {
    return this.rows[this.at];
  }

  /** Moves past the current row. */
  next(): void {
    this.at++;
  }

  /** Takes the next batch; false at the end of the cursor. */
  async more(): Promise<boolean> {
    if (!this.pending) return false;
    const rows = await this.pending;
    this.pending = null;
    if (this.onBatch && rows.length) await this.onBatch(rows);
    // A short batch is the last one: no FETCH after it.
    if (rows.length === this.batch) this.pending = this.fetch();
    this.rows = rows;
    this.at = 0;
    return rows.length > 0;
  }

  /** Waits for a FETCH still under way, so the connection is idle before the transaction ends. */
  async settle(): Promise<void> {
    await this.pending?.catch(() => {});
    this.pending = null;
  }
}
