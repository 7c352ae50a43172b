import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountMail } from '../../../platform/auth/account-mail.port';
import { AppConfig } from '../../../platform/config/app-config';
import { shanghaiMinute } from '../../../platform/database/shanghai-date';
import { OutboxMessage } from '../../../platform/outbox/outbox-writer';
import { MessageDeliveries } from './message-deliveries.service';
import { messageLocale, roleName } from './message-templates';

/** Provides auth's AccountMail port (src/platform/auth/account-mail.port.ts): reset links and invitations by e-mail. */
@Injectable()
export class AccountMailer implements AccountMail {
  constructor(
    private readonly deliveries: MessageDeliveries,
    private readonly config: AppConfig,
  ) {}

  async passwordReset(manager: EntityManager, input: { userId: string; token: string; expiresAt: Date; tokenId: string }): Promise<OutboxMessage[]> {
    const [user] = (await manager.query(`SELECT email, locale FROM read_directory_users WHERE id = $1`, [input.userId])) as { email: string; locale: string | null }[];
    if (!user) return [];
    const minutes = Math.max(1, Math.round((input.expiresAt.getTime() - Date.now()) / 60_000));
    return this.deliveries.add(manager, [
      {
        dedupKey: `password-reset:${input.tokenId}`,
        channel: 'email',
        template: 'account.password_reset',
        kind: 'account.password_reset',
        userId: input.userId,
        recipient: user.email,
        locale: messageLocale(user.locale),
        params: { minutes: String(minutes) },
        secrets: { link: `${this.config.portalUrl}/reset-password?token=${encodeURIComponent(input.token)}` },
      },
    ]);
  }

  async invitation(
    manager: EntityManager,
    input: { invitationId: string; email: string; organizationName: string; role: string; token: string; expiresAt: Date; invitedBy: string },
  ): Promise<OutboxMessage[]> {
    // The invitee has no account yet: the e-mail speaks the inviter's language.
    const [inviter] = (await manager.query(`SELECT locale FROM read_directory_users WHERE id = $1`, [input.invitedBy])) as { locale: string | null }[];
    const locale = messageLocale(inviter?.locale);
    return this.deliveries.add(manager, [
      {
        dedupKey: `invitation:${input.invitationId}`,
        channel: 'email',
        template: 'account.invitation',
        kind: 'account.invitation',
        userId: null,
        recipient: input.email,
        locale,
        params: { organizationName: input.organizationName, roleName: roleName(locale, input.role), expiresAt: shanghaiMinute(input.expiresAt) },
        secrets: { link: `${this.config.portalUrl}/accept-invitation?token=${encodeURIComponent(input.token)}` },
      },
    ]);
  }
}
