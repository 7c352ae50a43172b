import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../../../platform/context/actor';
import { ErrorCode } from '../../../platform/errors/domain-error';
import { describeConstraint } from '../../../platform/errors/pg-errors';

describeConstraint('users_email_key', ErrorCode.AlreadyExists, 'An account with this e-mail already exists', 'email');

export interface NewUser {
  organizationId: string;
  email: string;
  displayName: string;
  role: Role;
  isOrgAdmin: boolean;
  /** From AccountsService.hashPassword, computed before the transaction opens. */
  passwordHash: string;
}

export interface CreatedUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  isOrgAdmin: boolean;
}

/** Creates accounts (registration, accepted invitations) in the caller's transaction. */
@Injectable()
export class UserAccounts {
  /** The account holding `email` (trimmed, lower-cased here), if any: registration answers it without revealing it. */
  async findByEmail(manager: EntityManager, email: string): Promise<{ id: string; organizationId: string } | undefined> {
    const [row] = (await manager.query(`SELECT id, organization_id FROM users WHERE email = $1`, [email.trim().toLowerCase()])) as {
      id: string;
      organization_id: string;
    }[];
    return row ? { id: row.id, organizationId: row.organization_id } : undefined;
  }

  async insert(manager: EntityManager, user: NewUser): Promise<CreatedUser> {
    const [row] = (await manager.query(
      `INSERT INTO users (organization_id, email, password_hash, display_name, role, is_org_admin)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [user.organizationId, user.email.trim().toLowerCase(), user.passwordHash, user.displayName, user.role, user.isOrgAdmin],
    )) as { id: string }[];
    return { id: row.id, email: user.email.trim().toLowerCase(), displayName: user.displayName, role: user.role, isOrgAdmin: user.isOrgAdmin };
  }
}
