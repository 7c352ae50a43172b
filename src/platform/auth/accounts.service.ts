import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../context/actor';
import { PasswordHasher } from './password-hasher';

/** Hashes new accounts' passwords (before opening a transaction: argon2 is slow on purpose) and finds notification recipients. */
@Injectable()
export class AccountsService {
  constructor(private readonly hasher: PasswordHasher) {}

  hashPassword(password: string): Promise<string> {
    return this.hasher.hash(password);
  }

  /**
   * Who decides a task, in one statement: active users of `roles` whose organisation is in `regionCode` or its parent
   * region (a city's bureau decides for its districts), and platform admins anywhere when `roles` include theirs. A
   * task without a region goes to platform admins only. From organizations' directory and regions read models
   * (docs/architecture.md, "Read models").
   */
  async deciders(manager: EntityManager, roles: Role[], regionCode: string | null): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT u.id FROM read_directory_users u
        WHERE u.status = 'active'
          AND ((u.role = $3 AND ($2::text IS NULL OR $3 = ANY($1::text[])))
            OR (u.role = ANY($1::text[]) AND u.region_code IN (
                  SELECT r.code FROM read_regions r WHERE r.code = $2 OR r.code = (SELECT p.parent_code FROM read_regions p WHERE p.code = $2))))`,
      [roles, regionCode, Role.PlatformAdmin],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
