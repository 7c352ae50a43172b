import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { NOTIFICATION_CATEGORIES, NotificationCategory } from '../messages/notification-categories';

export class NotificationChannelChoiceDto {
  @ApiProperty({ enum: NOTIFICATION_CATEGORIES, description: 'What the notifications are about (docs/domain.md, "Messages that reach people")' })
  @IsIn(NOTIFICATION_CATEGORIES)
  kind: NotificationCategory;

  @ApiProperty({ description: 'Also by e-mail' }) @IsBoolean()
  email: boolean;

  @ApiProperty({ description: 'Also by SMS (needs a phone number on file)' }) @IsBoolean()
  sms: boolean;
}

/** A PUT sets what it names: the phone number (null removes it) and/or some categories' channels; the rest is kept. */
export class UpdateNotificationPreferencesDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: '+8613800000000', description: 'Mobile number for SMS, digits with an optional leading +' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @Matches(/^\+?[0-9]{6,15}$/, { message: 'phone must be 6 to 15 digits, optionally with a leading +' })
  phone?: string | null;

  @ApiPropertyOptional({ type: [NotificationChannelChoiceDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(NOTIFICATION_CATEGORIES.length) @ValidateNested({ each: true }) @Type(() => NotificationChannelChoiceDto)
  kinds?: NotificationChannelChoiceDto[];
}

export class NotificationChannelsDto {
  @ApiProperty({ description: 'E-mail is configured on this platform' }) email: boolean;
  @ApiProperty({ description: 'SMS is configured on this platform' }) sms: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({ description: 'The address e-mails go to (the account e-mail)' }) email: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ type: NotificationChannelsDto }) available: NotificationChannelsDto;
  @ApiProperty({ type: [NotificationChannelChoiceDto], description: 'Every category; in-app delivery is always on' }) kinds: NotificationChannelChoiceDto[];
}
