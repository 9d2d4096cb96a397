import { describe, expect, it } from 'vitest';
import { Prisma } from '@/lib/db/generated/client';
import { SqlFragment, sql, statement } from '@/lib/db/client';

describe('statement (the pool path)', () => {
  it('numbers the values of a Prisma.sql piece among its own, and runs them on PostgreSQL', async () => {
    const piece = Prisma.sql`x = ${'b'} AND ${Prisma.sql`y = ${3}`}`;
    expect(statement`a ${1} ${new SqlFragment('z')} ${piece} ${4}`).toEqual({ text: 'a $1 z x = $2 AND y = $3 $4', values: [1, 'b', 3, 4] });
    const [row] = await sql<{ n: number }>`SELECT ${1}::int + ${Prisma.sql`${2}::int * ${Prisma.sql`${3}::int`}`} + ${4}::int AS n`;
    expect(row.n).toBe(11);
  });
});
