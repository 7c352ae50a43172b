import { Module } from '@nestjs/common';
import { WebhookAllowedHostsController } from './webhook-allowed-hosts.controller';
import { WebhookAllowedHostsService } from './webhook-allowed-hosts.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Organisations' webhooks: registration, the allow-list of internal hosts, signed delivery with retries (docs/security.md, "Outbound calls (webhooks)"). */
@Module({
  controllers: [WebhooksController, WebhookAllowedHostsController],
  providers: [WebhooksService, WebhookDeliveryService, WebhookAllowedHostsService],
})
export class WebhooksModule {}
