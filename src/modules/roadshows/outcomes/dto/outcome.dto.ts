import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsFen } from '../../../../platform/validation/validation';

export class RecordOutcomeDto {
  @ApiProperty({ description: 'Landed (落地) in Jiaxing' }) @IsBoolean()
  landedInJiaxing: boolean;

  @ApiPropertyOptional({ example: '330402', description: 'Jiaxing district or county, when landed' }) @IsOptional() @Matches(/^\d{6}$/)
  landingDistrictCode?: string;

  @ApiPropertyOptional({ example: '2026-05-20', description: 'Landing date (Shanghai calendar day)' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/)
  landedOn?: string;

  @IsFen({ description: 'Financing raised so far, fen' })
  financingRaisedFen: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class OutcomeDto {
  @ApiProperty() projectId: string;
  @ApiProperty() landedInJiaxing: boolean;
  @ApiProperty({ nullable: true, type: String }) landingDistrictCode: string | null;
  @ApiProperty({ nullable: true, type: String }) landedOn: string | null;
  @ApiProperty() financingRaisedFen: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() updatedAt: string;
}

export const STATS_GROUPS = ['city', 'industry', 'session_type', 'month'] as const;

export class StatsQueryDto {
  @ApiProperty({ enum: STATS_GROUPS }) @IsIn(STATS_GROUPS)
  groupBy: (typeof STATS_GROUPS)[number];

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First Shanghai calendar day of the period' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day of the period' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;
}

export class StatsRowDto {
  @ApiProperty({ description: 'City code, industry, session type or YYYY-MM' }) key: string;
  @ApiProperty() projects: number;
  @ApiProperty({ description: 'Passed screening (screened or later)' }) screened: number;
  @ApiProperty({ description: 'Presented at a roadshow (presented or later)' }) presented: number;
  @ApiProperty() landedInJiaxing: number;
  @ApiProperty() financingRaisedFen: number;
}

export class LiveTotalsDto {
  @ApiProperty({ description: 'Cloud and hybrid sessions (published or finished) starting in the period' }) sessions: number;
  @ApiProperty({ description: 'Attendance: people who opened their live or replay page, each once per session' }) attendees: number;
  @ApiProperty() questionsAsked: number;
  @ApiProperty({ description: 'Approved, answered or not' }) questionsApproved: number;
  @ApiProperty() questionsAnswered: number;
}

export class StatsDto {
  @ApiProperty({ enum: STATS_GROUPS }) groupBy: string;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty({ type: [StatsRowDto] }) rows: StatsRowDto[];
  @ApiProperty({ type: StatsRowDto }) totals: StatsRowDto;
  @ApiProperty({ type: LiveTotalsDto, description: 'Cloud roadshows: attendance and questions of the live sessions in the period' }) live: LiveTotalsDto;
}
