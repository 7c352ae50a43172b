import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { ORGANISER_ROLES } from '../shared/session-organisers';
import { CityCodePipe } from '../shared/city-code.pipe';
import { CoHostInvitations } from './cohost-invitations.service';
import { AnswerCoHostDto, CoHostInvitationDto, CoHostInvitationQueryDto, InviteCoHostDto } from './dto/session.dto';
import { SessionsService } from './sessions.service';

/** Co-hosting an alliance session (联合主办): the host city invites, the invited city answers (docs/domain.md, "The nine-city alliance"). */
@ApiTags('roadshow alliance')
@Controller()
export class CoHostInvitationsController {
  constructor(
    private readonly invitations: CoHostInvitations,
    private readonly sessions: SessionsService,
  ) {}

  @Get('roadshow-cohost-invitations')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Co-host invitations addressed to my city (the platform: every city’s, or one city’s)' })
  @ApiOkResponse({ type: [CoHostInvitationDto] })
  list(@CurrentActor() actor: Actor, @Query() query: CoHostInvitationQueryDto): Promise<CoHostInvitationDto[]> {
    return this.invitations.listForCity(actor, query.cityCode, query.status);
  }

  @Get('roadshow-sessions/:id/cohost-invitations')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'A session’s co-host invitations: its host, co-host and invited cities' })
  @ApiOkResponse({ type: [CoHostInvitationDto] })
  async forSession(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CoHostInvitationDto[]> {
    return this.invitations.listForSession(actor, await this.sessions.requireVisible(this.sessions.manager, actor, id));
  }

  @Post('roadshow-sessions/:id/cohost-invitations')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'The host city invites a G60 city to co-host an alliance session (again, after a decline or withdrawal)' })
  @ApiCreatedResponse({ type: CoHostInvitationDto })
  @ApiConflictResponse({ description: 'Already invited or co-hosting; not an alliance session; session finished or cancelled' })
  invite(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: InviteCoHostDto): Promise<CoHostInvitationDto> {
    return this.invitations.invite(actor, id, dto.cityCode);
  }

  @Post('roadshow-sessions/:id/cohost-invitations/:cityCode/accept')
  @Roles(Role.RoadshowOrganiser)
  @HttpCode(200)
  @ApiOperation({ summary: 'The invited city accepts: it co-hosts (moderates the live page, reads the statistics)' })
  @ApiOkResponse({ type: CoHostInvitationDto })
  @ApiConflictResponse({ description: 'ILLEGAL_TRANSITION: the invitation is not pending' })
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('cityCode', CityCodePipe) cityCode: string, @Body() dto: AnswerCoHostDto): Promise<CoHostInvitationDto> {
    return this.invitations.answer(actor, id, cityCode, 'accept', dto.reason);
  }

  @Post('roadshow-sessions/:id/cohost-invitations/:cityCode/decline')
  @Roles(Role.RoadshowOrganiser)
  @HttpCode(200)
  @ApiOperation({ summary: 'The invited city declines, optionally saying why' })
  @ApiOkResponse({ type: CoHostInvitationDto })
  @ApiConflictResponse({ description: 'ILLEGAL_TRANSITION: the invitation is not pending' })
  decline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('cityCode', CityCodePipe) cityCode: string, @Body() dto: AnswerCoHostDto): Promise<CoHostInvitationDto> {
    return this.invitations.answer(actor, id, cityCode, 'decline', dto.reason);
  }

  @Post('roadshow-sessions/:id/cohost-invitations/:cityCode/withdraw')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'The host city withdraws an invitation, answered or not' })
  @ApiOkResponse({ type: CoHostInvitationDto })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('cityCode', CityCodePipe) cityCode: string): Promise<CoHostInvitationDto> {
    return this.invitations.withdraw(actor, id, cityCode);
  }
}
