import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { zipFolders } from './zip-folder';

describe('zipFolders', () => {
  it('makes one zip per top folder, each file under its path, contents intact', async () => {
    const zips = await zipFolders([
      { path: 'corpus/manifest.json', file: new Blob(['{"articles":[]}']) },
      { path: 'corpus/a.txt', file: new Blob(['Albania 🇦🇱 cut ties.']) },
      { path: 'other/b.txt', file: new Blob(['B']) },
    ]);
    expect(zips.map((z) => z.name)).toEqual(['corpus.zip', 'other.zip']);
    const corpus = unzipSync(new Uint8Array(await zips[0].arrayBuffer()));
    expect(Object.keys(corpus).sort()).toEqual(['corpus/a.txt', 'corpus/manifest.json']);
    expect(strFromU8(corpus['corpus/a.txt'])).toBe('Albania 🇦🇱 cut ties.');
  });
});
