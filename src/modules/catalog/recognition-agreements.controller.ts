import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import {
  AddAgreementProvidersDto, AddAgreementServicesDto, CreateRecognitionAgreementDto, RecognitionAgreementDetailDto, RecognitionAgreementDto,
  TerminateAgreementDto,
} from './dto/recognition-agreement.dto';
import { RecognitionAgreementsService } from './recognition-agreements.service';

/** 互认协议: managed by the issuing city's approver, the partner region's partner admin, or the platform. */
@ApiTags('recognition agreements')
@Controller('recognition-agreements')
export class RecognitionAgreementsController {
  constructor(private readonly agreements: RecognitionAgreementsService) {}

  @Post()
  @Roles(Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Create an agreement: an issuing city recognises providers of a partner region for a period' })
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

  @Post(':id/providers')
  @Roles(Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Recognise providers of the partner region (all their services, unless some are listed)' })
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
