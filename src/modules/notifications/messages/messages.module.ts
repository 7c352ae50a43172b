import { Global, Module } from '@nestjs/common';
import { ACCOUNT_MAIL } from '../../../platform/auth/account-mail.port';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { AccountMailer } from './account-mail';
import { MailTransport } from './mail-transport';
import { MessageDeliveriesController } from './message-deliveries.controller';
import { MessageDeliveries } from './message-deliveries.service';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationPreferencesService } from './notification-preferences.service';
import { SmsGateway } from './sms-adapter';

/**
 * E-mail and SMS (docs/architecture.md, "Messages: e-mail and SMS"). Global, like IdentityModule, so
 * the platform's auth and the organizations module reach the AccountMail port without importing a module.
 */
@Global()
@Module({
  // RegionsService: region and city names in notification e-mails (notification-words.ts).
  imports: [OrganizationsModule],
  controllers: [NotificationPreferencesController, MessageDeliveriesController],
  providers: [MailTransport, SmsGateway, MessageDeliveries, NotificationPreferencesService, AccountMailer, { provide: ACCOUNT_MAIL, useExisting: AccountMailer }],
  exports: [MessageDeliveries, ACCOUNT_MAIL],
})
export class MessagesModule {}
