import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { FollowDto, InterestDto, InterestNoteDto } from '../investors/dto/investor.dto';
import { OutcomeDto, RecordOutcomeDto } from '../outcomes/dto/outcome.dto';
import {
  CreateProjectDto, DeckInvitationDto, DeckInvitationResultDto, ProjectDto, ProjectListQueryDto, ProjectTimelineDto, ProjectTransitionDto, SetAvailabilityDto, UpdateProjectDto,
} from './dto/project.dto';
import { AgendaCollectionDto } from '../sessions/dto/scheduling.dto';
import { AgendaExportsService } from '../sessions/agenda-exports.service';
import { InterestsService } from '../investors/interests.service';
import { InvestorsService } from '../investors/investors.service';
import { OutcomesService } from '../outcomes/outcomes.service';
import { ProjectDecksService, UploadedDeck } from './project-decks.service';
import { ProjectsService } from './projects.service';

const READERS = [Role.EnterpriseUser, Role.Investor, Role.PlatformAdmin];

@ApiTags('roadshow projects')
@Controller('roadshow-projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly decks: ProjectDecksService,
    private readonly outcomes: OutcomesService,
    private readonly exports: AgendaExportsService,
    private readonly investors: InvestorsService,
    private readonly interests: InterestsService,
  ) {}

  @Post()
  @Roles(Role.EnterpriseUser)
  @ApiOperation({ summary: 'Submit a roadshow project (路演项目): collected, not yet screened' })
  @ApiCreatedResponse({ type: ProjectDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.create(actor, dto);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Projects: an enterprise its own, investors the screened ones, admins all' })
  @ApiOkResponse({ type: [ProjectDto] })
  list(@CurrentActor() actor: Actor, @Query() query: ProjectListQueryDto): Promise<ProjectDto[]> {
    return this.projects.list(actor, query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One project (deck metadata only)' })
  @ApiOkResponse({ type: ProjectDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectDto> {
    return this.projects.get(actor, id);
  }

  @Post(':id')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Edit a collected or returned project' })
  @ApiOkResponse({ type: ProjectDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProjectDto): Promise<ProjectDto> {
    return this.projects.update(actor, id, dto);
  }

  @Post(':id/availability')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare when the presenters can pitch (the scheduler keeps to it)' })
  @ApiOkResponse({ type: ProjectDto })
  availability(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SetAvailabilityDto): Promise<ProjectDto> {
    return this.projects.setAvailability(actor, id, dto);
  }

  @Post(':id/submit')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit for screening (roadshow_screening workflow), or resubmit after a return' })
  @ApiOkResponse({ type: ProjectDto })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectDto> {
    return this.projects.submit(actor, id);
  }

  @Post(':id/withdraw')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a project before it is screened' })
  @ApiOkResponse({ type: ProjectDto })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectDto> {
    return this.projects.withdraw(actor, id);
  }

  @Get(':id/timeline')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The project timeline: every stage change with its time' })
  @ApiOkResponse({ type: ProjectTimelineDto })
  timeline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectTimelineDto> {
    return this.projects.timeline(actor, id);
  }

  @Post(':id/transitions')
  @Roles(Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a project along the chain by hand: coach, present, match, land, track (illegal → 409)' })
  @ApiOkResponse({ type: ProjectDto })
  transition(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ProjectTransitionDto): Promise<ProjectDto> {
    return this.projects.transition(actor, id, dto);
  }

  @Post(':id/deck')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  // Size and count limits (DECK_MAX_BYTES → 413) are RoadshowsModule's MulterModule options.
  @UseInterceptors(FileInterceptor('deck'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['deck'], properties: { deck: { type: 'string', format: 'binary', description: 'PDF or .pptx, at most 20 MiB' } } } })
  @ApiOperation({ summary: 'Upload (or replace) the confidential pitch deck' })
  @ApiOkResponse({ type: ProjectDto })
  uploadDeck(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @UploadedFile() file: UploadedDeck | undefined): Promise<ProjectDto> {
    return this.decks.upload(actor, id, file);
  }

  @Get(':id/deck')
  @Roles(...READERS)
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.presentationml.presentation')
  @ApiOperation({ summary: 'Download the deck: the owner, admins and invited investors only' })
  @ApiOkResponse({ description: 'The deck file' })
  @ApiNotFoundResponse({ description: 'No deck, or not yours to read (not disclosed which)' })
  async downloadDeck(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const deck = await this.decks.download(actor, id);
    return new StreamableFile(deck.stream, { type: deck.contentType, length: deck.sizeBytes, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(deck.fileName)}` });
  }

  @Post(':id/deck-invitations')
  @Roles(Role.PlatformAdmin)
  @ApiOperation({ summary: 'Invite an investor organisation to read the deck' })
  @ApiCreatedResponse({ type: DeckInvitationResultDto })
  invite(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeckInvitationDto): Promise<DeckInvitationResultDto> {
    return this.decks.invite(actor, id, dto);
  }

  @Post(':id/outcome')
  @Roles(Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the outcome: landed in Jiaxing (district, date) and financing raised' })
  @ApiOkResponse({ type: OutcomeDto })
  recordOutcome(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RecordOutcomeDto): Promise<OutcomeDto> {
    return this.outcomes.record(actor, id, dto);
  }

  @Get(':id/outcome')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The project’s recorded outcome' })
  @ApiOkResponse({ type: OutcomeDto })
  outcome(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OutcomeDto> {
    return this.outcomes.get(actor, id);
  }

  @Get(':id/agenda')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The project’s published roadshow slots, as JSON' })
  @ApiOkResponse({ type: AgendaCollectionDto })
  agenda(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AgendaCollectionDto> {
    return this.exports.project(actor, id);
  }

  @Get(':id/agenda.ics')
  @Roles(...READERS)
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="project-agenda.ics"')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'The project’s published roadshow slots, as iCalendar (RFC 5545)' })
  @ApiOkResponse({ description: 'text/calendar, one VEVENT per slot, TZID Asia/Shanghai', schema: { type: 'string' } })
  async agendaIcal(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<string> {
    return this.exports.toIcal(await this.exports.project(actor, id), `路演项目日程 ${id}`);
  }

  @Post(':id/follow')
  @Roles(Role.Investor)
  @HttpCode(200)
  @ApiOperation({ summary: 'Follow a screened project' })
  @ApiOkResponse({ type: FollowDto })
  follow(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<FollowDto> {
    return this.investors.follow(actor, id, true);
  }

  @Post(':id/unfollow')
  @Roles(Role.Investor)
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop following a project' })
  @ApiOkResponse({ type: FollowDto })
  unfollow(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<FollowDto> {
    return this.investors.follow(actor, id, false);
  }

  @Post(':id/interests')
  @Roles(Role.Investor)
  @ApiOperation({ summary: 'Register the organisation’s interest in a project (投资意向: interested)' })
  @ApiCreatedResponse({ type: InterestDto })
  interest(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: InterestNoteDto): Promise<InterestDto> {
    return this.interests.create(actor, id, dto.note);
  }

  @Get(':id/interests')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Investor interest in the project (an investor sees its own)' })
  @ApiOkResponse({ type: [InterestDto] })
  interestsOf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<InterestDto[]> {
    return this.interests.ofProject(actor, id);
  }
}
