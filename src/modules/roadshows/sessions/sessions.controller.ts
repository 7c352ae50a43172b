import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { AgendaCollectionDto, AgendaDto, AgendaVersionDto, AssignSlotDto, MoveSlotDto, ScheduleResultDto, ScheduleRunDto, SlotChangeDto } from './dto/scheduling.dto';
import {
  AcceptSessionRequestDto, CreateSessionDto, CreateSessionRequestDto, CreateVenueDto, DeclineSessionRequestDto, SessionDetailDto, SessionDto, SessionListQueryDto, SessionRequestDto, VenueDto,
  VenueListQueryDto,
} from './dto/session.dto';
import { ORGANISER_ROLES } from '../shared/session-organisers';
import { AgendaExportsService } from './agenda-exports.service';
import { AgendaService } from './agenda.service';
import { AutoSchedulingService } from './auto-scheduling.service';
import { SessionRequestsService } from './session-requests.service';
import { SessionsService } from './sessions.service';
import { SlotsService } from './slots.service';

const REQUESTERS = [Role.EnterpriseUser, Role.Investor, Role.Reviewer, Role.Approver, Role.PartnerAdmin];

@ApiTags('roadshow sessions')
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly slots: SlotsService,
    private readonly scheduling: AutoSchedulingService,
    private readonly agendas: AgendaService,
    private readonly exports: AgendaExportsService,
    private readonly requests: SessionRequestsService,
  ) {}

  @Post('roadshow-venues')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Add a venue (路演场地) in a city, with its capacity: the platform anywhere, a city’s roadshow organisers in their city' })
  @ApiCreatedResponse({ type: VenueDto })
  createVenue(@CurrentActor() actor: Actor, @Body() dto: CreateVenueDto): Promise<VenueDto> {
    return this.sessions.createVenue(actor, dto);
  }

  @Get('roadshow-venues')
  @Authenticated()
  @ApiOperation({ summary: 'Venues, optionally of one city' })
  @ApiOkResponse({ type: [VenueDto] })
  venues(@Query() query: VenueListQueryDto): Promise<VenueDto[]> {
    return this.sessions.listVenues(query.cityCode);
  }

  @Post('roadshow-sessions')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Create a draft session: custom, alliance (invites co-hosting G60 cities) or cloud (stream link). A city’s organisers host in their own city.' })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiConflictResponse({ description: 'The venue is booked for an overlapping session (details.conflictsWith), or over its capacity' })
  createSession(@CurrentActor() actor: Actor, @Body() dto: CreateSessionDto): Promise<SessionDto> {
    return this.sessions.createSession(actor, dto);
  }

  @Get('roadshow-sessions')
  @Authenticated()
  @ApiOperation({ summary: 'Sessions: published and finished ones; the platform also drafts and cancelled ones, a city’s organisers those of sessions their city hosts, co-hosts or is invited to' })
  @ApiOkResponse({ type: [SessionDto] })
  listSessions(@CurrentActor() actor: Actor, @Query() query: SessionListQueryDto): Promise<SessionDto[]> {
    return this.sessions.list(actor, query);
  }

  @Get('roadshow-sessions/:id')
  @Authenticated()
  @ApiOperation({ summary: 'A session with its current slots' })
  @ApiOkResponse({ type: SessionDetailDto })
  getSession(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SessionDetailDto> {
    return this.sessions.get(actor, id);
  }

  @Post('roadshow-sessions/:id/publish')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish: freeze the next agenda version with its changelog; tell presenters and RSVP’d investors' })
  @ApiOkResponse({ type: AgendaVersionDto })
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AgendaVersionDto> {
    return this.agendas.publish(actor, id);
  }

  @Post('roadshow-sessions/:id/finish')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a published session finished: its presenters become presented' })
  @ApiOkResponse({ type: SessionDto })
  finish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SessionDto> {
    return this.sessions.finish(actor, id);
  }

  @Post('roadshow-sessions/:id/cancel')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a session: slots and RSVPs are released, people are told' })
  @ApiOkResponse({ type: SessionDto })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SessionDto> {
    return this.sessions.cancel(actor, id);
  }

  @Get('roadshow-sessions/:id/agenda')
  @Authenticated()
  @ApiOperation({ summary: 'The latest published agenda, as JSON (admins: the draft before the first publication)' })
  @ApiOkResponse({ type: AgendaDto })
  agenda(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AgendaDto> {
    return this.agendas.agenda(actor, id);
  }

  @Get('roadshow-sessions/:id/agenda.ics')
  @Authenticated()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="session-agenda.ics"')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'The latest published agenda, as iCalendar (RFC 5545): one VEVENT per slot, TZID Asia/Shanghai' })
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  async agendaIcal(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<string> {
    const collection: AgendaCollectionDto = await this.exports.session(actor, id);
    return this.exports.toIcal(collection, collection.agendas[0]?.session.title ?? '路演议程');
  }

  @Get('roadshow-sessions/:id/agenda-versions')
  @Authenticated()
  @ApiOperation({ summary: 'Every published agenda version with its changelog' })
  @ApiOkResponse({ type: [AgendaVersionDto] })
  versions(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AgendaVersionDto[]> {
    return this.agendas.versions(actor, id);
  }

  @Post('roadshow-sessions/:id/slots')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Put a project into a slot by hand; hard conflicts → 409 naming the conflict, soft issues → warnings' })
  @ApiCreatedResponse({ type: SlotChangeDto })
  @ApiConflictResponse({ description: 'Slot taken, presenter in an overlapping slot, already in the session, or outside the window' })
  assign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignSlotDto): Promise<SlotChangeDto> {
    return this.slots.assign(actor, id, dto);
  }

  @Post('roadshow-sessions/:id/slots/:slotId/move')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a slot to another position of the grid' })
  @ApiOkResponse({ type: SlotChangeDto })
  move(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('slotId', ParseUUIDPipe) slotId: string, @Body() dto: MoveSlotDto): Promise<SlotChangeDto> {
    return this.slots.move(actor, id, slotId, dto);
  }

  @Post('roadshow-sessions/:id/slots/:slotId/remove')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a project out of the session' })
  @ApiOkResponse({ type: SlotChangeDto })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('slotId', ParseUUIDPipe) slotId: string): Promise<SlotChangeDto> {
    return this.slots.remove(actor, id, slotId);
  }

  @Post('roadshow-scheduling/runs')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the automatic scheduler over sessions: preview or apply; explains every placement and every project left out' })
  @ApiOkResponse({ type: ScheduleResultDto })
  run(@CurrentActor() actor: Actor, @Body() dto: ScheduleRunDto): Promise<ScheduleResultDto> {
    return this.scheduling.run(actor, dto);
  }

  @Post('roadshow-session-requests')
  @Roles(...REQUESTERS)
  @ApiOperation({ summary: 'Request a custom roadshow (定制路演): enterprises, investors, parks' })
  @ApiCreatedResponse({ type: SessionRequestDto })
  request(@CurrentActor() actor: Actor, @Body() dto: CreateSessionRequestDto): Promise<SessionRequestDto> {
    return this.requests.create(actor, dto);
  }

  @Get('roadshow-session-requests')
  @Roles(...REQUESTERS, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Session requests: your organisation’s; admins all' })
  @ApiOkResponse({ type: [SessionRequestDto] })
  requestsList(@CurrentActor() actor: Actor): Promise<SessionRequestDto[]> {
    return this.requests.list(actor);
  }

  @Post('roadshow-session-requests/:id/accept')
  @Roles(Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a request into a custom session' })
  @ApiOkResponse({ type: SessionRequestDto })
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AcceptSessionRequestDto): Promise<SessionRequestDto> {
    return this.requests.accept(actor, id, dto);
  }

  @Post('roadshow-session-requests/:id/decline')
  @Roles(Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a request, with the reason' })
  @ApiOkResponse({ type: SessionRequestDto })
  decline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeclineSessionRequestDto): Promise<SessionRequestDto> {
    return this.requests.decline(actor, id, dto.reason);
  }
}
