import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import {
  CreateProjectDto, DeckInvitationDto, DeckInvitationResultDto, ProjectDto, ProjectListQueryDto, ProjectTimelineDto, ProjectTransitionDto, SetAvailabilityDto, UpdateProjectDto,
} from './dto/project.dto';
import { ProjectDecksService, UploadedDeck } from './project-decks.service';
import { ProjectsService } from './projects.service';
import { PROJECT_READERS } from '../shared/roadshow.constants';

@ApiTags('roadshow projects')
@Controller('roadshow-projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly decks: ProjectDecksService,
  ) {}

  @Post()
  @Roles(Role.EnterpriseUser)
  @ApiOperation({ summary: 'Submit a roadshow project (路演项目): collected, not yet screened' })
  @ApiCreatedResponse({ type: ProjectDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.create(actor, dto);
  }

  @Get()
  @Roles(...PROJECT_READERS)
  @ApiOperation({ summary: 'Projects: an enterprise its own, investors the screened ones, admins all' })
  @ApiOkResponse({ type: [ProjectDto] })
  list(@CurrentActor() actor: Actor, @Query() query: ProjectListQueryDto): Promise<ProjectDto[]> {
    return this.projects.list(actor, query);
  }

  @Get(':id')
  @Roles(...PROJECT_READERS)
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
  @Roles(...PROJECT_READERS)
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
  // Size and count limits (DECK_MAX_BYTES → 413) are RoadshowProjectsModule's MulterModule options.
  @UseInterceptors(FileInterceptor('deck'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['deck'], properties: { deck: { type: 'string', format: 'binary', description: 'PDF or .pptx, at most 20 MiB' } } } })
  @ApiOperation({ summary: 'Upload (or replace) the confidential pitch deck' })
  @ApiOkResponse({ type: ProjectDto })
  uploadDeck(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @UploadedFile() file: UploadedDeck | undefined): Promise<ProjectDto> {
    return this.decks.upload(actor, id, file);
  }

  @Get(':id/deck')
  @Roles(...PROJECT_READERS)
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
}
