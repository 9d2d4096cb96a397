/**
 * Prisma's known request errors carry a code: P2002 unique constraint,
 * P2003 foreign key, P2025 record not found. Checked by shape, because the
 * class differs between the generated client and the driver adapter.
 */
export function isPrismaError(error: unknown, code: 'P2002' | 'P2003' | 'P2025'): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention:
// pg_terminate_backend, shutdown, crash recovery).
const LOST_CONNECTION_CODE = /^(08|57P0)/;
const LOST_CONNECTION_MESSAGE = /connection terminated|terminating connection|server closed the connection|ECONNREFUSED/i;

/**
 * The database went away under the request (its session was terminated, the
 * server restarted): nothing was committed, and trying again shortly is the
 * right answer. Looked for through the causes Prisma's adapter wraps around
 * the driver's error.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const e = error as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  for (const code of [e.code, e.originalCode]) if (typeof code === 'string' && LOST_CONNECTION_CODE.test(code)) return true;
  if (typeof e.message === 'string' && LOST_CONNECTION_MESSAGE.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1);
}
