/**
 * Prisma's known request errors carry a code: P2002 unique constraint,
 * P2003 foreign key, P2025 record not found. Checked by shape, because the
 * class differs between the generated client and the driver adapter.
 */
export function isPrismaError(error: unknown, code: 'P2002' | 'P2003' | 'P2025'): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
