import { ErrorCode } from './domain-error';
import { domainErrorFromDatabase } from './pg-errors';

describe('domainErrorFromDatabase: a full or restarting database is 503 with Retry-After, not 500 (docs/security.md, "Bounded work")', () => {
  it.each(['53300', '57P03'])('%s → 503 SERVICE_UNAVAILABLE with retryAfterSeconds', (code) => {
    const error = domainErrorFromDatabase(Object.assign(new Error('sorry, too many clients already'), { code }));
    expect(error?.code).toBe(ErrorCode.ServiceUnavailable);
    expect(error?.status).toBe(503);
    expect(error?.toBody()).toEqual({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.any(String), details: { retryAfterSeconds: 5 } });
  });
});
