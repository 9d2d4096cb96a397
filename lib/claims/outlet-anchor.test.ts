import { describe, expect, it } from 'vitest';
import { outletAnchor } from './outlet-anchor';

describe('outletAnchor', () => {
  it('makes a stable fragment id from any outlet name', () => {
    expect(outletAnchor('Tehran Times')).toBe('outlet-tehran-times');
    expect(outletAnchor('Gazeta Tiranë / Shqip')).toBe('outlet-gazeta-tirane-shqip');
    expect(outletAnchor('新华社')).toBe('outlet-新华社');
    expect(outletAnchor('***')).toBe('outlet-unnamed');
  });
});
