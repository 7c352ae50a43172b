import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import { BudgetDto, CloseProgramDto, CreateProgramDto, CreateVersionDto, ProgramDto, ProgramEnglishNameDto, ProgramQueryDto, ProgramVersionDto, TopUpDto, TopUpRecordDto, UpdateDraftProgramDto } from './dto/program.dto';
import { ProgramsService } from './programs.service';

@ApiTags('programmes')
@Controller('programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Post()
  @Roles(Role.Approver, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Create a voucher programme (draft) for the caller’s city' })
  @ApiCreatedResponse({ type: ProgramDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProgramDto): Promise<ProgramDto> {
    return this.programs.create(actor, dto);
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Programmes: open and closed for everyone, drafts for their region' })
  @ApiOkResponse({ type: [ProgramDto] })
  list(@CurrentActor() actor: Actor, @Query() query: ProgramQueryDto): Promise<ProgramDto[]> {
    return this.programs.list(actor, query);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One programme' })
  @ApiOkResponse({ type: ProgramDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ProgramDto> {
    return this.programs.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Approver, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Edit a draft programme in place (an open programme gets a new version instead)' })
  @ApiOkResponse({ type: ProgramDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateDraftProgramDto): Promise<ProgramDto> {
    return this.programs.updateDraft(actor, id, dto);
  }

  @Put(':id/english-name')
  @Roles(Role.Approver, Role.PlatformAdmin)
  @ApiOperation({ summary: "Set or remove the programme's English name, in any state (words for English readers, not policy: no new version)" })
  @ApiOkResponse({ type: ProgramDto })
  setEnglishName(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ProgramEnglishNameDto): Promise<ProgramDto> {
    return this.programs.setEnglishName(actor, id, dto.nameEn);
  }

  @Get(':id/versions')
  @Authenticated()
  @ApiOperation({ summary: 'Every version of the programme’s policy with its effective day and what changed from the one before' })
  @ApiOkResponse({ type: [ProgramVersionDto] })
  versions(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ProgramVersionDto[]> {
    return this.programs.versions(actor, id);
  }

  @Post(':id/versions')
  @Roles(Role.Approver, Role.PlatformAdmin)
  @ApiOperation({ summary: 'A new version of an open programme’s policy from an effective day; absent fields keep their value, null removes a cap' })
  @ApiCreatedResponse({ type: ProgramVersionDto })
  addVersion(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateVersionDto): Promise<ProgramVersionDto> {
    return this.programs.addVersion(actor, id, dto);
  }

  @Get(':id/top-ups')
  @Roles(Role.Reviewer, Role.Approver, Role.Finance, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Budget top-ups of the programme, oldest first' })
  @ApiOkResponse({ type: [TopUpRecordDto] })
  topUps(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<TopUpRecordDto[]> {
    return this.programs.topUps(actor, id);
  }

  @Post(':id/top-ups')
  @Roles(Role.Approver, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Top up an open programme’s budget (a fund movement in the ledger)' })
  @ApiCreatedResponse({ type: TopUpRecordDto })
  topUp(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TopUpDto): Promise<TopUpRecordDto> {
    return this.programs.topUp(actor, id, dto);
  }

  @Post(':id/open')
  @Roles(Role.Approver, Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Open the programme: its budget is appropriated in the ledger' })
  @ApiOkResponse({ type: ProgramDto })
  open(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ProgramDto> {
    return this.programs.open(actor, id);
  }

  @Post(':id/close')
  @Roles(Role.Approver, Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the programme to new applications' })
  @ApiOkResponse({ type: ProgramDto })
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CloseProgramDto): Promise<ProgramDto> {
    return this.programs.close(actor, id, dto.reason);
  }

  @Get(':id/budget')
  @Roles(Role.Reviewer, Role.Approver, Role.Finance, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Budget from the ledger: available, committed, held, payable, paid; the ledger sum (always 0)' })
  @ApiOkResponse({ type: BudgetDto })
  budget(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<BudgetDto> {
    return this.programs.budget(actor, id);
  }
}
