import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsFen } from '../../../../platform/validation/validation';
import { FINANCING_STAGES, ROADSHOW_INDUSTRIES } from '../../shared/roadshow.constants';
import { ProjectDto } from '../../projects/dto/project.dto';

export class UpsertInvestorProfileDto {
  @ApiPropertyOptional({ enum: ROADSHOW_INDUSTRIES, isArray: true }) @IsOptional() @IsArray() @ArrayMaxSize(9) @IsIn(ROADSHOW_INDUSTRIES, { each: true })
  focusIndustries?: string[];

  @ApiPropertyOptional({ enum: FINANCING_STAGES, isArray: true }) @IsOptional() @IsArray() @ArrayMaxSize(7) @IsIn(FINANCING_STAGES, { each: true })
  focusStages?: string[];

  @IsFen({ required: false, description: 'Smallest ticket (单笔投资), fen' }) @IsOptional()
  ticketMinFen?: number;

  @IsFen({ min: 1, required: false, description: 'Largest ticket, fen' }) @IsOptional()
  ticketMaxFen?: number;
}

export class InvestorProfileDto {
  @ApiProperty() organizationId: string;
  @ApiProperty({ enum: ROADSHOW_INDUSTRIES, isArray: true }) focusIndustries: string[];
  @ApiProperty({ enum: FINANCING_STAGES, isArray: true }) focusStages: string[];
  @ApiProperty({ nullable: true, type: Number }) ticketMinFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) ticketMaxFen: number | null;
  @ApiProperty({ type: [String], description: 'Projects the signed-in investor follows' }) followedProjectIds: string[];
}

export class FollowDto {
  @ApiProperty() projectId: string;
  @ApiProperty() following: boolean;
}

export class RsvpDto {
  @ApiProperty() id: string;
  @ApiProperty() sessionId: string;
  @ApiProperty() userId: string;
  @ApiProperty({ enum: ['confirmed', 'waitlisted', 'cancelled'] }) status: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Place on the waitlist (1 = next), when waitlisted' }) waitlistPosition: number | null;
  @ApiProperty({ nullable: true, type: String }) promotedAt: string | null;
  @ApiProperty() createdAt: string;
}

export class InterestNoteDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class InterestTransitionDto {
  @ApiProperty({ enum: ['meet', 'start_due_diligence', 'offer_term_sheet', 'invest', 'drop'] })
  @IsIn(['meet', 'start_due_diligence', 'offer_term_sheet', 'invest', 'drop'])
  event: 'meet' | 'start_due_diligence' | 'offer_term_sheet' | 'invest' | 'drop';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class InterestDto {
  @ApiProperty() id: string;
  @ApiProperty() projectId: string;
  @ApiProperty() investorOrgId: string;
  @ApiProperty({ enum: ['interested', 'meeting', 'due_diligence', 'term_sheet', 'invested', 'dropped'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
}

export class RecommendationDto {
  @ApiProperty({ type: ProjectDto }) project: ProjectDto;
  @ApiProperty() score: number;
  @ApiProperty({ type: [String] }) reasons: string[];
}
