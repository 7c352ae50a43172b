import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

export class MessageDeliveryQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES)
  status?: (typeof DELIVERY_STATUSES)[number];

  @ApiPropertyOptional({ enum: ['email', 'sms'] }) @IsOptional() @IsIn(['email', 'sms'])
  channel?: 'email' | 'sms';

  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, description: 'Rows to skip, newest first: the next page is offset + limit' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  offset?: number;
}

export class MessageDeliveryDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['email', 'sms'] }) channel: string;
  @ApiProperty({ description: 'The notification kind, or account.invitation / account.password_reset' }) kind: string;
  @ApiProperty({ description: 'E-mail address; an SMS number shows only its last four digits' }) recipient: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) sentAt: string | null;
  @ApiProperty({ nullable: true, type: String }) failedAt: string | null;
}
