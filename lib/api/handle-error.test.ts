import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { errorResponse } from './handle-error';

const quiet = () => vi.spyOn(console, 'error').mockImplementation(() => {});

describe('errorResponse', () => {
  it('answers 503 with Retry-After when the database connection was lost, however the driver error is wrapped', async () => {
    quiet();
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const wrapped = { name: 'PrismaClientKnownRequestError', code: 'P2010', message: 'Raw query failed', meta: { driverAdapterError: { cause: { originalCode: '57P01', kind: 'postgres' } } } };
    for (const error of [terminated, new Error('Connection terminated unexpectedly'), { message: 'x', cause: { code: '08006' } }, wrapped]) {
      const res = errorResponse(error);
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toBe('1');
      expect((await res.json()).error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/nothing was saved/) });
    }
  });

  it('keeps other failures as they were: AppError by its code, unknown errors 500 without details', async () => {
    quiet();
    expect(errorResponse(new AppError('CONFLICT', 'stale')).status).toBe(409);
    const internal = errorResponse(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }));
    expect(internal.status).toBe(500);
    expect(internal.headers.get('Retry-After')).toBeNull();
    expect(JSON.stringify(await internal.json())).not.toMatch(/duplicate key/);
  });
});
