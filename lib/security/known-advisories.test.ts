import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { KNOWN_ADVISORIES } from './known-advisories';

const installed = (pkg: string): string => JSON.parse(fs.readFileSync(path.join(process.cwd(), 'node_modules', pkg, 'package.json'), 'utf8')).version;

/**
 * Patched when the installed version is at or past the fix of its own line
 * (same major.minor; for a prerelease, the same major.minor.patch prerelease
 * line), or past the newest fixed line altogether.
 */
function patched(version: string, fixes: string[]): boolean {
  const v = semver.parse(version)!;
  for (const fix of fixes) {
    const f = semver.parse(fix)!;
    const sameLine = f.prerelease.length > 0 ? v.major === f.major && v.minor === f.minor && v.patch === f.patch && v.prerelease.length > 0 : v.major === f.major && v.minor === f.minor;
    if (sameLine) return semver.gte(v, f, { includePrerelease: true } as semver.Options);
  }
  const newest = fixes.map((f) => semver.parse(f)!).sort(semver.compare).at(-1)!;
  return semver.gt(v, newest);
}

describe('dependencies against the advisories issue #6 names', () => {
  it('judges versions on their own release line', () => {
    expect(patched('15.2.2', ['14.2.25', '15.2.3'])).toBe(false);
    expect(patched('15.2.3', ['14.2.25', '15.2.3'])).toBe(true);
    expect(patched('14.2.24', ['14.2.25', '15.2.3'])).toBe(false);
    expect(patched('16.4.5', ['14.2.25', '15.2.3'])).toBe(true);
    expect(patched('5.0.0-beta.29', ['4.24.12', '5.0.0-beta.30'])).toBe(false);
    expect(patched('5.0.0-beta.32', ['4.24.12', '5.0.0-beta.30'])).toBe(true);
    expect(patched('4.24.11', ['4.24.12', '5.0.0-beta.30'])).toBe(false);
  });

  for (const advisory of KNOWN_ADVISORIES) {
    it(`${advisory.id}: ${advisory.what} — installed versions are fixed`, () => {
      for (const [pkg, fixes] of Object.entries(advisory.fixed)) {
        const version = installed(pkg);
        expect(patched(version, fixes), `${pkg}@${version}, fixed in ${fixes.join(' / ')}`).toBe(true);
      }
    });
  }
});
