import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependenciesAreStale } from './stale-build';

/** A checkout with a lock file and what npm recorded installing, the lock file written last (a fresh clone's date). */
function checkout(lock: object, installed: object): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-stale-'));
  fs.mkdirSync(path.join(root, 'node_modules'));
  fs.writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), JSON.stringify(installed));
  fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify(lock));
  const later = new Date(Date.now() + 60_000);
  fs.utimesSync(path.join(root, 'package-lock.json'), later, later);
  return root;
}

const lock = { packages: { '': { version: '0.1.0' }, 'node_modules/zod': { version: '4.1.0' }, 'node_modules/@esbuild/darwin-arm64': { version: '0.25.0', optional: true } } };

describe('dependenciesAreStale', () => {
  it('is not fooled by a lock file that is only newer: the same versions as installed are not stale', () => {
    expect(dependenciesAreStale(checkout(lock, { packages: { 'node_modules/zod': { version: '4.1.0' } } }))).toBe(false);
  });

  it('is stale when the lock file wants another version, or a package not installed', () => {
    expect(dependenciesAreStale(checkout(lock, { packages: { 'node_modules/zod': { version: '4.0.0' } } }))).toBe(true);
    expect(dependenciesAreStale(checkout({ packages: { ...lock.packages, 'node_modules/pg': { version: '8.16.0' } } }, { packages: { 'node_modules/zod': { version: '4.1.0' } } }))).toBe(true);
    expect(dependenciesAreStale(checkout(lock, { packages: { 'node_modules/zod': { version: '4.1.0' }, 'node_modules/@esbuild/darwin-arm64': { version: '0.24.0' } } }))).toBe(true);
  });

  it('is stale when nothing was installed', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-stale-'));
    fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify(lock));
    expect(dependenciesAreStale(root)).toBe(true);
  });
});
