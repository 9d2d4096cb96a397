import 'server-only';

/** `PGCOPY\n\377\r\n\0`, then 32-bit flags and the length of a header extension. */
const SIGNATURE_LENGTH = 11;
/** Milliseconds from the Unix epoch to PostgreSQL's (2000-01-01). */
const PG_EPOCH_MS = 946_684_800_000;

/**
 * The rows of `COPY (…) TO STDOUT (FORMAT binary)`, read straight from the
 * bytes PostgreSQL sends: each field is a length and its bytes (text as
 * UTF-8, integers and timestamps big-endian), so a row costs no JS string or
 * object unless the caller asks for one. The stream arrives in chunks that
 * cut rows anywhere: `push` a chunk, then `next()` until it answers false
 * (the rest of an unfinished row is kept for the next chunk).
 *
 * Field accessors take the column's position and are valid until the next
 * `next()` or `push()`.
 */
export class BinaryCopyRows {
  buf: Buffer = Buffer.alloc(0);
  private at = 0;
  private work: Buffer | undefined;
  private headerRead = false;
  /** The trailer (-1 fields) was read: the COPY's data is complete. */
  ended = false;
  /** Where each field of the current row starts and ends in `buf` (start -1: NULL). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;

  constructor(private readonly columns: number) {
    this.starts = new Int32Array(columns);
    this.ends = new Int32Array(columns);
  }

  push(chunk: Buffer): void {
    const left = this.buf.length - this.at;
    if (left === 0) {
      this.buf = chunk;
      this.at = 0;
      return;
    }
    // A row cut by the chunk's edge: what is left of it and the new chunk go
    // into one buffer, kept from chunk to chunk (a new one each time would be
    // as many bytes of garbage as the export reads).
    if (!this.work || this.work.length < left + chunk.length) this.work = Buffer.allocUnsafeSlow(Math.max(2 * (left + chunk.length), 128 * 1024));
    this.buf.copy(this.work, 0, this.at);
    chunk.copy(this.work, left);
    this.buf = this.work.subarray(0, left + chunk.length);
    this.at = 0;
  }

  /** Moves to the next complete row; false when the chunks so far hold none (or the data ended). */
  next(): boolean {
    const b = this.buf;
    let p = this.at;
    if (!this.headerRead) {
      if (b.length - p < SIGNATURE_LENGTH + 8) return false;
      const extension = b.readUInt32BE(p + SIGNATURE_LENGTH + 4);
      if (b.length - p < SIGNATURE_LENGTH + 8 + extension) return false;
      p += SIGNATURE_LENGTH + 8 + extension;
      this.at = p;
      this.headerRead = true;
    }
    if (this.ended || b.length - p < 2) return false;
    const fields = b.readInt16BE(p);
    if (fields === -1) {
      this.ended = true;
      this.at = p + 2;
      return false;
    }
    if (fields !== this.columns) throw new Error(`COPY row has ${fields} fields, expected ${this.columns}`);
    p += 2;
    for (let i = 0; i < fields; i++) {
      if (b.length - p < 4) return false;
      const length = b.readInt32BE(p);
      p += 4;
      if (length < 0) {
        this.starts[i] = -1;
        this.ends[i] = -1;
        continue;
      }
      if (b.length - p < length) return false;
      this.starts[i] = p;
      this.ends[i] = p + length;
      p += length;
    }
    this.at = p;
    return true;
  }

  isNull(i: number): boolean {
    return this.starts[i] < 0;
  }

  /** An int4 column. */
  int(i: number): number {
    return this.buf.readInt32BE(this.starts[i]);
  }

  /** A timestamp column as epoch milliseconds (binary: int8 microseconds since 2000-01-01). */
  epochMs(i: number): number {
    const p = this.starts[i];
    // hi·2³² + lo can pass 2⁵³ (past the year 2285): divided by 1000 in
    // parts, as 2³² = 4,294,967·1000 + 296, every step stays exact.
    const hi = this.buf.readInt32BE(p);
    const rest = hi * 296 + this.buf.readUInt32BE(p + 4);
    let ms = Math.floor(rest / 1000);
    const r = rest - ms * 1000;
    if (r < 0) ms--;
    else if (r >= 1000) ms++;
    return hi * 4_294_967 + ms + PG_EPOCH_MS;
  }

  /** A text column as a string (only where a string is needed). */
  text(i: number): string {
    return this.buf.toString('utf8', this.starts[i], this.ends[i]);
  }

  /** Whether column `i` holds exactly the bytes of `other` (compared without making a string). */
  same(i: number, other: Buffer): boolean {
    const s = this.starts[i];
    const length = this.ends[i] - s;
    if (length !== other.length) return false;
    for (let k = 0; k < length; k++) if (this.buf[s + k] !== other[k]) return false;
    return true;
  }
}
