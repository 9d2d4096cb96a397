import 'server-only';
import { db } from '@/lib/db/client';
import { BACKUP_TABLES } from './tables';

export const BACKUP_FORMAT = 'crosscheck-project-backup';
const PAGE = 1000;

/** Dates survive JSON as {"$date": iso}; restore turns them back. */
function encodeRow(row: Record<string, unknown>, omit: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!omit.includes(k)) out[k] = v instanceof Date ? { $date: v.toISOString() } : v;
  return out;
}

/**
 * A project, exactly, as JSON Lines: a header, then `{table, row}` lines in
 * restore order, read page by page so memory stays flat. Users of the project
 * are included with their password hashes: treat a backup as a secret.
 */
export async function* backupProject(projectId: string): AsyncGenerator<string> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { id: true, name: true } });
  if (!project) throw new Error(`No project ${projectId}`);
  yield JSON.stringify({ format: BACKUP_FORMAT, version: 1, projectId, projectName: project.name, createdAt: new Date().toISOString(), tables: BACKUP_TABLES.map((t) => t.name) }) + '\n';
  for (const table of BACKUP_TABLES) {
    const order = table.order ?? 'id';
    let cursor: unknown;
    for (;;) {
      const rows = await table.delegate(db).findMany({
        where: table.where(projectId),
        orderBy: { [order]: 'asc' },
        take: PAGE,
        ...(cursor !== undefined && { cursor: { [order]: cursor }, skip: 1 }),
      });
      for (const row of rows) yield JSON.stringify({ table: table.name, row: encodeRow(row, table.omit) }) + '\n';
      if (rows.length < PAGE) break;
      cursor = rows[rows.length - 1][order];
    }
  }
  yield JSON.stringify({ end: true }) + '\n';
}
