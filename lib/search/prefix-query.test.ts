import { describe, expect, it } from 'vitest';
import { prefixQuery } from './prefix-query';

const prefixes = (q: string) => prefixQuery(q).prefixes;

describe('prefixQuery', () => {
  it('matches every plain word as a word beginning', () => {
    expect(prefixQuery('cyberatt')).toEqual({ prefixes: 'cyberatt:*', rest: '' });
    expect(prefixes('  Iran  orchestr ')).toBe('Iran:* & orchestr:*');
  });

  it('keeps letters and digits of any script, and nothing that is tsquery syntax', () => {
    expect(prefixes("O'Brien's (3.5%) & | ! <-> :* 阿尔巴尼亚")).toBe("O:* & Brien:* & s:* & 3:* & 5:* & 阿尔巴尼亚:*");
    expect(prefixes('%_%')).toBeNull();
  });

  it('takes phrases and exclusions exactly, beside the plain words as prefixes', () => {
    expect(prefixQuery('"orchestrated the cyberattack"')).toEqual({ prefixes: null, rest: '"orchestrated the cyberattack"' });
    expect(prefixQuery('cyberatt "diplomatic ties"')).toEqual({ prefixes: 'cyberatt:*', rest: '"diplomatic ties"' });
    expect(prefixQuery('cyberatt -embassy')).toEqual({ prefixes: 'cyberatt:*', rest: '-embassy' });
    expect(prefixQuery('diplom -"Blames Iran" "severs ties')).toEqual({ prefixes: 'diplom:*', rest: '-"Blames Iran" "severs ties' });
    expect(prefixes('pro-government')).toBe('pro:* & government:*');
  });

  it('leaves a query with "or" to be taken exactly as a whole', () => {
    expect(prefixQuery('iran or albania')).toEqual({ prefixes: null, rest: 'iran or albania' });
    expect(prefixes('oranges orbit')).toBe('oranges:* & orbit:*');
  });
});
