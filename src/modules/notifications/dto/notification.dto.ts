import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import type { NotificationParams } from '../../../../packages/shared/notification-kinds';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export class NotificationQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'A stable code (packages/shared/notification-kinds.ts): the portal words title and body from it and params' }) kind: string;
  @ApiProperty({ description: 'As written by the server, in 简体中文 (kept for API clients and e-mail)' }) title: string;
  @ApiProperty({ description: 'As written by the server, in 简体中文' }) body: string;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'The data the words are made of: numbers, codes, names, dates, money in integer fen (`*Fen`); null on notifications written before params existed',
  })
  params: NotificationParams | null;
  @ApiProperty({ nullable: true, type: String }) subjectType: string | null;
  @ApiProperty({ nullable: true, type: String }) subjectId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
}

export class NotificationInboxDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty() unreadCount: number;
}

export class MarkAllReadResultDto {
  @ApiProperty({ description: 'How many notifications this marked read' }) updated: number;
}
