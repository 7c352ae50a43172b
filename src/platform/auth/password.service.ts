import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Actor } from '../context/actor';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainError } from '../errors/domain-error';
import { AuthErrors } from './auth.errors';
import { RateLimiter } from '../throttle/rate-limiter';
import { PasswordResetIssuedDto } from './auth.dto';
import { ACCOUNT_MAIL, AccountMail } from './account-mail.port';
import { IDENTITY_STORE, IdentityStore } from './identity.port';
import { PasswordHasher } from './password-hasher';
import { sha256 } from './token.service';

const INVALID_RESET_TOKEN = 'The reset token is invalid, already used or expired';

/**
 * Password change by the user and forced reset by a platform admin (docs/security.md, "Passwords").
 * A forced reset ends every session and flags the account: sign-in is refused with
 * PASSWORD_RESET_REQUIRED until the user sets a new password with the one-time token.
 */
@Injectable()
export class PasswordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
    @Inject(IDENTITY_STORE) private readonly identities: IdentityStore,
    @Inject(ACCOUNT_MAIL) private readonly accountMail: AccountMail,
  ) {}

  /** Changes the signed-in user's password and ends their other sessions (refresh families). */
  async change(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    // A stolen access token must not become a way to guess the password.
    await this.limiter.consume(`password-change:${actor.userId}`, this.config.LOGIN_RATE_LIMIT_PER_MINUTE, 60, 'Too many password attempts; wait before trying again');
    const currentHash = await this.identities.passwordHash(this.dataSource.manager, actor.userId);
    if (currentHash === undefined) throw DomainError.notFound('User');
    if (!(await this.hasher.verify(currentHash, currentPassword))) {
      // 400, not 401: the session is fine, and a 401 would sign the portal out.
      throw DomainError.invalid('currentPassword', 'is wrong');
    }
    if (await this.hasher.verify(currentHash, newPassword)) {
      throw DomainError.invalid('newPassword', 'must differ from the current password');
    }
    const newHash = await this.hasher.hash(newPassword);
    await this.uow.run(async (tx) => {
      // Compare-and-set: a password changed meanwhile (another tab, a reset) wins; this one is refused.
      if (!(await this.identities.replacePasswordHash(tx.manager, actor.userId, currentHash, newHash))) {
        throw DomainError.conflict('The password was changed meanwhile; sign in again');
      }
      const revoked = (await tx.manager.query(
        `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'password changed'
          WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL RETURNING id`,
        [actor.userId, actor.sessionId],
      )) as [unknown[], number];
      tx.audit({
        action: 'user.password_changed',
        subjectType: 'user',
        subjectId: actor.userId,
        organizationId: actor.organizationId,
        after: { otherSessionsRevoked: revoked[1] },
      });
    });
  }

  /**
   * A platform admin forces a reset: every session of the user ends, the account is flagged, and a
   * one-time token (only its hash is stored) is returned for the admin to hand over out of band.
   * Issuing a new token voids earlier unused ones.
   */
  async forceReset(actor: Actor, userId: string): Promise<PasswordResetIssuedDto> {
    if (userId === actor.userId) throw DomainError.rule('Change your own password with POST /auth/password instead of a forced reset');
    const token = randomBytes(32).toString('base64url');
    return this.uow.run(async (tx) => {
      const user = await this.identities.requirePasswordReset(tx.manager, userId);
      if (!user) throw DomainError.notFound('User');
      const revoked = (await tx.manager.query(
        `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'password reset forced' WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
        [userId],
      )) as [unknown[], number];
      await tx.manager.query(`DELETE FROM password_reset_tokens WHERE user_id = $1 AND used_at IS NULL`, [userId]);
      const [row] = (await tx.manager.query(
        `INSERT INTO password_reset_tokens (user_id, token_hash, issued_by, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING expires_at`,
        [userId, sha256(token), actor.userId, this.config.PASSWORD_RESET_TTL_MINUTES],
      )) as { expires_at: Date }[];
      tx.audit({
        action: 'user.password_reset_forced',
        subjectType: 'user',
        subjectId: userId,
        organizationId: user.organizationId,
        after: { sessionsRevoked: revoked[1], tokenExpiresAt: row.expires_at.toISOString() },
      });
      return { userId, resetToken: token, expiresAt: row.expires_at.toISOString() };
    });
  }

  /**
   * Self-service "forgot password" (docs/security.md, "Accounts, sessions and operational endpoints"): e-mails a single-use link that
   * works PASSWORD_FORGOT_TTL_MINUTES. The caller learns nothing about whether the address has an
   * account: the answer is the same, and beyond PASSWORD_FORGOT_PER_EMAIL_PER_HOUR requests for one
   * address nothing more is sent (still the same answer). Per client address the shared limiter
   * answers 429. The account is not locked and no session ends: only the link's holder can reset.
   */
  async forgot(email: string, clientAddress: string): Promise<void> {
    await this.limiter.consume(`password-forgot:ip:${clientAddress}`, this.config.loginIpRateLimitPerMinute, 60, 'Too many requests; wait before trying again');
    const address = email.trim().toLowerCase();
    const perAddress = await this.limiter.hit(`password-forgot:email:${sha256(address)}`, this.config.PASSWORD_FORGOT_PER_EMAIL_PER_HOUR, 3600);
    // Without an e-mail server there is nothing to send the link with: no token is made.
    if (!perAddress.allowed || !this.config.emailEnabled) return;
    const account = await this.identities.signInAccount(this.dataSource.manager, address);
    if (!account || account.status !== 'active' || account.organizationStatus === 'closed') return;
    const token = randomBytes(32).toString('base64url');
    await this.uow.run(async (tx) => {
      // A new link replaces the user's earlier unused ones (an admin's forced-reset token stays).
      await tx.manager.query(`DELETE FROM password_reset_tokens WHERE user_id = $1 AND issued_by = $1 AND used_at IS NULL`, [account.id]);
      const [row] = (await tx.manager.query(
        `INSERT INTO password_reset_tokens (user_id, token_hash, issued_by, expires_at)
         VALUES ($1, $2, $1, now() + make_interval(mins => $3)) RETURNING id, expires_at`,
        [account.id, sha256(token), this.config.PASSWORD_FORGOT_TTL_MINUTES],
      )) as { id: string; expires_at: Date }[];
      for (const m of await this.accountMail.passwordReset(tx.manager, { userId: account.id, token, expiresAt: row.expires_at, tokenId: row.id })) {
        tx.enqueue(m.name, m.payload);
      }
      tx.audit({
        action: 'user.password_reset_requested',
        subjectType: 'user',
        subjectId: account.id,
        organizationId: account.organizationId,
        actor: { userId: account.id, role: account.role, organizationId: account.organizationId },
        after: { tokenExpiresAt: row.expires_at.toISOString(), by: 'email' },
      });
    });
  }

  /** Sets a new password with a one-time reset token; the token is spent even if two requests race. */
  async completeReset(token: string, newPassword: string, clientAddress: string): Promise<void> {
    await this.limiter.consume(`password-reset:ip:${clientAddress}`, this.config.loginIpRateLimitPerMinute, 60, 'Too many attempts; wait before trying again');
    const newHash = await this.hasher.hash(newPassword);
    await this.uow.run(async (tx) => {
      // UPDATE … RETURNING answers [rows, affected count].
      const [spent] = (await tx.manager.query(
        `UPDATE password_reset_tokens SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
        [sha256(token)],
      )) as [{ user_id: string }[], number];
      const userId = spent[0]?.user_id;
      if (!userId) throw new DomainError(AuthErrors.INVALID_CREDENTIALS, INVALID_RESET_TOKEN);
      const user = await this.identities.completePasswordReset(tx.manager, userId, newHash);
      // Every other outstanding link of the user dies with this one.
      await tx.manager.query(`DELETE FROM password_reset_tokens WHERE user_id = $1 AND used_at IS NULL`, [userId]);
      // Sessions opened before the reset (none, unless the flag was cleared meanwhile) end too.
      await tx.manager.query(
        `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'password reset' WHERE user_id = $1 AND revoked_at IS NULL`,
        [userId],
      );
      tx.audit({
        action: 'user.password_reset_completed',
        subjectType: 'user',
        subjectId: userId,
        organizationId: user.organizationId,
        actor: { userId, role: user.role, organizationId: user.organizationId },
      });
    });
  }
}
