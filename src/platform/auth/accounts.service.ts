import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../context/actor';
import { ErrorCode } from '../errors/domain-error';
import { describeConstraint } from '../errors/pg-errors';
import { PasswordHasher } from './password-hasher';

describeConstraint('users_email_key', ErrorCode.AlreadyExists, 'An account with this e-mail already exists', 'email');

export interface NewUser {
  organizationId: string;
  email: string;
  displayName: string;
  role: Role;
  isOrgAdmin: boolean;
  passwordHash: string;
}

export interface CreatedUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  isOrgAdmin: boolean;
}

/** Creates accounts. Hash passwords before opening a transaction: argon2 is slow on purpose. */
@Injectable()
export class AccountsService {
  constructor(private readonly hasher: PasswordHasher) {}

  hashPassword(password: string): Promise<string> {
    return this.hasher.hash(password);
  }

  async findUserByEmail(manager: EntityManager, email: string): Promise<{ id: string; organizationId: string } | undefined> {
    const [row] = (await manager.query(`SELECT id, organization_id FROM users WHERE email = $1`, [email.trim().toLowerCase()])) as {
      id: string;
      organization_id: string;
    }[];
    return row ? { id: row.id, organizationId: row.organization_id } : undefined;
  }

  async insertUser(manager: EntityManager, user: NewUser): Promise<CreatedUser> {
    const [row] = (await manager.query(
      `INSERT INTO users (organization_id, email, password_hash, display_name, role, is_org_admin)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [user.organizationId, user.email.trim().toLowerCase(), user.passwordHash, user.displayName, user.role, user.isOrgAdmin],
    )) as { id: string }[];
    return { id: row.id, email: user.email.trim().toLowerCase(), displayName: user.displayName, role: user.role, isOrgAdmin: user.isOrgAdmin };
  }

  /** Active users of the given roles whose organisation's region is one of `regionCodes`, or anywhere when null (for notifications). */
  async usersInRegions(manager: EntityManager, roles: Role[], regionCodes: string[] | null): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT u.id FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.status = 'active' AND u.role = ANY($1::text[]) AND ($2::text[] IS NULL OR o.region_code = ANY($2::text[]))`,
      [roles, regionCodes],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
