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
   * Active users of the given roles whose organisation's region is one of `regionCodes`, or anywhere when null (for notifications).
   * From organizations' directory read model (docs/architecture.md, "Read models").
   */
  async usersInRegions(manager: EntityManager, roles: Role[], regionCodes: string[] | null): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT u.id FROM read_directory_users u
        WHERE u.status = 'active' AND u.role = ANY($1::text[]) AND ($2::text[] IS NULL OR u.region_code = ANY($2::text[]))`,
      [roles, regionCodes],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
