import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { LIVE_ACCESS, ROADSHOW_INDUSTRIES, SESSION_TYPES } from '../../shared/roadshow.constants';
import { IsInstant, PageQueryDto, ReasonCodeDto } from '../../shared/dto/common.dto';

export class CreateVenueDto {
  @ApiProperty({ example: '长三角全球科创路演中心 1 号厅' }) @IsString() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiProperty({ example: '330400', description: 'The city the venue belongs to' }) @Matches(/^\d{6}$/)
  cityCode: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300)
  address?: string;

  @ApiProperty({ minimum: 1, maximum: 100000 }) @IsInt() @Min(1) @Max(100_000)
  capacity: number;
}

export class VenueDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() cityCode: string;
  @ApiProperty() address: string;
  @ApiProperty() capacity: number;
}

export class CreateSessionDto {
  @ApiProperty({ example: '新材料专场路演' }) @IsString() @MinLength(2) @MaxLength(200)
  title: string;

  @ApiProperty({ enum: SESSION_TYPES }) @IsIn(SESSION_TYPES)
  type: (typeof SESSION_TYPES)[number];

  @ApiProperty({ example: '330400' }) @Matches(/^\d{6}$/)
  hostCityCode: string;

  @ApiPropertyOptional({ type: [String], description: 'alliance: the co-hosting G60 cities' })
  @IsOptional() @IsArray() @ArrayMaxSize(9) @Matches(/^\d{6}$/, { each: true })
  coHostCityCodes?: string[];

  @ApiPropertyOptional({ description: 'custom and alliance: the venue (in the host city)' }) @IsOptional() @IsUUID()
  venueId?: string;

  @ApiPropertyOptional({
    description: 'The stream: an HLS playlist (….m3u8) or a provider\'s player page, https on a host of LIVE_STREAM_HOSTS. Required for cloud sessions; with a venue it makes a hybrid session. Either way the session gets a live page.',
  })
  @IsOptional() @IsUrl({ protocols: ['https'], require_protocol: true }) @MaxLength(500)
  streamUrl?: string;

  @ApiPropertyOptional({ enum: LIVE_ACCESS, description: 'Who may watch the live page besides organisers and presenters: registered (a confirmed RSVP, the default) or public (anyone signed in)' })
  @IsOptional() @IsIn(LIVE_ACCESS)
  liveAccess?: (typeof LIVE_ACCESS)[number];

  @ApiPropertyOptional({ description: 'Audience seats; in-person default: the venue capacity. Required for cloud sessions.' })
  @IsOptional() @IsInt() @Min(1) @Max(100_000)
  capacity?: number;

  @IsInstant('Start of the session')
  startsAt: string;

  @IsInstant('End of the session')
  endsAt: string;

  @ApiProperty({ example: 10, description: 'Pitch minutes per slot' }) @IsInt() @Min(1) @Max(120)
  pitchMinutes: number;

  @ApiProperty({ example: 5, description: 'Q&A minutes per slot' }) @IsInt() @Min(0) @Max(120)
  qaMinutes: number;

  @ApiProperty({ enum: ROADSHOW_INDUSTRIES, isArray: true, description: 'Industry theme; empty: open to any industry' })
  @IsArray() @ArrayMaxSize(9) @IsIn(ROADSHOW_INDUSTRIES, { each: true })
  themeIndustries: string[];
}

export class SessionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['draft', 'published', 'finished', 'cancelled'] }) @IsOptional() @IsIn(['draft', 'published', 'finished', 'cancelled'])
  status?: string;

  @ApiPropertyOptional({ enum: SESSION_TYPES }) @IsOptional() @IsIn(SESSION_TYPES)
  type?: string;

  @ApiPropertyOptional({ example: '330400', description: 'Sessions this city hosts, co-hosts or is invited to co-host' }) @IsOptional() @Matches(/^\d{6}$/)
  cityCode?: string;

  @ApiPropertyOptional({ description: 'Sessions of this alliance series' }) @IsOptional() @IsUUID()
  seriesId?: string;
}

export class VenueListQueryDto {
  @ApiPropertyOptional({ example: '330400', description: 'Venues of this city' }) @IsOptional() @Matches(/^\d{6}$/)
  cityCode?: string;
}

export class InviteCoHostDto {
  @ApiProperty({ example: '330100', description: 'A G60 alliance city other than the host' }) @Matches(/^\d{6}$/)
  cityCode: string;
}

export class AnswerCoHostDto {
  @ApiPropertyOptional({ description: 'Why (shown to the host city); optional' }) @IsOptional() @IsString() @MinLength(2) @MaxLength(500)
  reason?: string;
}

