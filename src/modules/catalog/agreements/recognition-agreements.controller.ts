import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import {
  AddAgreementProvidersDto, AddAgreementServicesDto, AmendAgreementDto, CreateRecognitionAgreementDto, RecognitionAgreementDetailDto, RecognitionAgreementDto,
  SignAgreementDto, TerminateAgreementDto, UpdateRecognitionAgreementDto,
} from './dto/recognition-agreement.dto';
import { AgreementSignaturesService } from './agreement-signatures.service';
import { RecognitionAgreementsService } from './recognition-agreements.service';

/**
 * 互认协议: proposed by the issuing city's approver, the partner region's partner admin or the
 * platform; in force only once both regions signed the exact terms (docs/security.md).
 */
@ApiTags('recognition agreements')
@Controller('recognition-agreements')
export class RecognitionAgreementsController {
  constructor(
    private readonly agreements: RecognitionAgreementsService,
    private readonly signatures: AgreementSignaturesService,
  ) {}

  @Post()
  @Roles(Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Propose an agreement (a draft): an issuing city recognises providers of a partner region for a period; binds only once both regions sign' })
  @ApiCreatedResponse({ type: RecognitionAgreementDetailDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRecognitionAgreementDto): Promise<RecognitionAgreementDetailDto> {
    return this.agreements.create(actor, dto);
  }

  @Get()
  @Roles(Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Agreements of the caller’s regions (as issuing or partner region)' })
  @ApiOkResponse({ type: [RecognitionAgreementDto] })
  list(@CurrentActor() actor: Actor): Promise<RecognitionAgreementDto[]> {
    return this.agreements.list(actor);
  }

  @Get(':id')
  @Roles(Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'One agreement with its providers and listed services' })
  @ApiOkResponse({ type: RecognitionAgreementDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RecognitionAgreementDetailDto> {
    return this.agreements.get(actor, id);
  }

  @Put(':id')
  @Roles(Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Replace the terms of a draft or partially signed version; signatures of the old terms become void' })
  @ApiOkResponse({ type: RecognitionAgreementDetailDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateRecognitionAgreementDto): Promise<RecognitionAgreementDetailDto> {
    return this.agreements.update(actor, id, dto);
  }

  @Post(':id/sign')
  @Roles(Role.Approver, Role.PartnerAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign the terms read (termsHash) for the region the caller represents; the second signature brings the version into force' })
  @ApiOkResponse({ type: RecognitionAgreementDetailDto })
  sign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SignAgreementDto): Promise<RecognitionAgreementDetailDto> {
    return this.signatures.sign(actor, id, dto.termsHash);
  }

  @Post(':id/amend')
  @Roles(Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Propose the next version of an agreement in force (a draft copy of its terms and scope), signed the same way' })
  @ApiCreatedResponse({ type: RecognitionAgreementDetailDto })
  amend(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AmendAgreementDto): Promise<RecognitionAgreementDetailDto> {
    return this.signatures.amend(actor, id, dto.effectiveFrom);
  }

  @Post(':id/withdraw')
  @Roles(Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a version that is not in force yet' })
  @ApiOkResponse({ type: RecognitionAgreementDetailDto })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TerminateAgreementDto): Promise<RecognitionAgreementDetailDto> {
    return this.agreements.withdraw(actor, id, dto.reason ?? null);
  }

  @Post(':id/providers')
  @Roles(Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Recognise providers of the partner region (all their services, unless some are listed); a change of terms of an unsigned version' })
  @ApiOkResponse({ type: RecognitionAgreementDetailDto })
  addProviders(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddAgreementProvidersDto): Promise<RecognitionAgreementDetailDto> {
    return this.agreements.addProviders(actor, id, dto.providerIds);
  }

  @Post(':id/services')
  @Roles(Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Recognise only these services of their providers (the providers are listed too)' })
  @ApiOkResponse({ type: RecognitionAgreementDetailDto })
  addServices(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddAgreementServicesDto): Promise<RecognitionAgreementDetailDto> {
    return this.agreements.addServices(actor, id, dto.serviceIds);
  }

  @Post(':id/terminate')
  @Roles(Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Terminate from today (Asia/Shanghai); orders of earlier days stay recognised' })
  @ApiOkResponse({ type: RecognitionAgreementDetailDto })
  terminate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TerminateAgreementDto): Promise<RecognitionAgreementDetailDto> {
    return this.agreements.terminate(actor, id, dto.reason ?? null);
  }
}
