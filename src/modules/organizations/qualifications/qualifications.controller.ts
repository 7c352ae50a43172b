import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { DeclareQualificationDto, QualificationDto, QualificationKindDto, RevokeQualificationDto } from '../dto/organization.dto';
import { QualificationsService, UploadedCertificate } from './qualifications.service';

@ApiTags('organizations')
// The declaration's text fields as a named schema: the portal's form takes its field rules from it.
@ApiExtraModels(DeclareQualificationDto)
@Controller()
export class QualificationsController {
  constructor(private readonly qualifications: QualificationsService) {}

  // Limits (QUALIFICATION_FILE_MAX_BYTES → 413, one file, few small fields) are the MulterModule options of OrganizationsModule.
  @Post('organizations/:id/qualifications')
  @Roles(Role.EnterpriseUser)
  @UseInterceptors(FileInterceptor('certificate'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'certificateNo', 'issuer', 'validFrom', 'validTo', 'certificate'],
      properties: {
        kind: { type: 'string', description: 'A qualification kind code (GET /qualification-kinds): tech_sme, high_tech, specialised_sme, little_giant, …' },
        certificateNo: { type: 'string', minLength: 3, maxLength: 64 },
        issuer: { type: 'string', minLength: 2, maxLength: 100, description: '发证机关' },
        validFrom: { type: 'string', format: 'date' },
        validTo: { type: 'string', format: 'date' },
        certificate: { type: 'string', format: 'binary', description: 'The certificate scan: PDF, PNG or JPEG (checked by content), at most QUALIFICATION_FILE_MAX_BYTES' },
      },
    },
  })
  @ApiOperation({ summary: 'Declare a qualification (科技型中小企业, 高新技术企业, …) with its certificate; the district bureau verifies it before it counts' })
  @ApiCreatedResponse({ type: QualificationDto })
  declare(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DeclareQualificationDto,
    @UploadedFile() file: UploadedCertificate | undefined,
  ): Promise<QualificationDto> {
    return this.qualifications.declare(actor, id, dto, file);
  }

  @Get('qualification-kinds')
  @Authenticated()
  @ApiOperation({ summary: 'The qualification kinds an enterprise may hold and a programme tier may ask for (科技型中小企业, 高新技术企业, 科技小巨人, …)' })
  @ApiOkResponse({ type: [QualificationKindDto] })
  kinds(): Promise<QualificationKindDto[]> {
    return this.qualifications.kinds();
  }

  @Get('qualifications/:id')
  @Roles(Role.EnterpriseUser, Role.Reviewer, Role.Approver)
  @ApiOperation({ summary: 'One qualification with its verification status: the enterprise itself and the bureaus covering it (others 404)' })
  @ApiOkResponse({ type: QualificationDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<QualificationDto> {
    return this.qualifications.get(actor, id);
  }

  @Get('qualifications/:id/certificate')
  @Roles(Role.EnterpriseUser, Role.Reviewer, Role.Approver)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOperation({ summary: 'Download a qualification’s certificate: the enterprise itself and the bureaus covering it' })
  @ApiOkResponse({ description: 'The certificate file' })
  @ApiNotFoundResponse({ description: 'No such qualification or file, or not yours to read (not disclosed which)' })
  async downloadCertificate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const file = await this.qualifications.download(actor, id);
    return new StreamableFile(file.content, { type: file.contentType, length: file.content.length, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}` });
  }

  @Post('qualifications/:id/revocation')
  @Roles(Role.Reviewer, Role.Approver)
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a verified qualification, with a reason (the enterprise’s district or city bureau); committed subsidies keep their ratio' })
  @ApiOkResponse({ type: QualificationDto })
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RevokeQualificationDto): Promise<QualificationDto> {
    return this.qualifications.revoke(actor, id, dto);
  }
}
