import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FindingReasonDto } from '../../../approvals/dto/approval.dto';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsFen } from '../../../../platform/validation/validation';
import { FINANCING_STAGES, ROADSHOW_INDUSTRIES } from '../../shared/roadshow.constants';
import { MANUAL_PROJECT_EVENTS, PROJECT_STATUSES } from '../../shared/roadshow.state';
import { IsInstant, PageQueryDto } from '../../shared/dto/common.dto';

export class TeamMemberDto {
  @ApiProperty({ example: '李文博' }) @IsString() @MinLength(1) @MaxLength(60)
  name: string;

  @ApiProperty({ example: 'CEO，材料学博士' }) @IsString() @MinLength(1) @MaxLength(200)
  role: string;
}

export class AvailabilityWindowDto {
  @IsInstant('Start of a window in which the presenters can pitch')
  from: string;

  @IsInstant('End of the window')
  to: string;
}

export class CreateProjectDto {
  @ApiProperty({ example: '高导热石墨烯复合散热膜' }) @IsString() @MinLength(2) @MaxLength(200)
  title: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000)
  summary?: string;

  @ApiProperty({ enum: ROADSHOW_INDUSTRIES }) @IsIn(ROADSHOW_INDUSTRIES)
  industry: string;

  @ApiProperty({ enum: FINANCING_STAGES }) @IsIn(FINANCING_STAGES)
  stage: string;

  @IsFen({ min: 1, description: 'Financing ask (融资需求), fen' })
  financingAskFen: number;

  @ApiProperty({ example: '330402', description: 'Region of the project (district or city)' }) @Matches(/^\d{6}$/)
  regionCode: string;

  @ApiProperty({ type: [TeamMemberDto] }) @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => TeamMemberDto)
  team: TeamMemberDto[];

  @ApiPropertyOptional({ type: [AvailabilityWindowDto], description: 'When the presenters can pitch; empty or absent: any time' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AvailabilityWindowDto)
  availability?: AvailabilityWindowDto[];
}

export class UpdateProjectDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000)
  summary?: string;

  @ApiPropertyOptional({ enum: ROADSHOW_INDUSTRIES }) @IsOptional() @IsIn(ROADSHOW_INDUSTRIES)
  industry?: string;

  @ApiPropertyOptional({ enum: FINANCING_STAGES }) @IsOptional() @IsIn(FINANCING_STAGES)
  stage?: string;

  @IsFen({ min: 1, required: false, description: 'Financing ask, fen' }) @IsOptional()
  financingAskFen?: number;

  @ApiPropertyOptional({ type: [TeamMemberDto] }) @IsOptional() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => TeamMemberDto)
  team?: TeamMemberDto[];
}

export class SetAvailabilityDto {
  @ApiProperty({ type: [AvailabilityWindowDto], description: 'Replaces the declared availability; empty: any time' })
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AvailabilityWindowDto)
  availability: AvailabilityWindowDto[];
}

export class ProjectTransitionDto {
  @ApiProperty({ enum: MANUAL_PROJECT_EVENTS }) @IsIn(MANUAL_PROJECT_EVENTS)
  event: (typeof MANUAL_PROJECT_EVENTS)[number];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class DeckInvitationDto {
  @ApiProperty({ description: 'An investor organisation' }) @IsUUID()
  investorOrganizationId: string;
}

export class ProjectListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES }) @IsOptional() @IsIn(PROJECT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ROADSHOW_INDUSTRIES }) @IsOptional() @IsIn(ROADSHOW_INDUSTRIES)
  industry?: string;
}

export class DeckInfoDto {
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedAt: string;
}

export class ProjectDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'LY2026-000001' }) number: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: ROADSHOW_INDUSTRIES }) industry: string;
  @ApiProperty({ enum: FINANCING_STAGES }) stage: string;
  @ApiProperty() financingAskFen: number;
  @ApiProperty() regionCode: string;
  @ApiProperty({ type: [TeamMemberDto] }) team: TeamMemberDto[];
  @ApiProperty({ type: [AvailabilityWindowDto] }) availability: AvailabilityWindowDto[];
  @ApiProperty({ enum: PROJECT_STATUSES }) status: string;
  @ApiProperty() statusChangedAt: string;
  @ApiProperty({ nullable: true, type: String }) screeningCaseId: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ nullable: true, type: DeckInfoDto, description: 'Metadata only; the deck itself is confidential' }) deck: DeckInfoDto | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() version: number;
}

export class ProjectTimelineEntryDto {
  @ApiProperty() event: string;
  @ApiProperty({ nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty({ nullable: true, type: String, description: 'English wording of a server note (kept for API clients), or a person’s own words' }) note: string | null;
  @ApiProperty({ nullable: true, type: () => FindingReasonDto, description: 'The note as a code when the server wrote it; null for a person’s own words and older entries' })
  noteCode: FindingReasonDto | null;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty() at: string;
}

export class ProjectTimelineDto {
  @ApiProperty() projectId: string;
  @ApiProperty({ enum: PROJECT_STATUSES }) status: string;
  @ApiProperty({ type: [ProjectTimelineEntryDto] }) entries: ProjectTimelineEntryDto[];
}

export class DeckInvitationResultDto {
  @ApiProperty() projectId: string;
  @ApiProperty() investorOrganizationId: string;
  @ApiProperty() invitedAt: string;
}
