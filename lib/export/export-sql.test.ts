import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { withLiterals } from './export-sql';

const literal = (s: string) => new pg.Client().escapeLiteral(s);

describe('withLiterals (COPY takes no parameters)', () => {
  it('writes each parameter in its place as a quoted literal ($11 is not $1 followed by 1)', () => {
    const values = ['p1', ["O'Brien", 'back\\slash', '$1'], [], ...Array.from({ length: 8 }, (_, i) => `v${i + 4}`)];
    const text = 'SELECT $1, $2::text[], $3::text[], $11, $4';
    expect(withLiterals({ text, values }, literal)).toBe(
      `SELECT 'p1', ARRAY['O''Brien', E'back\\\\slash','$1']::text[], '{}'::text[], 'v11', 'v4'`,
    );
  });

  it('refuses values it cannot write as literals', () => {
    expect(() => withLiterals({ text: 'SELECT $1', values: [{}] }, literal)).toThrow();
  });
});
