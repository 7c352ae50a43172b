import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { randomBytes, randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { Actor } from '../../context/actor';
import { UnitOfWork } from '../../database/unit-of-work';
import { DomainError, ErrorCode } from '../../errors/domain-error';
import { RateLimiter } from '../../throttle/rate-limiter';
import { ApiKeyScope } from '../access.decorators';
import { sha256 } from '../token.service';
import { ApiKeyCreatedDto, ApiKeyDto, CreateApiKeyDto } from './api-keys.dto';
import { ApiKeyErrors } from './api-keys.errors';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  rate_limit_per_minute: number;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const KEY_PATTERN = /^g60k_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{32,}$/;
const PREFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The part of a key shown in the list: letters and digits only, so a person reading `g60k_<prefix>_<secret>` sees
 * where it ends (base64url would put `_` or `-` in it one time in eight). Keys made before this change keep their
 * prefix; KEY_PATTERN still accepts them.
 */
function newPrefix(): string {
  return Array.from({ length: 8 }, () => PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)]).join('');
}

/** The key a request presents: `Authorization: ApiKey <key>` or `X-Api-Key: <key>`; undefined when it sends none. */
export function presentedApiKey(req: Request): string | undefined {
  const header = req.header('x-api-key');
  if (header !== undefined) return header.trim();
  const match = /^ApiKey\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  return match?.[1];
}

/**
 * Partner platforms' API keys (docs/security.md, "Partner API keys"): created by a platform admin, shown once,
 * stored as sha256, read-only scopes, a rate limit per key counted across every API process, revocable. Every
 * request checks the key against the database (one statement that also records its last use), so a revocation
 * is effective in every process at once.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateApiKeyDto): Promise<ApiKeyCreatedDto> {
    const prefix = newPrefix();
    const key = `g60k_${prefix}_${randomBytes(32).toString('base64url')}`;
    return this.uow.run(async (tx) => {
      const [row] = (await tx.manager.query(
        `INSERT INTO partner_api_keys (name, prefix, key_hash, scopes, rate_limit_per_minute, created_by)
         VALUES ($1, $2, $3, $4::text[], $5, $6) RETURNING *`,
        [dto.name.trim(), prefix, sha256(key), [...new Set(dto.scopes)].sort(), dto.rateLimitPerMinute ?? this.config.API_KEY_RATE_LIMIT_PER_MINUTE, actor.userId],
      )) as ApiKeyRow[];
      tx.audit({ action: 'api_key.created', subjectType: 'api_key', subjectId: row.id, after: { name: row.name, prefix, scopes: row.scopes, rateLimitPerMinute: row.rate_limit_per_minute } });
      return { ...toDto(row), key };
    });
  }

  async list(): Promise<ApiKeyDto[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM partner_api_keys ORDER BY revoked_at IS NOT NULL, created_at DESC`)) as ApiKeyRow[];
    return rows.map(toDto);
  }

  /** Revokes a key; revoking a revoked key is refused (409), so a retry without its Idempotency-Key says so. */
  async revoke(actor: Actor, id: string): Promise<ApiKeyDto> {
    return this.uow.run(async (tx) => {
      const [current] = (await tx.manager.query(`SELECT * FROM partner_api_keys WHERE id = $1 FOR UPDATE`, [id])) as ApiKeyRow[];
      if (!current) throw DomainError.notFound('API key');
      if (current.revoked_at) throw new DomainError(ErrorCode.IllegalTransition, 'The API key is already revoked');
      // UPDATE … RETURNING answers [rows, affected count].
      const [[row]] = (await tx.manager.query(`UPDATE partner_api_keys SET revoked_at = now(), revoked_by = $2 WHERE id = $1 RETURNING *`, [id, actor.userId])) as [ApiKeyRow[], number];
      tx.audit({ action: 'api_key.revoked', subjectType: 'api_key', subjectId: id, before: { revokedAt: null }, after: { revokedAt: row.revoked_at?.toISOString() } });
      return toDto(row);
    });
  }

  /**
   * Checks a presented key for a route of `scope`: unknown or revoked → 401, wrong scope → 403, over its rate
   * → 429 with Retry-After. Records the last use in the same statement that finds the key.
   */
  async authorise(key: string, scope: ApiKeyScope): Promise<void> {
    if (!KEY_PATTERN.test(key)) throw new DomainError(ApiKeyErrors.API_KEY_INVALID, 'The API key is invalid');
    const [[row]] = (await this.dataSource.query(
      `UPDATE partner_api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL RETURNING id, scopes, rate_limit_per_minute`,
      [sha256(key)],
    )) as [Pick<ApiKeyRow, 'id' | 'scopes' | 'rate_limit_per_minute'>[], number];
    if (!row) throw new DomainError(ApiKeyErrors.API_KEY_INVALID, 'The API key is invalid or revoked');
    if (!row.scopes.includes(scope)) throw new DomainError(ApiKeyErrors.API_KEY_OUT_OF_SCOPE, `This API key may not read ${scope.split(':')[0]} data`);
    await this.limiter.consume(`apikey:${row.id}`, row.rate_limit_per_minute, 60, 'This API key made too many requests; slow down');
  }

  /** An anonymous reader of open data (a widget): rate limited per client address. */
  async throttleAnonymous(clientAddress: string): Promise<void> {
    await this.limiter.consume(`open:${clientAddress}`, this.config.OPEN_DATA_RATE_LIMIT_PER_MINUTE, 60);
  }
}

function toDto(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: `g60k_${row.prefix}`,
    scopes: row.scopes,
    rateLimitPerMinute: row.rate_limit_per_minute,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
