/**
 * A moment as the workbench shows it, "2026-11-22 03:41:16": UTC, to the
 * second. Activity, histories, revisions and the span popover all use it, so
 * one event reads the same on every page whatever the browser's locale and
 * time zone, and a server render matches the browser's.
 */
export function utcTime(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').slice(0, 19);
}
