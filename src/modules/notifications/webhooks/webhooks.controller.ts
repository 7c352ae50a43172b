import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../../platform/auth/access.decorators';
import { Actor } from '../../../platform/context/actor';
import { CreateWebhookDto, WebhookAttemptPageDto, WebhookDeliveryDto, WebhookDto, WebhookLogQueryDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('notifications')
@Controller('webhooks')
@Authenticated()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Add an outgoing webhook for the caller’s organisation (org admins). The secret is shown once.',
    description: 'The URL must resolve to public addresses only (loopback, private, link-local, metadata … are refused with 400 on `url`) unless a platform admin allow-listed the host.',
  })
  @ApiCreatedResponse({ type: WebhookDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Webhooks of the caller’s organisation (all, for platform admins); deleted ones are not listed' })
  @ApiOkResponse({ type: [WebhookDto] })
  list(@CurrentActor() actor: Actor): Promise<WebhookDto[]> {
    return this.webhooks.list(actor);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause a webhook (org admins): no deliveries until resumed; pending ones are dropped' })
  @ApiOkResponse({ type: WebhookDto })
  pause(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookDto> {
    return this.webhooks.pause(actor, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused webhook (org admins)' })
  @ApiOkResponse({ type: WebhookDto })
  resume(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookDto> {
    return this.webhooks.resume(actor, id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a webhook (org admins): nothing more is delivered and it is no longer listed' })
  @ApiOkResponse({ type: WebhookDto })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookDto> {
    return this.webhooks.remove(actor, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Deliveries of a webhook, newest first (paged): attempts, last status, errors' })
  @ApiOkResponse({ type: [WebhookDeliveryDto] })
  deliveries(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: WebhookLogQueryDto): Promise<WebhookDeliveryDto[]> {
    return this.webhooks.deliveries(actor, id, query);
  }

  @Get(':id/attempts')
  @ApiOperation({ summary: 'Delivery log of a webhook: every attempt with status code or error, duration, attempt number and time (paged)' })
  @ApiOkResponse({ type: WebhookAttemptPageDto })
  attempts(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: WebhookLogQueryDto): Promise<WebhookAttemptPageDto> {
    return this.webhooks.attempts(actor, id, query);
  }
}
