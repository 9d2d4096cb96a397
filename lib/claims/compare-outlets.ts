import { UNKNOWN_OUTLET } from './dto';

/** Outlet names A–Z, case-insensitively, with "Unknown outlet" last. */
export function compareOutlets(a: string, b: string): number {
  if (a === b) return 0;
  if (a === UNKNOWN_OUTLET) return 1;
  if (b === UNKNOWN_OUTLET) return -1;
  return a.localeCompare(b, 'en', { sensitivity: 'base' });
}
