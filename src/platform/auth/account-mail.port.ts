import { EntityManager } from 'typeorm';
import { OutboxMessage } from '../outbox/outbox-writer';

/**
 * E-mails about an account itself (docs/architecture.md, "Messages: e-mail and SMS"): the
 * self-service password reset link and invitations. The platform may not import a module, so auth
 * declares the port here and the notifications module (owner of message_deliveries) provides it under
 * ACCOUNT_MAIL. Each method writes the delivery row in the caller's transaction and returns the job to
 * queue with it; the link (a one-time secret) is kept only until the delivery is final.
 */
export interface AccountMail {
  passwordReset(manager: EntityManager, input: { userId: string; token: string; expiresAt: Date; tokenId: string }): Promise<OutboxMessage[]>;
  invitation(
    manager: EntityManager,
    input: { invitationId: string; email: string; organizationName: string; role: string; token: string; expiresAt: Date; invitedBy: string },
  ): Promise<OutboxMessage[]>;
}

export const ACCOUNT_MAIL = Symbol('AccountMail');
