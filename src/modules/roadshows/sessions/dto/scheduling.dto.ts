import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ReasonCodeDto, WarningDto } from '../../shared/dto/common.dto';
import { SessionDto, SlotDto } from './session.dto';

export class AssignSlotDto {
  @ApiProperty() @IsUUID()
  projectId: string;

  @ApiProperty({ description: 'Position in the session’s slot grid, from 0' }) @IsInt() @Min(0) @Max(1000)
  slotIndex: number;
}

export class MoveSlotDto {
  @ApiProperty({ description: 'New position in the slot grid' }) @IsInt() @Min(0) @Max(1000)
  slotIndex: number;
}

export class SlotChangeDto {
  @ApiProperty({ type: SlotDto, nullable: true }) slot: SlotDto | null;
  @ApiProperty({ type: [WarningDto], description: 'Soft issues: the change is made, but look again' }) warnings: WarningDto[];
}

export class ScheduleRunDto {
  @ApiProperty({ type: [String], description: 'Sessions to fill (draft or published)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsUUID('all', { each: true })
  sessionIds: string[];

  @ApiPropertyOptional({ type: [String], description: 'Limit to these projects; default: every screened project' })
  @IsOptional() @IsArray() @ArrayMaxSize(5000) @IsUUID('all', { each: true })
  projectIds?: string[];

  @ApiProperty({ description: 'false: preview only; true: write the placements (one transaction)' }) @IsBoolean()
  apply: boolean;
}

export class PlacementDto {
  @ApiProperty() projectId: string;
  @ApiProperty() sessionId: string;
  @ApiProperty() slotIndex: number;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ type: [ReasonCodeDto], description: 'Why this slot, as codes with parameters' }) reasonCodes: ReasonCodeDto[];
  @ApiProperty({ type: [ReasonCodeDto], description: 'Soft issues, as codes with parameters' }) warningCodes: ReasonCodeDto[];
  @ApiProperty({ type: [String], deprecated: true, description: 'English wording of reasonCodes' }) reasons: string[];
  @ApiProperty({ type: [String], deprecated: true, description: 'English wording of warningCodes' }) warnings: string[];
}

export class UnplacedDto {
  @ApiProperty() projectId: string;
  @ApiProperty({ enum: ['no_theme_match', 'not_available', 'presenter_busy', 'slots_full'] }) code: string;
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] }, description: 'Parameters of the code, for the wording' })
  params: Record<string, string | number>;
  @ApiProperty({ deprecated: true, description: 'English wording of code + params' }) reason: string;
}

export class ScheduleStatsDto {
  @ApiProperty() projects: number;
  @ApiProperty() placed: number;
  @ApiProperty() freeSlotsBefore: number;
  @ApiProperty() freeSlotsAfter: number;
}

export class ScheduleResultDto {
  @ApiProperty() applied: boolean;
  @ApiProperty({ type: [PlacementDto] }) placements: PlacementDto[];
  @ApiProperty({ type: [UnplacedDto] }) unplaced: UnplacedDto[];
  @ApiProperty({ type: ScheduleStatsDto }) stats: ScheduleStatsDto;
}

export class AgendaSlotDto {
  @ApiProperty() slotId: string;
  @ApiProperty() slotIndex: number;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() projectId: string;
  @ApiProperty() projectNumber: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty() industry: string;
  @ApiProperty() stage: string;
  @ApiProperty() enterpriseName: string;
}

export class AgendaDto {
  @ApiProperty({ type: SessionDto }) session: SessionDto;
  @ApiProperty({ nullable: true, type: String, description: 'Venue name and address, or the stream link' }) location: string | null;
  @ApiProperty({ description: '0: an unpublished draft (admins only)' }) version: number;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ type: [AgendaSlotDto] }) slots: AgendaSlotDto[];
}

export class AgendaChangeDto {
  @ApiProperty({ enum: ['added', 'removed', 'moved'] }) change: string;
  @ApiProperty() projectId: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty({ nullable: true, type: String }) fromStartsAt: string | null;
  @ApiProperty({ nullable: true, type: String }) toStartsAt: string | null;
}

export class AgendaVersionDto {
  @ApiProperty() sessionId: string;
  @ApiProperty() version: number;
  @ApiProperty() publishedAt: string;
  @ApiProperty({ type: [AgendaChangeDto] }) changelog: AgendaChangeDto[];
  @ApiProperty({ type: AgendaDto }) agenda: AgendaDto;
}

export class AgendaCollectionDto {
  @ApiProperty({ description: 'Whose agenda: session, project or investor' }) scope: string;
  @ApiProperty({ type: [AgendaDto] }) agendas: AgendaDto[];
}
