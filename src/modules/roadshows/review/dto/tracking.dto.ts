import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsInstant } from '../../shared/dto/common.dto';
import { FOLLOW_UP_TOPICS } from '../review.state';

export class CoachingItemInputDto {
  @ApiProperty({ example: '补充核心专利清单' }) @IsString() @MinLength(1) @MaxLength(1000)
  description: string;
  @ApiProperty({ description: 'Who does it (a user of the enterprise or the roadshow centre)' }) @IsUUID()
  ownerUserId: string;
  @ApiProperty({ example: '2026-12-20', description: 'Due (Shanghai calendar day)' }) @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueOn: string;
}

export class CreateCoachingRecordDto {
  @ApiProperty({ example: '王导师（嘉兴科创路演中心）', description: 'Who coached' }) @IsString() @MinLength(1) @MaxLength(100)
  coachName: string;
  @ApiPropertyOptional({ description: 'The coach’s user, when they have one' }) @IsOptional() @IsUUID()
  coachUserId?: string;
  @IsInstant('When the coaching took place')
  coachedAt: string;
  @ApiProperty({ description: 'Advice given' }) @IsString() @MinLength(1) @MaxLength(4000)
  advice: string;
  @ApiPropertyOptional({ type: [CoachingItemInputDto] }) @IsOptional() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => CoachingItemInputDto)
  items?: CoachingItemInputDto[];
}

export class CoachingItemDto {
  @ApiProperty() id: string;
  @ApiProperty() description: string;
  @ApiProperty() ownerUserId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty() dueOn: string;
  @ApiProperty({ enum: ['open', 'done', 'dropped'] }) status: string;
  @ApiProperty({ description: 'Open and past its due day (Shanghai)' }) overdue: boolean;
}

export class CoachingRecordDto {
  @ApiProperty() id: string;
  @ApiProperty() projectId: string;
  @ApiProperty() coachName: string;
  @ApiProperty({ nullable: true, type: String }) coachUserId: string | null;
  @ApiProperty() coachedAt: string;
  @ApiProperty() advice: string;
  @ApiProperty({ type: [CoachingItemDto] }) items: CoachingItemDto[];
  @ApiProperty() createdAt: string;
}

export class CoachingItemStatusDto {
  @ApiProperty({ enum: ['complete', 'drop'] }) @IsIn(['complete', 'drop'])
  event: 'complete' | 'drop';
}

export class CreateFollowUpDto {
  @ApiProperty({ enum: FOLLOW_UP_TOPICS }) @IsIn(FOLLOW_UP_TOPICS)
  topic: (typeof FOLLOW_UP_TOPICS)[number];
  @ApiProperty({ example: '本轮融资是否已交割？' }) @IsString() @MinLength(1) @MaxLength(500)
  question: string;
  @IsInstant('When the answer is due; the person responsible is reminded then')
  dueAt: string;
  @ApiProperty({ description: 'The person responsible (reminded at the due time)' }) @IsUUID()
  responsibleUserId: string;
}

export class CloseFollowUpDto {
  @ApiProperty({ enum: ['complete', 'cancel'] }) @IsIn(['complete', 'cancel'])
  event: 'complete' | 'cancel';
  @ApiPropertyOptional({ description: 'The answer (e.g. "closed on 12 Dec, 3000万")' }) @IsOptional() @IsString() @MaxLength(2000)
  answer?: string;
}

export class FollowUpDto {
  @ApiProperty() id: string;
  @ApiProperty() projectId: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty({ enum: FOLLOW_UP_TOPICS }) topic: string;
  @ApiProperty() question: string;
  @ApiProperty() dueAt: string;
  @ApiProperty() responsibleUserId: string;
  @ApiProperty() responsibleName: string;
  @ApiProperty({ enum: ['open', 'done', 'cancelled'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty({ nullable: true, type: String }) remindedAt: string | null;
  @ApiProperty() overdue: boolean;
}

export class FollowUpQueryDto {
  @ApiPropertyOptional({ description: 'Only open follow-ups past their due time' }) @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  projectId?: string;
}
