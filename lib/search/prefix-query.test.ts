import { describe, expect, it } from 'vitest';
import { prefixQuery } from './prefix-query';

describe('prefixQuery', () => {
  it('matches every word as a word beginning', () => {
    expect(prefixQuery('cyberatt')).toBe('cyberatt:*');
    expect(prefixQuery('  Iran  orchestr ')).toBe('Iran:* & orchestr:*');
  });

  it('keeps letters and digits of any script, and nothing that is tsquery syntax', () => {
    expect(prefixQuery("O'Brien's (3.5%) & | ! <-> :* 阿尔巴尼亚")).toBe("O:* & Brien:* & s:* & 3:* & 5:* & 阿尔巴尼亚:*");
    expect(prefixQuery('%_%')).toBeNull();
  });

  it('leaves web search syntax to be taken exactly: phrases, exclusions, or', () => {
    expect(prefixQuery('"orchestrated the cyberattack"')).toBeNull();
    expect(prefixQuery('iran -oil')).toBeNull();
    expect(prefixQuery('iran or albania')).toBeNull();
    expect(prefixQuery('oranges orbit')).toBe('oranges:* & orbit:*');
    expect(prefixQuery('pro-government')).toBe('pro:* & government:*');
  });
});
