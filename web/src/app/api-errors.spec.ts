import { ApiError } from './api';

describe('ApiError.keepsIdempotencyKey: a retry of an intent whose outcome is open sends the same key', () => {
  it.each([
    [0, 'NETWORK', true],
    [409, 'IDEMPOTENCY_IN_PROGRESS', true],
    [429, 'RATE_LIMITED', true],
    [500, 'INTERNAL_ERROR', true],
    [503, 'SERVICE_UNAVAILABLE', true],
    // Refusals: nothing was done, and the next attempt is a new intent.
    [400, 'VALIDATION_FAILED', false],
    [403, 'FORBIDDEN', false],
    [409, 'ILLEGAL_TRANSITION', false],
    [422, 'BUSINESS_RULE_VIOLATED', false],
    [422, 'IDEMPOTENCY_KEY_REUSED', false],
  ])('%i %s → keeps the key: %s', (status, code, keeps) => {
    expect(new ApiError(status, code, '').keepsIdempotencyKey).toBe(keeps);
  });
});
