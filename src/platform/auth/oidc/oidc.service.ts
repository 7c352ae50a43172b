import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { Role } from '../../context/actor';
import { UnitOfWork } from '../../database/unit-of-work';
import { DomainError, ErrorCode } from '../../errors/domain-error';
import { AuthErrors } from '../auth.errors';
import { TokenPairDto } from '../auth.dto';
import { AuthService } from '../auth.service';
import { sha256 } from '../token.service';

/** Why a single sign-on was refused; the portal's login page shows the matching message (`/login#sso_error=<code>`). */
export type SsoRefusal = 'invalid_state' | 'provider_error' | 'email_unverified' | 'no_account' | 'account_disabled' | 'already_linked';

export type SsoOutcome = { ok: true; ticket: string } | { ok: false; reason: SsoRefusal };

interface DirectoryUser {
  id: string;
  role: Role;
  organization_id: string;
  status: string;
  organization_status: string;
}

/** A hand-over ticket lives this long: the portal exchanges it right after the redirect. */
const TICKET_TTL_SECONDS = 60;

/**
 * Single sign-on through an external OpenID Connect provider (docs/security.md, "Single sign-on"): authorization
 * code with PKCE, state and nonce. A sign-in in flight is a row of auth_oidc_logins (not process memory), so any
 * API process can finish the callback. An identity (issuer, subject) is linked to a user on its first login, by a
 * verified e-mail equal to an active user's; unknown people get no account. The callback hands the portal a
 * one-time ticket, which it exchanges for the same token pair a password sign-in gives.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private discovered?: Promise<oidc.Configuration>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  options(): { enabled: boolean; displayName: string | null } {
    return { enabled: this.config.oidcEnabled, displayName: this.config.oidcEnabled ? this.config.OIDC_DISPLAY_NAME : null };
  }

  /** Starts a sign-in: stores its state, nonce and PKCE verifier; answers the provider's authorization URL. */
  async start(): Promise<string> {
    const provider = await this.provider();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const verifier = oidc.randomPKCECodeVerifier();
    await this.dataSource.query(
      `WITH expired AS (DELETE FROM auth_oidc_logins WHERE expires_at < now())
       INSERT INTO auth_oidc_logins (state_hash, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [sha256(state), nonce, verifier, this.config.OIDC_LOGIN_TTL_SECONDS],
    );
    return oidc.buildAuthorizationUrl(provider, {
      redirect_uri: this.config.OIDC_REDIRECT_URI!,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    }).href;
  }

  /**
   * Finishes a sign-in from the provider's redirect (`query` is the callback's query string). The state is used
   * once: it is deleted as it is read, so a replayed callback finds nothing.
   */
  async callback(query: Record<string, unknown>): Promise<SsoOutcome> {
    const provider = await this.provider();
    const state = typeof query.state === 'string' ? query.state : '';
    const [login] = state
      ? ((await this.dataSource.query(`DELETE FROM auth_oidc_logins WHERE state_hash = $1 AND expires_at > now() RETURNING nonce, code_verifier`, [sha256(state)])) as [
          { nonce: string; code_verifier: string }[],
          number,
        ])[0]
      : [];
    if (!login) return { ok: false, reason: 'invalid_state' };
    if (typeof query.error === 'string') return { ok: false, reason: 'provider_error' };
    let subject: string;
    let email: string | undefined;
    let emailVerified: boolean;
    try {
      const url = new URL(this.config.OIDC_REDIRECT_URI!);
      for (const [k, v] of Object.entries(query)) if (typeof v === 'string') url.searchParams.set(k, v);
      const tokens = await oidc.authorizationCodeGrant(provider, url, {
        pkceCodeVerifier: login.code_verifier,
        expectedState: state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      subject = claims.sub;
      const info = await oidc.fetchUserInfo(provider, tokens.access_token, subject);
      email = (info.email ?? claims.email) as string | undefined;
      emailVerified = (info.email_verified ?? claims.email_verified) === true;
    } catch (err) {
      this.logger.warn(`SSO code exchange failed: ${err instanceof Error ? err.message : String(err)}`);
      return { ok: false, reason: 'provider_error' };
    }
    const issuer = provider.serverMetadata().issuer;
    return this.uow.run((tx) => this.signIn(tx.manager, (e) => tx.audit(e), issuer, subject, email, emailVerified));
  }

  /** Exchanges the callback's one-time ticket for a token pair (a new session, audited as an SSO sign-in). */
  async exchange(ticket: string, userAgent?: string): Promise<TokenPairDto> {
    return this.uow.run(async (tx) => {
      const [row] = ((await tx.manager.query(`DELETE FROM auth_oidc_tickets WHERE ticket_hash = $1 AND expires_at > now() RETURNING user_id, issuer`, [sha256(ticket)])) as [
        { user_id: string; issuer: string }[],
        number,
      ])[0];
      if (!row) throw new DomainError(AuthErrors.INVALID_CREDENTIALS, 'The sign-in ticket is invalid or expired; sign in again');
      const user = await this.directoryUser(tx.manager, `u.id = $1`, row.user_id);
      if (!user || !isActive(user)) throw new DomainError(AuthErrors.INVALID_CREDENTIALS, 'This account is disabled');
      return this.auth.startSession(tx, { id: user.id, role: user.role, organizationId: user.organization_id }, userAgent, { method: 'oidc', issuer: row.issuer });
    });
  }

  private async signIn(
    manager: EntityManager,
    audit: (e: Parameters<import('../../database/unit-of-work').Transaction['audit']>[0]) => void,
    issuer: string,
    subject: string,
    email: string | undefined,
    emailVerified: boolean,
  ): Promise<SsoOutcome> {
    const refuse = (reason: SsoRefusal, userId?: string): SsoOutcome => {
      audit({ action: 'sso.login_refused', subjectType: 'oidc_identity', subjectId: `${issuer}#${subject}`.slice(0, 200), after: { reason, userId: userId ?? null } });
      return { ok: false, reason };
    };
    const [linked] = (await manager.query(`SELECT user_id FROM auth_oidc_identities WHERE issuer = $1 AND subject = $2 FOR UPDATE`, [issuer, subject])) as { user_id: string }[];
    let user: DirectoryUser | undefined;
    if (linked) {
      user = await this.directoryUser(manager, `u.id = $1`, linked.user_id);
      if (!user || !isActive(user)) return refuse('account_disabled', linked.user_id);
      await manager.query(`UPDATE auth_oidc_identities SET last_login_at = now() WHERE issuer = $1 AND subject = $2`, [issuer, subject]);
    } else {
      // The linking rule: only a verified e-mail, equal to an existing user's, links; nobody gets an account here.
      if (!email || !emailVerified) return refuse('email_unverified');
      user = await this.directoryUser(manager, `u.email = $1`, email.trim().toLowerCase());
      if (!user) return refuse('no_account');
      if (!isActive(user)) return refuse('account_disabled', user.id);
      const inserted = (await manager.query(
        `INSERT INTO auth_oidc_identities (issuer, subject, user_id, email, last_login_at) VALUES ($1, $2, $3, $4, now()) ON CONFLICT DO NOTHING RETURNING user_id`,
        [issuer, subject, user.id, email.trim().toLowerCase()],
      )) as unknown[];
      if (inserted.length === 0) {
        // A parallel first login of this identity linked it meanwhile (this statement waited for its commit and now
        // sees it): sign in. Otherwise the user already has another identity at this provider.
        const [winner] = (await manager.query(`SELECT user_id FROM auth_oidc_identities WHERE issuer = $1 AND subject = $2`, [issuer, subject])) as { user_id: string }[];
        if (winner?.user_id !== user.id) return refuse('already_linked', user.id);
      } else {
        audit({
          action: 'sso.identity_linked',
          subjectType: 'user',
          subjectId: user.id,
          organizationId: user.organization_id,
          after: { issuer, subject, email: email.trim().toLowerCase() },
          actor: { userId: user.id, role: user.role, organizationId: user.organization_id },
        });
      }
    }
    const ticket = randomBytes(32).toString('base64url');
    await manager.query(`INSERT INTO auth_oidc_tickets (ticket_hash, user_id, issuer, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`, [
      sha256(ticket),
      user.id,
      issuer,
      TICKET_TTL_SECONDS,
    ]);
    await manager.query(`DELETE FROM auth_oidc_tickets WHERE expires_at < now()`);
    audit({
      action: 'sso.login',
      subjectType: 'user',
      subjectId: user.id,
      organizationId: user.organization_id,
      after: { issuer, subject },
      actor: { userId: user.id, role: user.role, organizationId: user.organization_id },
    });
    return { ok: true, ticket };
  }

  private async directoryUser(manager: EntityManager, where: string, value: string): Promise<DirectoryUser | undefined> {
    const [row] = (await manager.query(
      `SELECT u.id, u.role, u.organization_id, u.status, o.status AS organization_status
         FROM read_directory_users u JOIN read_organizations o ON o.id = u.organization_id WHERE ${where}`,
      [value],
    )) as DirectoryUser[];
    return row;
  }

  /** The provider's metadata, discovered once per process (configuration, not state); retried after a failure. */
  private provider(): Promise<oidc.Configuration> {
    if (!this.config.oidcEnabled) return Promise.reject(DomainError.notFound('Single sign-on'));
    this.discovered ??= oidc
      .discovery(new URL(this.config.OIDC_ISSUER!), this.config.OIDC_CLIENT_ID!, undefined, oidc.ClientSecretBasic(this.config.OIDC_CLIENT_SECRET!), {
        // http only outside production (loadConfig refuses it there): the tests' provider, a developer's.
        execute: this.config.OIDC_ISSUER!.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((err: unknown) => {
        this.discovered = undefined;
        this.logger.warn(`OIDC discovery failed: ${err instanceof Error ? err.message : String(err)}`);
        throw new DomainError(ErrorCode.ServiceUnavailable, 'The single sign-on provider cannot be reached; try again shortly', { retryAfterSeconds: 30 });
      });
    return this.discovered;
  }
}

function isActive(user: DirectoryUser): boolean {
  return user.status === 'active' && user.organization_status !== 'closed';
}
