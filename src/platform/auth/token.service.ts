import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { Role } from '../context/actor';

export interface AccessClaims {
  sub: string;
  sid: string;
  role: Role;
  org: string;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Refresh tokens are `<sessionId>.<secret>`; only sha256(secret) is stored. */
export function newRefreshSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function splitRefreshToken(token: string): { sessionId: string; secret: string } | undefined {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,})$/.exec(token);
  return match ? { sessionId: match[1], secret: match[2] } : undefined;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  signAccess(claims: AccessClaims): string {
    return this.jwt.sign(claims, { expiresIn: this.config.JWT_ACCESS_TTL_SECONDS });
  }

  verifyAccess(token: string): AccessClaims | undefined {
    try {
      return this.jwt.verify<AccessClaims>(token);
    } catch {
      return undefined;
    }
  }
}
