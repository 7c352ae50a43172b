import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import {
  ApplicationDto, CreateApplicationDto, ListQueryDto, RevokeVoucherDto, SubmitApplicationDto, UpdateApplicationDto, VoucherDto, VoucherStatementDto,
} from './dto/voucher.dto';
import { VoucherApplicationsService } from './voucher-applications.service';
import { VouchersService } from './vouchers.service';

const READERS = [Role.EnterpriseUser, Role.Reviewer, Role.Approver, Role.Finance, Role.PlatformAdmin];

@ApiTags('vouchers')
@Controller()
export class VouchersController {
  constructor(
    private readonly applications: VoucherApplicationsService,
    private readonly vouchers: VouchersService,
  ) {}

  @Post('voucher-applications')
  @Roles(Role.EnterpriseUser)
  @ApiOperation({ summary: 'Start a voucher application (申领) as a draft' })
  @ApiCreatedResponse({ type: ApplicationDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateApplicationDto): Promise<ApplicationDto> {
    return this.applications.create(actor, dto);
  }

  @Post('voucher-applications/:id')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Edit a draft or returned application' })
  @ApiOkResponse({ type: ApplicationDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateApplicationDto): Promise<ApplicationDto> {
    return this.applications.update(actor, id, dto);
  }

  @Post('voucher-applications/:id/submit')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit (or resubmit after a return): caps are checked, the approval workflow starts' })
  @ApiOkResponse({ type: ApplicationDto })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SubmitApplicationDto): Promise<ApplicationDto> {
    return this.applications.submit(actor, id, dto.note);
  }

  @Post('voucher-applications/:id/withdraw')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an application that is not yet decided' })
  @ApiOkResponse({ type: ApplicationDto })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationDto> {
    return this.applications.withdraw(actor, id);
  }

  @Get('voucher-applications')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Applications: the enterprise’s own, or the region’s for bureaus' })
  @ApiOkResponse({ type: [ApplicationDto] })
  listApplications(@CurrentActor() actor: Actor, @Query() query: ListQueryDto): Promise<ApplicationDto[]> {
    return this.applications.list(actor, query);
  }

  @Get('voucher-applications/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One application' })
  @ApiOkResponse({ type: ApplicationDto })
  getApplication(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationDto> {
    return this.applications.get(actor, id);
  }

  @Get('vouchers')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Vouchers with their available and held balances' })
  @ApiOkResponse({ type: [VoucherDto] })
  list(@CurrentActor() actor: Actor, @Query() query: ListQueryDto): Promise<VoucherDto[]> {
    return this.vouchers.list(actor, query);
  }

  @Get('vouchers/:id')
  @Authenticated()
  @ApiOperation({ summary: 'One voucher' })
  @ApiOkResponse({ type: VoucherDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<VoucherDto> {
    return this.vouchers.get(actor, id);
  }

  @Get('vouchers/:id/statement')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The voucher’s ledger statement: every hold, release and capture with running balances' })
  @ApiOkResponse({ type: VoucherStatementDto })
  statement(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<VoucherStatementDto> {
    return this.vouchers.statement(actor, id);
  }

  @Post('vouchers/:id/revoke')
  @Roles(Role.Approver, Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a voucher with no money held: its balance returns to the budget (reversing entries)' })
  @ApiOkResponse({ type: VoucherDto })
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RevokeVoucherDto): Promise<VoucherDto> {
    return this.vouchers.revoke(actor, id, dto.reason);
  }
}
