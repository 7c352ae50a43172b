import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const WEBHOOK_EVENTS = ['*', 'approval_case.approved', 'approval_case.rejected', 'approval_case.returned', 'approval_case.withdrawn'] as const;

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://erp.example.cn/hooks/g60',
    description: 'http(s), no credentials; must resolve to public addresses only unless a platform admin allow-listed the host',
  })
  @IsString() @MaxLength(500) @Matches(/^https?:\/\/[^\s]+$/, { message: 'url must be an http(s) URL' })
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, description: '"*" for every event' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @Matches(/^(\*|[a-z_]+\.[a-z_]+)$/, { each: true })
  events: string[];
}

export class WebhookDto {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String] }) events: string[];
  @ApiProperty({ description: 'false while paused' }) active: boolean;
  @ApiProperty({ enum: ['active', 'paused', 'deleted'] }) status: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ description: 'HMAC-SHA256 secret; returned only when the webhook is created' }) secret?: string;
}

export class WebhookLogQueryDto {
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  offset?: number;
}

export class WebhookDeliveryDto {
  @ApiProperty() id: string;
  @ApiProperty() event: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed', 'refused', 'cancelled'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) deliveredAt: string | null;
}

export class WebhookAttemptDto {
  @ApiProperty() id: string;
  @ApiProperty() deliveryId: string;
  @ApiProperty() event: string;
  @ApiProperty({ description: '1 for the first attempt of a delivery' }) attempt: number;
  @ApiProperty({ enum: ['delivered', 'failed', 'refused'] }) outcome: string;
  @ApiProperty({ nullable: true, type: Number }) statusCode: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The checked address the attempt connected to' }) address: string | null;
  @ApiProperty() durationMs: number;
  @ApiProperty() attemptedAt: string;
}

export class WebhookAttemptPageDto {
  @ApiProperty({ type: [WebhookAttemptDto] }) items: WebhookAttemptDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class AddAllowedHostDto {
  @ApiProperty({ example: 'erp.intranet.jiaxing.gov.cn', description: 'A host name or IP address (IPv6 with or without brackets), no port' })
  @IsString() @MaxLength(255) @Matches(/^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*|[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9.])?)$/, {
    message: 'host must be a host name or an IP address, without scheme, port or path',
  })
  host: string;

  @ApiPropertyOptional({ description: 'Why this internal host may receive webhooks' })
  @IsOptional() @IsString() @MaxLength(500)
  note?: string;
}

export class AllowedHostDto {
  @ApiProperty() host: string;
  @ApiProperty() note: string;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: string;
}
