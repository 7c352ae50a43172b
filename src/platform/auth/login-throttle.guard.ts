import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { RateLimiter, rateLimited } from '../throttle/rate-limiter';
import { sha256 } from './token.service';

/**
 * Limits sign-in attempts per account (normalised e-mail) and, separately, per client address, on the
 * shared limiter so every API process counts together (docs/security.md, "Sign-in throttle"). The
 * client address is `req.ip`, which believes X-Forwarded-For only from TRUSTED_PROXIES.
 */
@Injectable()
export class LoginThrottleGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const body = req.body as { email?: unknown } | undefined;
    const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
    const [byAccount, byAddress] = await Promise.all([
      // Hashed: the shared store holds no e-mail addresses.
      this.limiter.hit(`login:account:${sha256(email)}`, this.config.LOGIN_RATE_LIMIT_PER_MINUTE, 60),
      this.limiter.hit(`login:ip:${req.ip ?? 'unknown'}`, this.config.loginIpRateLimitPerMinute, 60),
    ]);
    const refused = [byAccount, byAddress].filter((d) => !d.allowed);
    if (refused.length) {
      throw rateLimited(Math.max(...refused.map((d) => d.retryAfterSeconds)), 'Too many sign-in attempts; wait before trying again');
    }
    return true;
  }
}
