import { CHUNK_CHARS } from './chunk-size';

const HEX = '0123456789abcdef';
/**
 * What JSON.stringify writes for each byte below 0x80 that it escapes (as
 * bytes), or null: the short forms, then \u00xx in lowercase hex. Bytes from
 * 0x80 up are parts of UTF-8 sequences and pass unchanged, as JSON.stringify
 * passes every character but lone surrogates (which UTF-8 cannot hold).
 */
const ESCAPES: (Buffer | null)[] = Array.from({ length: 128 }, (_, c) => {
  const short: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\' };
  if (short[c]) return Buffer.from(short[c], 'latin1');
  return c < 0x20 ? Buffer.from(`\\u00${HEX[c >> 4]}${HEX[c & 15]}`, 'latin1') : null;
});
const NEEDS_ESCAPE = new Uint8Array(256).map((_, c) => (c < 128 && ESCAPES[c] ? 1 : 0));

/** Room kept beyond a chunk, so that one small write never needs a check of its own. */
const SLACK = 4096;
/** The export's byte chunks: CHUNK_CHARS (64 K) is about as many bytes for the mostly-ASCII JSON. */
const CHUNK_BYTES = CHUNK_CHARS;

/**
 * Writes JSON as UTF-8 bytes into chunks of about 64 KB, copying bytes that
 * are already JSON (fixed pieces, cached fragments) and escaping text bytes
 * as JSON.stringify would: the export's items are assembled from the rows'
 * bytes without a JS string per field. `take()` hands over the chunks that
 * are full.
 */
export class JsonBytes {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES + SLACK);
  private pos = 0;
  private full: Buffer[] = [];

  /** Makes room for `n` more bytes, closing the current chunk first if it is full. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length && this.pos < CHUNK_BYTES) return;
    if (this.pos > 0) this.full.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES + SLACK, n));
    this.pos = 0;
  }

  /** Bytes that are already what the output must hold. */
  raw(bytes: Buffer): void {
    const n = bytes.length;
    this.room(n);
    const out = this.buf;
    let p = this.pos;
    // A native copy costs about as much as a dozen bytes copied one by one.
    if (n < 12) for (let i = 0; i < n; i++) out[p++] = bytes[i];
    else {
      out.set(bytes, p);
      p += n;
    }
    this.pos = p;
  }

  /** A JS string written as UTF-8, unescaped (JSON made elsewhere, a number). */
  str(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A number as JSON.stringify writes it; an int4 column's value without making a string. */
  num(n: number): void {
    this.room(24);
    if (!Number.isInteger(n) || Math.abs(n) > 2 ** 31) {
      this.pos += this.buf.write(String(n), this.pos, 'latin1');
      return;
    }
    const out = this.buf;
    if (n < 0) {
      out[this.pos++] = 45; // '-'
      n = -n;
    }
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    do {
      const q = Math.floor(n / 10);
      out[--p] = 48 + n - q * 10;
      n = q;
    } while (n > 0);
  }

  /**
   * Epoch milliseconds as Date.prototype.toISOString writes them
   * (2026-01-31T09:05:00.000Z), digit by digit: every span has two, and
   * making a Date and a string for each was a tenth of the export's time.
   */
  isoTime(ms: number): void {
    const days = Math.floor(ms / 86_400_000);
    // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
    const z = days + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (!Number.isInteger(ms) || year < 0 || year > 9999) {
      // Years toISOString writes with a sign and six digits; never in our data.
      this.str(new Date(ms).toISOString());
      return;
    }
    let rest = ms - days * 86_400_000;
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = Math.floor(rest / 1000);
    const millis = rest - seconds * 1000;
    this.room(24);
    const out = this.buf;
    const p = this.pos;
    const century = Math.floor(year / 100);
    const yy = year - century * 100;
    out[p] = 48 + Math.floor(century / 10);
    out[p + 1] = 48 + (century % 10);
    out[p + 2] = 48 + Math.floor(yy / 10);
    out[p + 3] = 48 + (yy % 10);
    out[p + 4] = 45; // -
    out[p + 5] = 48 + Math.floor(month / 10);
    out[p + 6] = 48 + (month % 10);
    out[p + 7] = 45;
    out[p + 8] = 48 + Math.floor(day / 10);
    out[p + 9] = 48 + (day % 10);
    out[p + 10] = 84; // T
    out[p + 11] = 48 + Math.floor(hours / 10);
    out[p + 12] = 48 + (hours % 10);
    out[p + 13] = 58; // :
    out[p + 14] = 48 + Math.floor(minutes / 10);
    out[p + 15] = 48 + (minutes % 10);
    out[p + 16] = 58;
    out[p + 17] = 48 + Math.floor(seconds / 10);
    out[p + 18] = 48 + (seconds % 10);
    out[p + 19] = 46; // .
    out[p + 20] = 48 + Math.floor(millis / 100);
    out[p + 21] = 48 + (Math.floor(millis / 10) % 10);
    out[p + 22] = 48 + (millis % 10);
    out[p + 23] = 90; // Z
    this.pos = p + 24;
  }

  /** The UTF-8 bytes `src[start, end)` as the inside of a JSON string (no quotes). */
  escaped(src: Buffer, start: number, end: number): void {
    // At most 6 bytes out per byte in (\u00xx).
    this.room((end - start) * 6);
    const out = this.buf;
    let p = this.pos;
    for (let i = start; i < end; i++) {
      const c = src[i];
      if (NEEDS_ESCAPE[c] === 0) out[p++] = c;
      else {
        const e = ESCAPES[c]!;
        for (let k = 0; k < e.length; k++) out[p++] = e[k];
      }
    }
    this.pos = p;
  }

  /** The chunks filled so far (each about 64 KB), handed over. */
  take(): Buffer[] {
    const chunks = this.full;
    this.full = [];
    return chunks;
  }

  /** Everything written so far, the last chunk included; the writer starts afresh. */
  flush(): Buffer[] {
    if (this.pos > 0) this.full.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES + SLACK);
    this.pos = 0;
    return this.take();
  }
}
