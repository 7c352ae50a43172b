import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import { ClaimDto, ClaimQueryDto, ClaimRecoveryDto, ClawBackDto, RecordedRecoveryDto, RecordRecoveryDto, ResubmitClaimDto, SubmitClaimDto, UpdateClaimDocumentsDto } from './dto/claim.dto';
import { ClaimRecoveriesService } from './claim-recoveries.service';
import { ClaimsService } from './claims.service';

const CLAIMANTS = [Role.ProviderUser, Role.EnterpriseUser];

@ApiTags('redemption claims')
@Controller('redemption-claims')
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly recoveries: ClaimRecoveriesService,
  ) {}

  @Post()
  @Roles(...CLAIMANTS)
  @ApiOperation({ summary: 'Claim the voucher portion of a confirmed order (provider in 通兑, enterprise in 通用), with its documents' })
  @ApiCreatedResponse({ type: ClaimDto })
  submit(@CurrentActor() actor: Actor, @Body() dto: SubmitClaimDto): Promise<ClaimDto> {
    return this.claims.submit(actor, dto);
  }

  @Get()
  @Roles(...CLAIMANTS, Role.Reviewer, Role.Approver, Role.Finance, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Claims the caller may see' })
  @ApiOkResponse({ type: [ClaimDto] })
  list(@CurrentActor() actor: Actor, @Query() query: ClaimQueryDto): Promise<ClaimDto[]> {
    return this.claims.list(actor, query);
  }

  @Get(':id')
  @Roles(...CLAIMANTS, Role.Reviewer, Role.Approver, Role.Finance, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'One claim' })
  @ApiOkResponse({ type: ClaimDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ClaimDto> {
    return this.claims.get(actor, id);
  }

  @Post(':id/documents')
  @Roles(...CLAIMANTS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Correct the documents of a returned claim' })
  @ApiOkResponse({ type: ClaimDto })
  updateDocuments(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateClaimDocumentsDto): Promise<ClaimDto> {
    return this.claims.updateDocuments(actor, id, dto);
  }

  @Post(':id/resubmit')
  @Roles(...CLAIMANTS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Resubmit a returned claim into its case' })
  @ApiOkResponse({ type: ClaimDto })
  resubmit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResubmitClaimDto): Promise<ClaimDto> {
    return this.claims.resubmit(actor, id, dto.note);
  }

  @Post(':id/withdraw')
  @Roles(...CLAIMANTS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an undecided claim; the order can be claimed again' })
  @ApiOkResponse({ type: ClaimDto })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ClaimDto> {
    return this.claims.withdraw(actor, id);
  }

  @Post(':id/claw-back')
  @Roles(Role.Approver, Role.Finance, Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Claw back a paid claim: reversing entries move it from paid to a receivable from the payee' })
  @ApiOkResponse({ type: ClaimDto })
  clawBack(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ClawBackDto): Promise<ClaimDto> {
    return this.claims.clawBack(actor, id, dto.reason);
  }

  @Post(':id/recoveries')
  @Roles(Role.Finance)
  @ApiOperation({
    summary: 'Record money the payee paid back on a clawed-back claim (finance of the issuing region): it returns to the programme’s budget; the last instalment makes the claim recovered',
  })
  @ApiCreatedResponse({ type: RecordedRecoveryDto })
  recordRecovery(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RecordRecoveryDto): Promise<RecordedRecoveryDto> {
    return this.recoveries.record(actor, id, dto);
  }

  @Get(':id/recoveries')
  @Roles(...CLAIMANTS, Role.Reviewer, Role.Approver, Role.Finance, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Recoveries recorded on a clawed-back claim, oldest first' })
  @ApiOkResponse({ type: [ClaimRecoveryDto] })
  listRecoveries(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ClaimRecoveryDto[]> {
    return this.recoveries.list(actor, id);
  }
}
