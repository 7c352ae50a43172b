import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  controllers: [NotificationsController, WebhooksController],
  providers: [NotificationsService, WebhooksService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
