import { ApiError } from './api';

describe('ApiError.keepsIdempotencyKey: a retry of an intent whose outcome is open sends the same key', () => {
  it.each([
    [0, 'NETWORK'],
    [409, 'IDEMPOTENCY_IN_PROGRESS'],
    [429, 'RATE_LIMITED'],
    [500, 'INTERNAL_ERROR'],
    [503, 'SERVICE_UNAVAILABLE'],
  ])('%i %s keeps the key', (status, code) => {
    expect(new ApiError(status, code, '').keepsIdempotencyKey).toBe(true);
  });

  it.each([
    [400, 'VALIDATION_FAILED'],
    [403, 'FORBIDDEN'],
    [409, 'ILLEGAL_TRANSITION'],
    [422, 'BUSINESS_RULE_VIOLATED'],
    [422, 'IDEMPOTENCY_KEY_REUSED'],
  ])('%i %s (a refusal: nothing was done) does not', (status, code) => {
    expect(new ApiError(status, code, '').keepsIdempotencyKey).toBe(false);
  });
});
