import 'server-only';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { BACKUP_TABLES } from './tables';
import { BACKUP_FORMAT } from './backup-project';
import { indexSentences } from '@/lib/sentences/index-sentences';

const BATCH = 500;

function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && '$date' in v ? new Date((v as { $date: string }).$date) : v;
  }
  return out;
}

/**
 * Restores a backup made by backupProject into this database, in one
 * transaction: all of it or nothing. The project must not exist here (its
 * audit log cannot be overwritten); users that already exist (same id) are
 * kept as they are, and so are audit events already here (the log is append-only).
 */
export async function restoreProject(input: Readable): Promise<{ projectId: string; rows: Record<string, number> }> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let header: { format?: string; projectId?: string } | undefined;
  const byTable = new Map<string, Record<string, unknown>[]>();
  let ended = false;
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let parsed: { table?: string; row?: Record<string, unknown>; end?: boolean; format?: string; projectId?: string };
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new AppError('BAD_REQUEST', `backup, line ${lineNo}: not valid JSON`);
    }
    if (!header) {
      if (parsed.format !== BACKUP_FORMAT) throw new AppError('BAD_REQUEST', `backup, line 1: not a ${BACKUP_FORMAT} file`);
      header = parsed;
      continue;
    }
    if (parsed.end) {
      ended = true;
      break;
    }
    if (!parsed.table || !parsed.row || !BACKUP_TABLES.some((t) => t.name === parsed.table)) {
      throw new AppError('BAD_REQUEST', `backup, line ${lineNo}: unknown table ${JSON.stringify(parsed.table)}`);
    }
    const list = byTable.get(parsed.table) ?? [];
    list.push(decodeRow(parsed.row));
    byTable.set(parsed.table, list);
  }
  if (!header?.projectId) throw new AppError('BAD_REQUEST', 'backup: empty file');
  if (!ended) throw new AppError('BAD_REQUEST', 'backup: the file is truncated (no end marker); nothing restored');
  const projectId = header.projectId;
  if (await db.project.findUnique({ where: { id: projectId }, select: { id: true } })) {
    throw new AppError('CONFLICT', `Project ${projectId} already exists here; restore into a database without it`);
  }
  const rows: Record<string, number> = {};
  await db.$transaction(
    async (tx) => {
      for (const table of BACKUP_TABLES) {
        // Numbers the database assigns (the history's sequence) are assigned anew, in file order.
        const data = (byTable.get(table.name) ?? []).map((row) => (table.omit ? Object.fromEntries(Object.entries(row).filter(([k]) => !table.omit!.includes(k))) : row));
        const delegate = table.delegate(tx as unknown as Parameters<typeof table.delegate>[0]);
        let count = 0;
        for (let i = 0; i < data.length; i += BATCH) {
          const batch = data.slice(i, i + BATCH);
          count += (await (delegate.createMany as (a: object) => Promise<{ count: number }>)({ data: batch, ...((table.name === 'User' || table.name === 'AuditEvent') && { skipDuplicates: true }) })).count;
        }
        rows[table.name] = count;
      }
    },
    { timeout: 120_000 },
  );
  // Sentences come back without their search index (tables.ts): searchable at once, indexed here.
  await indexSentences();
  return { projectId, rows };
}
