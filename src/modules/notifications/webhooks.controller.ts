import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../platform/auth/access.decorators';
import { Actor } from '../../platform/context/actor';
import { CreateWebhookDto, WebhookDeliveryDto, WebhookDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('notifications')
@Controller('webhooks')
@Authenticated()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ summary: 'Add an outgoing webhook for the caller’s organisation (org admins). The secret is shown once.' })
  @ApiCreatedResponse({ type: WebhookDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Webhooks of the caller’s organisation (all, for platform admins)' })
  @ApiOkResponse({ type: [WebhookDto] })
  list(@CurrentActor() actor: Actor): Promise<WebhookDto[]> {
    return this.webhooks.list(actor);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Delivery log of a webhook: attempts, last status, errors' })
  @ApiOkResponse({ type: [WebhookDeliveryDto] })
  deliveries(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookDeliveryDto[]> {
    return this.webhooks.deliveries(actor, id);
  }
}
