import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import { LiftMisconductDto, MisconductDecisionDto, MisconductQueryDto, MisconductRecordDto, RecordMisconductDto } from './dto/misconduct.dto';
import { MisconductService } from './misconduct.service';

@ApiTags('credit')
@Controller('misconduct-records')
export class MisconductController {
  constructor(private readonly misconduct: MisconductService) {}

  @Post()
  @Roles(Role.Approver)
  @ApiOperation({
    summary: 'Record misconduct (失信) as the paying region’s approver: cancels unclaimed orders on the region’s vouchers concerned, revokes the applicant’s vouchers of the region’s programmes, suspends the provider when the region admits it, bars the applicant’s applications to the region’s programmes for the period. Above FOUR_EYES_THRESHOLD_FEN it waits for a second approver (status pending_confirmation)',
  })
  @ApiCreatedResponse({ type: MisconductRecordDto })
  record(@CurrentActor() actor: Actor, @Body() dto: RecordMisconductDto): Promise<MisconductRecordDto> {
    return this.misconduct.record(actor, dto);
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Misconduct records: the region’s (bureaus), or those naming my organisation (the party concerned)' })
  @ApiOkResponse({ type: [MisconductRecordDto] })
  list(@CurrentActor() actor: Actor, @Query() query: MisconductQueryDto): Promise<MisconductRecordDto[]> {
    return this.misconduct.list(actor, query);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One misconduct record' })
  @ApiOkResponse({ type: MisconductRecordDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<MisconductRecordDto> {
    return this.misconduct.get(actor, id);
  }

  @Post(':id/confirm')
  @Roles(Role.Approver)
  @HttpCode(200)
  @ApiOperation({ summary: 'A second approver of the recording region confirms a pending record; its effects happen now (403 SECOND_PERSON_REQUIRED for the recorder)' })
  @ApiOkResponse({ type: MisconductRecordDto })
  confirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<MisconductRecordDto> {
    return this.misconduct.confirm(actor, id);
  }

  @Post(':id/cancel')
  @Roles(Role.Approver)
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a record still waiting for its second approver; nothing happened yet' })
  @ApiOkResponse({ type: MisconductRecordDto })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: MisconductDecisionDto): Promise<MisconductRecordDto> {
    return this.misconduct.cancel(actor, id, dto.note ?? null);
  }

  @Post(':id/lift')
  @Roles(Role.Approver)
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a record in force early (e.g. an appeal upheld): the bar ends; revocations and suspensions are not undone' })
  @ApiOkResponse({ type: MisconductRecordDto })
  lift(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LiftMisconductDto): Promise<MisconductRecordDto> {
    return this.misconduct.lift(actor, id, dto.reason);
  }
}
