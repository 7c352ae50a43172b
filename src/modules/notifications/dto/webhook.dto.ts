import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches, MaxLength } from 'class-validator';

export const WEBHOOK_EVENTS = ['*', 'approval_case.approved', 'approval_case.rejected', 'approval_case.returned', 'approval_case.withdrawn'] as const;

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://erp.example.cn/hooks/g60' })
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
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ description: 'HMAC-SHA256 secret; returned only when the webhook is created' }) secret?: string;
}

export class WebhookDeliveryDto {
  @ApiProperty() id: string;
  @ApiProperty() event: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) deliveredAt: string | null;
}
