import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IdentityStore, SignInAccount, StoredPreferences, UserPreferences } from '../../../platform/auth/identity.port';
import { Role } from '../../../platform/context/actor';

/**
 * The credentials auth reads and writes in `users` (the IdentityStore port of src/platform/auth,
 * docs/security.md "Passwords"). Provided under IDENTITY_STORE by IdentityModule.
 */
@Injectable()
export class UsersIdentityStore implements IdentityStore {
  /** Sign-in: the hash to verify, the statuses that refuse it, and the forced-reset flag. */
  async signInAccount(manager: EntityManager, email: string): Promise<SignInAccount | undefined> {
    const [row] = (await manager.query(
      `SELECT u.id, u.password_hash, u.role, u.status, u.organization_id, o.status AS organization_status, u.must_reset_password
         FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.email = $1`,
      [email.trim().toLowerCase()],
    )) as { id: string; password_hash: string; role: Role; status: string; organization_id: string; organization_status: string; must_reset_password: boolean }[];
    if (!row) return undefined;
    return {
      id: row.id,
      passwordHash: row.password_hash,
      role: row.role,
      status: row.status,
      organizationId: row.organization_id,
      organizationStatus: row.organization_status,
      mustResetPassword: row.must_reset_password,
    };
  }

  /** Password change: the hash the current password is checked against. */
  async passwordHash(manager: EntityManager, userId: string): Promise<string | undefined> {
    const [row] = (await manager.query(`SELECT password_hash FROM users WHERE id = $1`, [userId])) as { password_hash: string }[];
    return row?.password_hash;
  }

  /** Password change, compare-and-set: a password changed meanwhile (another tab, a reset) wins. */
  async replacePasswordHash(manager: EntityManager, userId: string, expectedHash: string, newHash: string): Promise<boolean> {
    const updated = (await manager.query(
      `UPDATE users SET password_hash = $3, password_changed_at = now(), must_reset_password = false, updated_at = now()
        WHERE id = $1 AND password_hash = $2 RETURNING id`,
      [userId, expectedHash, newHash],
    )) as [unknown[], number];
    return updated[1] === 1;
  }

  /** Forced reset by a platform admin: lock the user, then flag it. */
  async requirePasswordReset(manager: EntityManager, userId: string): Promise<{ organizationId: string } | undefined> {
    const [user] = (await manager.query(`SELECT id, organization_id FROM users WHERE id = $1 FOR UPDATE`, [userId])) as {
      id: string;
      organization_id: string;
    }[];
    if (!user) return undefined;
    await manager.query(`UPDATE users SET must_reset_password = true, updated_at = now() WHERE id = $1`, [userId]);
    return { organizationId: user.organization_id };
  }

  /** Reset with a one-time token: the new hash, flag cleared. */
  async completePasswordReset(manager: EntityManager, userId: string, newHash: string): Promise<{ organizationId: string; role: Role }> {
    // UPDATE … RETURNING answers [rows, affected count].
    const [updatedUsers] = (await manager.query(
      `UPDATE users SET password_hash = $2, must_reset_password = false, password_changed_at = now(), updated_at = now()
        WHERE id = $1 RETURNING id, organization_id, role`,
      [userId, newHash],
    )) as [{ id: string; organization_id: string; role: Role }[], number];
    const row = updatedUsers[0];
    return { organizationId: row.organization_id, role: row.role };
  }

  /** The portal preferences a user chose (docs/i18n.md, docs/accessibility.md); the ones not named are kept. */
  async setPreferences(manager: EntityManager, userId: string, changes: UserPreferences): Promise<{ before: StoredPreferences; after: StoredPreferences } | undefined> {
    // UPDATE … RETURNING answers [rows, affected count]; the old values come from the locked row.
    const [rows] = (await manager.query(
      `UPDATE users u SET locale = COALESCE($2, old.locale), elder_mode = COALESCE($3, old.elder_mode), updated_at = now()
         FROM (SELECT id, locale, elder_mode FROM users WHERE id = $1 FOR UPDATE) old
        WHERE u.id = old.id
        RETURNING old.locale AS before_locale, old.elder_mode AS before_elder, u.locale, u.elder_mode`,
      [userId, changes.locale ?? null, changes.elderMode ?? null],
    )) as [{ before_locale: string | null; before_elder: boolean | null; locale: string | null; elder_mode: boolean | null }[], number];
    const row = rows[0];
    if (!row) return undefined;
    return { before: { locale: row.before_locale, elderMode: row.before_elder }, after: { locale: row.locale, elderMode: row.elder_mode } };
  }
}
