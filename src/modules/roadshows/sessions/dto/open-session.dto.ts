import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { SESSION_TYPES } from '../../shared/roadshow.constants';

export class OpenSessionQueryDto {
  @ApiPropertyOptional({ description: 'Sessions ending at or after this instant (default: 24 hours ago)', example: '2026-12-01T00:00:00+08:00' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Sessions starting before this instant (default: 90 days after from)' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;
}

/** A published session as open data: what the roadshow calendar shows anyone. */
export class OpenSessionDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SESSION_TYPES }) type: string;
  @ApiProperty() hostCityCode: string;
  @ApiProperty({ type: [String] }) coHostCityCodes: string[];
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ enum: ['published', 'finished'] }) status: string;
  @ApiProperty({ type: [String] }) themeIndustries: string[];
  @ApiProperty({ nullable: true, type: String, description: 'The venue’s name and address; null for a cloud session' }) venue: string | null;
  @ApiProperty({ description: 'Seats left (capacity less confirmed seats)' }) seatsLeft: number;
  @ApiProperty({ description: 'Cloud or hybrid: it has a live page' }) hasLivePage: boolean;
}

/** One pitch of a published agenda, as open data: no deck, team or financing ask. */
export class OpenAgendaSlotDto {
  @ApiProperty() slotIndex: number;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty() industry: string;
  @ApiProperty() stage: string;
  @ApiProperty() enterpriseName: string;
}

export class OpenSessionDetailDto extends OpenSessionDto {
  @ApiProperty({ description: 'The published agenda version shown (0: no agenda published yet)' }) agendaVersion: number;
  @ApiProperty({ type: [OpenAgendaSlotDto] }) slots: OpenAgendaSlotDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'The slot on stage now, by its index; null outside the pitches' }) onStageSlotIndex: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'The stream, only for a session whose live page is public (live_access = public)' }) streamUrl: string | null;
}
