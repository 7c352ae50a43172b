import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { SessionDto } from '../sessions/dto/session.dto';
import { ORGANISER_ROLES } from '../shared/session-organisers';
import {
  CityProjectDto, CityProjectQueryDto, CreateReferralDto, CreateSeriesDto, CreateSeriesSessionDto, DeclineReferralDto, ReferralDto, ReferralQueryDto, SeriesCityDto, SeriesDetailDto, SeriesDto,
} from './dto/alliance.dto';
import { ReferralsService } from './referrals.service';
import { SeriesService } from './series.service';

/** The nine-city alliance (路演联盟): series with rotating hosts, referrals between cities, a city's projects. */
@ApiTags('roadshow alliance')
@Controller()
export class AllianceController {
  constructor(
    private readonly series: SeriesService,
    private readonly referrals: ReferralsService,
  ) {}

  @Post('roadshow-series')
  @Roles(Role.PlatformAdmin)
  @ApiOperation({ summary: 'Set up an alliance series (e.g. G60 科创路演联盟月度路演) with its member cities in rotation order' })
  @ApiCreatedResponse({ type: SeriesDto })
  createSeries(@CurrentActor() actor: Actor, @Body() dto: CreateSeriesDto): Promise<SeriesDto> {
    return this.series.create(actor, dto);
  }

  @Get('roadshow-series')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Alliance series, each with the city that hosts its next session' })
  @ApiOkResponse({ type: [SeriesDto] })
  listSeries(): Promise<SeriesDto[]> {
    return this.series.list();
  }

  @Get('roadshow-series/:id')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'A series: the rotation, who opted out, the next host and its sessions' })
  @ApiOkResponse({ type: SeriesDetailDto })
  getSeries(@Param('id', ParseUUIDPipe) id: string): Promise<SeriesDetailDto> {
    return this.series.get(id);
  }

  @Post('roadshow-series/:id/opt-out')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'A member city opts out of the rotation (skipped until it opts in again)' })
  @ApiOkResponse({ type: SeriesDto })
  @ApiConflictResponse({ description: 'Already opted out' })
  optOut(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SeriesCityDto): Promise<SeriesDto> {
    return this.series.setOptOut(actor, id, dto.cityCode, true);
  }

  @Post('roadshow-series/:id/opt-in')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'A member city takes its place in the rotation again' })
  @ApiOkResponse({ type: SeriesDto })
  @ApiConflictResponse({ description: 'Not opted out' })
  optIn(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SeriesCityDto): Promise<SeriesDto> {
    return this.series.setOptOut(actor, id, dto.cityCode, false);
  }

  @Post('roadshow-series/:id/sessions')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Create the series’ next session: the next city in the rotation hosts it (the platform or that city creates it); the other members are invited to co-host' })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiConflictResponse({ description: 'Every member opted out' })
  createSeriesSession(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateSeriesSessionDto): Promise<SessionDto> {
    return this.series.createSession(actor, id, dto);
  }

  @Post('roadshow-referrals')
  @Roles(Role.RoadshowOrganiser)
  @ApiOperation({ summary: 'Refer a project of my city to another G60 city, for one of its sessions or its next one' })
  @ApiCreatedResponse({ type: ReferralDto })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: already referred there (pending or accepted); or the project is not schedulable' })
  refer(@CurrentActor() actor: Actor, @Body() dto: CreateReferralDto): Promise<ReferralDto> {
    return this.referrals.refer(actor, dto);
  }

  @Get('roadshow-referrals')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Referrals into and out of my city (the platform: all)' })
  @ApiOkResponse({ type: [ReferralDto] })
  listReferrals(@CurrentActor() actor: Actor, @Query() query: ReferralQueryDto): Promise<ReferralDto[]> {
    return this.referrals.list(actor, query.direction, query.status);
  }

  @Post('roadshow-referrals/:id/accept')
  @Roles(Role.RoadshowOrganiser)
  @HttpCode(200)
  @ApiOperation({ summary: 'The receiving city accepts: the project becomes schedulable in its session(s)' })
  @ApiOkResponse({ type: ReferralDto })
  @ApiConflictResponse({ description: 'ILLEGAL_TRANSITION: not pending' })
  acceptReferral(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ReferralDto> {
    return this.referrals.move(actor, id, 'accept');
  }

  @Post('roadshow-referrals/:id/decline')
  @Roles(Role.RoadshowOrganiser)
  @HttpCode(200)
  @ApiOperation({ summary: 'The receiving city declines, with the reason' })
  @ApiOkResponse({ type: ReferralDto })
  @ApiConflictResponse({ description: 'ILLEGAL_TRANSITION: not pending' })
  declineReferral(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeclineReferralDto): Promise<ReferralDto> {
    return this.referrals.move(actor, id, 'decline', dto.reason);
  }

  @Post('roadshow-referrals/:id/withdraw')
  @Roles(Role.RoadshowOrganiser)
  @HttpCode(200)
  @ApiOperation({ summary: 'The referring city withdraws a referral nobody has answered' })
  @ApiOkResponse({ type: ReferralDto })
  @ApiConflictResponse({ description: 'ILLEGAL_TRANSITION: not pending' })
  withdrawReferral(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ReferralDto> {
    return this.referrals.move(actor, id, 'withdraw');
  }

  @Get('roadshow-city-projects')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Projects my city may schedule and refer: its own screened ones and those it accepted from other cities' })
  @ApiOkResponse({ type: [CityProjectDto] })
  cityProjects(@CurrentActor() actor: Actor, @Query() query: CityProjectQueryDto): Promise<CityProjectDto[]> {
    return this.referrals.cityProjects(actor, query.cityCode);
  }
}
