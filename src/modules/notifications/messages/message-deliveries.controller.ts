import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles } from '../../../platform/auth/access.decorators';
import { Role } from '../../../platform/context/actor';
import { MessageDeliveryDto, MessageDeliveryQueryDto } from '../dto/message-delivery.dto';
import { maskPhone } from './sms-adapter';

interface Row {
  id: string; channel: string; kind: string; recipient: string; status: string; attempts: number; last_error: string | null;
  created_at: Date; sent_at: Date | null; failed_at: Date | null;
}

/** Operators see how e-mails and SMS fared: pending, sent, failed for good and why (docs/architecture.md, "Messages: e-mail and SMS"). */
@ApiTags('notifications')
@Controller('admin/message-deliveries')
@Roles(Role.PlatformAdmin)
export class MessageDeliveriesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'E-mail and SMS deliveries, newest first, by status and channel (paged by limit and offset)' })
  @ApiOkResponse({ type: [MessageDeliveryDto] })
  async list(@Query() query: MessageDeliveryQueryDto): Promise<MessageDeliveryDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, channel, kind, recipient, status, attempts, last_error, created_at, sent_at, failed_at FROM message_deliveries
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR channel = $2)
        ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [query.status ?? null, query.channel ?? null, query.limit ?? 100, query.offset ?? 0],
    )) as Row[];
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      kind: r.kind,
      recipient: r.channel === 'sms' ? maskPhone(r.recipient) : r.recipient,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
      failedAt: r.failed_at?.toISOString() ?? null,
    }));
  }
}
