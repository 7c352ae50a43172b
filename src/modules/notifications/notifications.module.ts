import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { WebhookAllowedHostsController } from './webhook-allowed-hosts.controller';
import { WebhookAllowedHostsService } from './webhook-allowed-hosts.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  controllers: [NotificationsController, WebhooksController, WebhookAllowedHostsController],
  providers: [NotificationsService, WebhooksService, WebhookDeliveryService, WebhookAllowedHostsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
