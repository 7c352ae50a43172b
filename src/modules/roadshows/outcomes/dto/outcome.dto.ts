import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsFen } from '../../../../platform/validation/validation';

export class RecordOutcomeDto {
  @ApiPropertyOptional({ example: '330100', description: 'The G60 alliance city the project landed (落地) in; omitted: not landed (yet)' }) @IsOptional() @Matches(/^\d{6}$/)
  landingCityCode?: string;

  @ApiPropertyOptional({ example: '330106', description: 'The district or county of the landing city, when known' }) @IsOptional() @Matches(/^\d{6}$/)
  landingRegionCode?: string;

  @ApiPropertyOptional({ deprecated: true, description: 'Old form: landed in Jiaxing (= landingCityCode 330400); use landingCityCode' }) @IsOptional() @IsBoolean()
  landedInJiaxing?: boolean;

  @ApiPropertyOptional({ deprecated: true, example: '330402', description: 'Old form: the Jiaxing district or county; use landingRegionCode' }) @IsOptional() @Matches(/^\d{6}$/)
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
  @ApiProperty({ nullable: true, type: String, description: 'The G60 city it landed in; null: not landed' }) landingCityCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The district or county of the landing city' }) landingRegionCode: string | null;
  @ApiProperty({ deprecated: true, description: 'landingCityCode = 330400' }) landedInJiaxing: boolean;
  @ApiProperty({ deprecated: true, nullable: true, type: String, description: 'Same as landingRegionCode' }) landingDistrictCode: string | null;
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

  @ApiPropertyOptional({ example: '330400', description: 'One G60 city only (a city organiser always reads its own city)' }) @IsOptional() @Matches(/^\d{6}$/)
  cityCode?: string;
}

export class StatsRowDto {
  @ApiProperty({ description: 'City code, industry, session type or YYYY-MM' }) key: string;
  @ApiProperty() projects: number;
  @ApiProperty({ description: 'Passed screening (screened or later)' }) screened: number;
  @ApiProperty({ description: 'Presented at a roadshow (presented or later)' }) presented: number;
  @ApiProperty({ description: 'Landed in any G60 city' }) landed: number;
  @ApiProperty({ deprecated: true, description: 'Landed in Jiaxing' }) landedInJiaxing: number;
  @ApiProperty() financingRaisedFen: number;
}

export class LiveTotalsDto {
  @ApiProperty({ description: 'Cloud and hybrid sessions (published or finished) starting in the period' }) sessions: number;
  @ApiProperty({ description: 'Attendance: people who opened their live or replay page, each once per session' }) attendees: number;
  @ApiProperty() questionsAsked: number;
  @ApiProperty({ description: 'Approved, answered or not' }) questionsApproved: number;
  @ApiProperty() questionsAnswered: number;
}

/** One alliance city's figures (or the alliance's, key 'total') in the period: docs/domain.md, "Alliance statistics". */
export class AllianceCityStatsDto {
  @ApiProperty({ description: 'City code, or total' }) key: string;
  @ApiProperty({ description: 'Sessions it hosted (published or finished, starting in the period)' }) sessionsHosted: number;
  @ApiProperty({ description: 'Sessions it co-hosted (accepted), same rule' }) sessionsCoHosted: number;
  @ApiProperty({ description: 'Distinct projects with a slot in a finished session it hosted' }) projectsPresented: number;
  @ApiProperty({ description: 'Distinct investor users with a confirmed RSVP or live attendance at sessions it hosted' }) investorsAttending: number;
  @ApiProperty({ description: 'Of whom attended the live page' }) liveAttendees: number;
  @ApiProperty({ description: 'Investment interests, created in the period, in projects presenting in sessions it hosted' }) interests: number;
  @ApiProperty({ description: 'Referrals to the city created in the period' }) referralsIn: number;
  @ApiProperty({ description: 'Of which accepted' }) referralsInAccepted: number;
  @ApiProperty({ description: 'Referrals by the city created in the period' }) referralsOut: number;
  @ApiProperty({ description: 'Projects that landed in the city (landing date in the period)' }) landings: number;
}

export class AllianceStatsDto {
  @ApiProperty({ type: [AllianceCityStatsDto], description: 'Per city: every G60 city for the platform and the bureau, its own city for a city organiser' }) cities: AllianceCityStatsDto[];
  @ApiProperty({ type: AllianceCityStatsDto, nullable: true, description: 'The whole alliance, distinct counts (null for a city organiser)' }) total: AllianceCityStatsDto | null;
}

export class StatsDto {
  @ApiProperty({ enum: STATS_GROUPS }) groupBy: string;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty({ type: [StatsRowDto] }) rows: StatsRowDto[];
  @ApiProperty({ type: StatsRowDto }) totals: StatsRowDto;
  @ApiProperty({ type: LiveTotalsDto, description: 'Cloud roadshows: attendance and questions of the live sessions in the period' }) live: LiveTotalsDto;
  @ApiProperty({ nullable: true, type: String, description: 'The city the figures are limited to, if any' }) cityCode: string | null;
  @ApiProperty({ type: AllianceStatsDto, description: 'The nine-city alliance: per city and in total' }) alliance: AllianceStatsDto;
}