export class CoHostInvitationQueryDto {
  @ApiPropertyOptional({ example: '330100', description: 'Platform: one city’s invitations (a city organiser reads its own)' }) @IsOptional() @Matches(/^\d{6}$/)
  cityCode?: string;

  @ApiPropertyOptional({ enum: ['invited', 'accepted', 'declined', 'withdrawn'] }) @IsOptional() @IsIn(['invited', 'accepted', 'declined', 'withdrawn'])
  status?: 'invited' | 'accepted' | 'declined' | 'withdrawn';
}

export class CoHostInvitationDto {
  @ApiProperty() id: string;
  @ApiProperty() sessionId: string;
  @ApiProperty() sessionTitle: string;
  @ApiProperty() sessionStartsAt: string;
  @ApiProperty() hostCityCode: string;
  @ApiProperty({ description: 'The invited city' }) cityCode: string;
  @ApiProperty({ enum: ['invited', 'accepted', 'declined', 'withdrawn'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty() createdAt: string;
}

export class SessionDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SESSION_TYPES }) type: string;
  @ApiProperty() hostCityCode: string;
  @ApiProperty({ type: [String], description: 'Co-host cities that accepted their invitation' }) coHostCityCodes: string[];
  @ApiProperty({ type: [String], description: 'Co-host cities invited, not yet answered' }) pendingCoHostCityCodes: string[];
  @ApiProperty({ nullable: true, type: String, description: 'The alliance series the session belongs to' }) seriesId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Its number in the series, from 1' }) seriesSeq: number | null;
  @ApiProperty({ nullable: true, type: String }) venueId: string | null;
  @ApiProperty({ nullable: true, type: String }) streamUrl: string | null;
  @ApiProperty({ description: 'Cloud or hybrid: the session has a live page (and, once finished, a replay page)' }) hasLivePage: boolean;
  @ApiProperty({ enum: LIVE_ACCESS }) liveAccess: string;
  @ApiProperty() capacity: number;
  @ApiProperty() seatsTaken: number;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() pitchMinutes: number;
  @ApiProperty() qaMinutes: number;
  @ApiProperty({ description: 'Slots that fit the window' }) slotCount: number;
  @ApiProperty({ type: [String] }) themeIndustries: string[];
  @ApiProperty({ enum: ['draft', 'published', 'finished', 'cancelled'] }) status: string;
  @ApiProperty({ description: 'Latest published agenda version; 0 before the first publication' }) agendaVersion: number;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty() version: number;
}

export class SlotDto {
  @ApiProperty() id: string;
  @ApiProperty() sessionId: string;
  @ApiProperty() slotIndex: number;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() projectId: string;
  @ApiProperty() projectNumber: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty() industry: string;
  @ApiProperty({ enum: ['scheduler', 'manual'] }) placedBy: string;
  @ApiProperty({ type: [ReasonCodeDto], description: 'Why the slot is here: the scheduler’s reasons and warnings, or placed_by_hand' }) explanationCodes: ReasonCodeDto[];
  @ApiProperty({ type: [String], deprecated: true, description: 'English wording of explanationCodes' }) explanation: string[];
}

export class SessionDetailDto {
  @ApiProperty({ type: SessionDto }) session: SessionDto;
  @ApiProperty({ type: [SlotDto], description: 'Current slots (may differ from the published agenda until republished)' }) slots: SlotDto[];
}

export class CreateSessionRequestDto {
  @ApiProperty({ example: '新能源汽车零部件企业定制路演' }) @IsString() @MinLength(2) @MaxLength(200)
  title: string;

  @ApiProperty({ enum: ROADSHOW_INDUSTRIES, isArray: true }) @IsArray() @ArrayMaxSize(9) @IsIn(ROADSHOW_INDUSTRIES, { each: true })
  industries: string[];

  @ApiProperty({ example: '330400' }) @Matches(/^\d{6}$/)
  hostCityCode: string;

  @IsInstant('Earliest preferred start')
  preferredStart: string;

  @IsInstant('Latest preferred end')
  preferredEnd: string;

  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(100_000)
  expectedAudience: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class AcceptSessionRequestDto {
  @ApiProperty({ description: 'The session the request is accepted into' }) @IsUUID()
  sessionId: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class DeclineSessionRequestDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(2000)
  reason: string;
}

export class SessionRequestDto {
  @ApiProperty() id: string;
  @ApiProperty() requesterOrgId: string;
  @ApiProperty({ enum: ['enterprise', 'investor', 'park'] }) requesterKind: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) industries: string[];
  @ApiProperty() hostCityCode: string;
  @ApiProperty() preferredStart: string;
  @ApiProperty() preferredEnd: string;
  @ApiProperty() expectedAudience: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) sessionId: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
  @ApiProperty() createdAt: string;
}
