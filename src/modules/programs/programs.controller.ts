import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import { BudgetDto, CloseProgramDto, CreateProgramDto, ProgramDto, ProgramQueryDto } from './dto/program.dto';
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
