import { describe, expect, it } from 'vitest';
import { isSpanVisible, spanVisibility, visibleSpanSql, visibleSpanWhere } from './span-visibility';

const rule = (roles: ('admin' | 'analyst' | 'reviewer')[], independentAnnotation: boolean, articleOpened?: boolean) =>
  spanVisibility({ userId: 'me', roles, independentAnnotation, articleOpened });

describe('span visibility', () => {
  it('hides other analysts’ spans only from analysts, only in independent projects, only until the article is opened', () => {
    expect(rule(['analyst'], true)).toEqual({ everything: false, userId: 'me' });
    expect(rule(['analyst'], false)).toEqual({ everything: true });
    expect(rule(['analyst'], true, true)).toEqual({ everything: true });
    expect(rule(['reviewer'], true)).toEqual({ everything: true });
    expect(rule(['admin'], true)).toEqual({ everything: true });
    expect(rule(['analyst', 'reviewer'], true)).toEqual({ everything: true });
  });

  it('lets a restricted analyst see their own spans and any span of an opened article', () => {
    const own = rule(['analyst'], true);
    expect(isSpanVisible(own, { authorId: 'me', articleOpened: false })).toBe(true);
    expect(isSpanVisible(own, { authorId: 'other', articleOpened: false })).toBe(false);
    expect(isSpanVisible(own, { authorId: 'other', articleOpened: true })).toBe(true);
    expect(isSpanVisible(rule(['reviewer'], true), { authorId: 'other', articleOpened: false })).toBe(true);
  });

  it('renders the same rule as a Prisma where and an SQL condition, and adds nothing when everything is visible', () => {
    expect(visibleSpanWhere({ everything: true })).toEqual({});
    expect(visibleSpanWhere({ everything: false, userId: 'me' })).toEqual({ OR: [{ authorId: 'me' }, { article: { comparison: { isNot: null } } }] });
    expect(visibleSpanSql({ everything: true }, 'a').sql).toBe('TRUE');
    const sql = visibleSpanSql({ everything: false, userId: 'me' }, 'a');
    expect(sql.sql).toContain('a."authorId" = ?');
    expect(sql.values).toEqual(['me']);
    expect(() => visibleSpanSql({ everything: false, userId: 'me' }, 'a; DROP TABLE x')).toThrow();
  });
});
