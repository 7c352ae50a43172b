import { SetMetadata } from '@nestjs/common';

export const SKIP_IDEMPOTENCY = 'g60:skip-idempotency';

/** For POSTs whose answer must never be replayed, such as login and refresh (fresh tokens). */
export const SkipIdempotency = (): MethodDecorator => SetMetadata(SKIP_IDEMPOTENCY, true);
