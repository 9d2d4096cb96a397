import type { BinaryCopyRows } from './binary-copy-rows';

/**
 * Output fragments made once per distinct value of a column (a status, a
 * tag, an author) and found again from the row's bytes, without making a
 * string per row: the value seen last is checked first (rows come in runs),
 * then the few others in turn, then, past a handful, a Map by string.
 */
export class ColumnCache {
  private keys: Buffer[] = [];
  private values: Buffer[] = [];
  private last = -1;
  private readonly byString = new Map<string, Buffer>();

  constructor(
    private readonly column: number,
    /** The fragment for a value not seen before; `value` is the column as text. */
    private readonly make: (value: string, rows: BinaryCopyRows) => Buffer,
    private readonly scanned = 8,
  ) {}

  get(rows: BinaryCopyRows): Buffer {
    const c = this.column;
    if (this.last >= 0 && rows.same(c, this.keys[this.last])) return this.values[this.last];
    for (let k = 0; k < this.keys.length; k++) {
      if (rows.same(c, this.keys[k])) {
        this.last = k;
        return this.values[k];
      }
    }
    const value = rows.text(c);
    let fragment = this.byString.get(value);
    if (!fragment) {
      fragment = this.make(value, rows);
      if (this.keys.length < this.scanned) {
        this.keys.push(Buffer.from(value));
        this.values.push(fragment);
        this.last = this.keys.length - 1;
      } else this.byString.set(value, fragment);
    }
    return fragment;
  }
}
