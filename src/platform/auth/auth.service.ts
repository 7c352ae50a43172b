import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Actor, Role } from '../context/actor';
import { Transaction, UnitOfWork } from '../database/unit-of-work';
import { DomainError } from '../errors/domain-error';
import { AuthErrors } from './auth.errors';
import { MeDto, MePreferencesAnswerDto, MePreferencesDto, TokenPairDto, UserLocale } from './auth.dto';
import { IDENTITY_STORE, IdentityStore } from './identity.port';
import { PasswordHasher } from './password-hasher';
import { newRefreshSecret, sha256, splitRefreshToken, TokenService } from './token.service';

interface SessionRow {
  id: string;
  user_id: string;
  secret_hash: string;
  revoked_at: Date | null;
  expires_at: Date;
  role: Role;
  organization_id: string;
  user_status: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
    @Inject(IDENTITY_STORE) private readonly identities: IdentityStore,
  ) {}

  async login(email: string, password: string, userAgent?: string): Promise<TokenPairDto> {
    const user = await this.identities.signInAccount(this.dataSource.manager, email);
    const passwordOk = await this.hasher.verify(user?.passwordHash ?? (await this.hasher.dummyHash()), password);
    if (!user || !passwordOk) throw new DomainError(AuthErrors.INVALID_CREDENTIALS, 'E-mail or password is wrong');
    if (user.status !== 'active' || user.organizationStatus === 'closed') {
      throw new DomainError(AuthErrors.INVALID_CREDENTIALS, 'This account is disabled');
    }
    // Told only to someone who knows the password (docs/security.md, "Passwords").
    if (user.mustResetPassword) {
      throw new DomainError(AuthErrors.PASSWORD_RESET_REQUIRED, 'A platform admin reset this password: set a new one with your reset token');
    }
    return this.uow.run((tx) => this.startSession(tx, user, userAgent, { method: 'password' }));
  }

  /**
   * Starts a session (a refresh-token family) for a user already authenticated, by password or single sign-on,
   * with its audit record, in the caller's transaction.
   */
  async startSession(tx: Transaction, user: { id: string; role: Role; organizationId: string }, userAgent: string | undefined, how: Record<string, string>): Promise<TokenPairDto> {
    const secret = newRefreshSecret();
    const [session] = (await tx.manager.query(
      `INSERT INTO auth_sessions (user_id, secret_hash, user_agent, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING id`,
      [user.id, sha256(secret), userAgent?.slice(0, 300) ?? null, this.config.REFRESH_TTL_SECONDS],
    )) as { id: string }[];
    tx.audit({
      action: 'session.started',
      subjectType: 'user',
      subjectId: user.id,
      organizationId: user.organizationId,
      after: how,
      actor: { userId: user.id, role: user.role, organizationId: user.organizationId },
    });
    return this.pair(session.id, secret, user.id, user.role, user.organizationId);
  }

  /**
   * Rotates the refresh token within its family (the session one sign-in started). Presenting any
   * token the family already retired, however many rotations old, is reuse: the whole family is
   * revoked and audited (docs/security.md, "Refresh-token families"). The session row lock makes two
   * parallel refreshes of one token run one after the other: the first rotates, the second is reuse.
   */
  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const parts = splitRefreshToken(refreshToken);
    if (!parts) throw new DomainError(AuthErrors.INVALID_CREDENTIALS, 'The refresh token is invalid');
    return this.uow.run(async (tx) => {
      // The session row locked, with its user from organizations' directory read model.
      const [session] = (await tx.manager.query(
        `SELECT s.id, s.user_id, s.secret_hash, s.revoked_at, s.expires_at,
                u.role, u.organization_id, u.status AS user_status
           FROM auth_sessions s JOIN read_directory_users u ON u.id = s.user_id
          WHERE s.id = $1 FOR UPDATE OF s`,
        [parts.sessionId],
      )) as SessionRow[];
      const presented = sha256(parts.secret);
      if (!session || session.revoked_at || session.expires_at < new Date() || session.user_status !== 'active') {
        throw new DomainError(AuthErrors.TOKEN_REVOKED, 'The session has ended; sign in again');
      }
      if (presented !== session.secret_hash) {
        const [retired] = (await tx.manager.query(
          `SELECT 1 FROM auth_retired_refresh_secrets WHERE secret_hash = $1 AND session_id = $2`,
          [presented, session.id],
        )) as unknown[];
        if (!retired) throw new DomainError(AuthErrors.INVALID_CREDENTIALS, 'The refresh token is invalid');
        tx.audit({
          action: 'session.refresh_reuse',
          subjectType: 'user',
          subjectId: session.user_id,
          organizationId: session.organization_id,
          after: { sessionId: session.id },
        });
        await this.revokeIn(tx, session.id, session.user_id, session.organization_id, 'refresh token reuse');
        return undefined;
      }
      const secret = newRefreshSecret();
      await tx.manager.query(`INSERT INTO auth_retired_refresh_secrets (secret_hash, session_id) VALUES ($1, $2)`, [session.secret_hash, session.id]);
      await tx.manager.query(`UPDATE auth_sessions SET secret_hash = $2, last_used_at = now() WHERE id = $1`, [session.id, sha256(secret)]);
      return this.pair(session.id, secret, session.user_id, session.role, session.organization_id);
    }).then((pair) => {
      // The reuse branch commits the revocation, then refuses.
      if (!pair) throw new DomainError(AuthErrors.TOKEN_REVOKED, 'This refresh token was already used; every session token of this sign-in is revoked');
      return pair;
    });
  }

  async logout(actor: Actor): Promise<void> {
    await this.uow.run((tx) => this.revokeIn(tx, actor.sessionId, actor.userId, actor.organizationId, 'logout'));
  }

  private async revokeIn(tx: Transaction, sessionId: string, userId: string, organizationId: string, reason: string): Promise<void> {
    await tx.manager.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
      reason,
    ]);
    tx.audit({ action: 'session.revoked', subjectType: 'user', subjectId: userId, organizationId, after: { reason } });
  }

  /** The signed-in user's portal preferences (docs/i18n.md, docs/accessibility.md): language, elder mode. */
  async setPreferences(actor: Actor, preferences: MePreferencesDto): Promise<MePreferencesAnswerDto> {
    if (preferences.locale === undefined && preferences.elderMode === undefined) {
      throw DomainError.invalid('locale', 'name at least one preference (locale, elderMode)');
    }
    return this.uow.run(async (tx) => {
      const changed = await this.identities.setPreferences(tx.manager, actor.userId, preferences);
      if (!changed) throw DomainError.notFound('User');
      const { before, after } = changed;
      if (before.locale !== after.locale || before.elderMode !== after.elderMode) {
        tx.audit({
          action: 'user.preferences_changed',
          subjectType: 'user',
          subjectId: actor.userId,
          organizationId: actor.organizationId,
          before: { ...before },
          after: { ...after },
        });
      }
      return { locale: after.locale as UserLocale | null, elderMode: after.elderMode };
    });
  }

  async me(actor: Actor): Promise<MeDto> {
    // From organizations' directory read models (no credentials there).
    const [row] = (await this.dataSource.query(
      `SELECT u.id, u.email, u.display_name, u.role, u.is_org_admin, u.locale, u.elder_mode,
              o.id AS org_id, o.name, o.kind, o.region_code, o.uscc, o.admission_status
         FROM read_directory_users u JOIN read_organizations o ON o.id = u.organization_id WHERE u.id = $1`,
      [actor.userId],
    )) as Record<string, string | boolean | null>[];
    if (!row) throw DomainError.notFound('User');
    return {
      user: {
        id: row.id as string,
        email: row.email as string,
        displayName: row.display_name as string,
        role: row.role as Role,
        isOrgAdmin: row.is_org_admin as boolean,
        locale: (row.locale as UserLocale | null) ?? null,
        elderMode: (row.elder_mode as boolean | null) ?? null,
      },
      organization: {
        id: row.org_id as string,
        name: row.name as string,
        kind: row.kind as string,
        regionCode: row.region_code as string,
        uscc: row.uscc as string | null,
        admissionStatus: row.admission_status as string | null,
      },
      regionScope: actor.regionScope,
    };
  }

  /** When each of `userIds` last signed in (its newest session's start), for user lists; users never signed in are absent. */
  async lastSignIns(manager: EntityManager, userIds: readonly string[]): Promise<Map<string, Date>> {
    const rows = (await manager.query(
      `SELECT user_id, max(created_at) AS last_sign_in_at FROM auth_sessions WHERE user_id = ANY($1::uuid[]) GROUP BY user_id`,
      [[...userIds]],
    )) as { user_id: string; last_sign_in_at: Date }[];
    return new Map(rows.map((r) => [r.user_id, r.last_sign_in_at]));
  }

  private pair(sessionId: string, secret: string, userId: string, role: Role, organizationId: string): TokenPairDto {
    return {
      accessToken: this.tokens.signAccess({ sub: userId, sid: sessionId, role, org: organizationId }),
      refreshToken: `${sessionId}.${secret}`,
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      tokenType: 'Bearer',
    };
  }
}
