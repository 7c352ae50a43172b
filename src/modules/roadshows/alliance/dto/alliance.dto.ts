import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsInstant } from '../../shared/dto/common.dto';
import { LIVE_ACCESS, ROADSHOW_INDUSTRIES } from '../../shared/roadshow.constants';
import { SessionDto } from '../../sessions/dto/session.dto';

export class CreateSeriesDto {
  @ApiProperty({ example: 'G60 科创路演联盟月度路演' }) @IsString() @MinLength(2) @MaxLength(200)
  title: string;

  @ApiProperty({ type: [String], example: ['310117', '330400', '330100'], description: 'Member G60 cities in rotation order (each once, at least two)' })
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(20) @Matches(/^\d{6}$/, { each: true })
  rotationCityCodes: string[];
}

export class SeriesCityDto {
  @ApiPropertyOptional({ example: '330100', description: 'The platform names the city; a city organiser acts for its own (omit it)' }) @IsOptional() @Matches(/^\d{6}$/)
  cityCode?: string;
}

export class SeriesDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String], description: 'Member cities in rotation order' }) rotationCityCodes: string[];
  @ApiProperty({ type: [String], description: 'Members that opted out: skipped by the rotation' }) optedOutCityCodes: string[];
  @ApiProperty({ nullable: true, type: String, description: 'The city that hosts the next session (null when every member opted out)' }) nextHostCityCode: string | null;
  @ApiProperty() sessionsCreated: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() version: number;
}

export class SeriesDetailDto {
  @ApiProperty({ type: SeriesDto }) series: SeriesDto;
  @ApiProperty({ type: [SessionDto], description: 'Its sessions, in series order' }) sessions: SessionDto[];
}

/** The next session of a series: like a session, but the host comes from the rotation and the type is alliance. */
export class CreateSeriesSessionDto {
  @ApiProperty({ example: 'G60 科创路演联盟 12 月路演' }) @IsString() @MinLength(2) @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ type: [String], description: 'Co-host cities to invite; default: every other member that has not opted out' })
  @IsOptional() @IsArray() @ArrayMaxSize(9) @Matches(/^\d{6}$/, { each: true })
  coHostCityCodes?: string[];

  @ApiProperty({ description: 'The venue, in the next host city (GET the series for nextHostCityCode)' }) @IsUUID()
  venueId: string;

  @ApiPropertyOptional({ description: 'A stream makes the session hybrid (a live page)' })
  @IsOptional() @IsUrl({ protocols: ['https'], require_protocol: true }) @MaxLength(500)
  streamUrl?: string;

  @ApiPropertyOptional({ enum: LIVE_ACCESS }) @IsOptional() @IsIn(LIVE_ACCESS)
  liveAccess?: (typeof LIVE_ACCESS)[number];

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100_000)
  capacity?: number;

  @IsInstant('Start of the session')
  startsAt: string;

  @IsInstant('End of the session')
  endsAt: string;

  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(120)
  pitchMinutes: number;

  @ApiProperty({ example: 5 }) @IsInt() @Min(0) @Max(120)
  qaMinutes: number;

  @ApiProperty({ enum: ROADSHOW_INDUSTRIES, isArray: true }) @IsArray() @ArrayMaxSize(9) @IsIn(ROADSHOW_INDUSTRIES, { each: true })
  themeIndustries: string[];
}

export class CreateReferralDto {
  @ApiProperty() @IsUUID()
  projectId: string;

  @ApiProperty({ example: '330100', description: 'The receiving G60 city' }) @Matches(/^\d{6}$/)
  toCityCode: string;

  @ApiPropertyOptional({ description: 'One of the receiving city’s sessions (draft or published); omitted: its next session' }) @IsOptional() @IsUUID()
  sessionId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class DeclineReferralDto {
  @ApiProperty({ description: 'Why the receiving city declines (shown to the referring city)' }) @IsString() @MinLength(2) @MaxLength(2000)
  reason: string;
}

export class ReferralQueryDto {
  @ApiPropertyOptional({ enum: ['in', 'out'], description: 'in: referred to my city; out: referred by it; omitted: both' }) @IsOptional() @IsIn(['in', 'out'])
  direction?: 'in' | 'out';

  @ApiPropertyOptional({ enum: ['pending', 'accepted', 'declined', 'withdrawn'] }) @IsOptional() @IsIn(['pending', 'accepted', 'declined', 'withdrawn'])
  status?: string;
}

export class ReferralDto {
  @ApiProperty() id: string;
  @ApiProperty() projectId: string;
  @ApiProperty() projectNumber: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty() industry: string;
  @ApiProperty() fromCityCode: string;
  @ApiProperty() toCityCode: string;
  @ApiProperty({ nullable: true, type: String, description: 'The session referred to; null: the receiving city’s next session' }) sessionId: string | null;
  @ApiProperty({ nullable: true, type: String }) sessionTitle: string | null;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined', 'withdrawn'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) declineReason: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty() createdAt: string;
}

export class CityProjectDto {
  @ApiProperty() id: string;
  @ApiProperty() number: string;
  @ApiProperty() title: string;
  @ApiProperty() industry: string;
  @ApiProperty() stage: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() status: string;
  @ApiProperty({ enum: ['own', 'referred'], description: 'own: submitted in the city; referred: another city referred it and this city accepted' }) source: string;
}

export class CityProjectQueryDto {
  @ApiPropertyOptional({ example: '330400', description: 'Platform: the city whose projects to list (a city organiser lists its own)' }) @IsOptional() @Matches(/^\d{6}$/)
  cityCode?: string;
}
