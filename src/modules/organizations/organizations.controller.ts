import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Public, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import {
  AdmissionTransitionDto, CreateAgencyDto, CreateInvitationDto,
  InvitationDto, OrganizationDto, OrganizationQueryDto, RegisteredUserDto,
  RegistrationResultDto, UpdateProfileDto,
} from './dto/organization.dto';
import { AcceptInvitationDto, RegisterDto } from './dto/register.dto';
import { OrganizationsService } from './organizations.service';
import { RegistrationService } from './registration.service';

@ApiTags('organizations')
@Controller()
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly registration: RegistrationService,
  ) {}

  @Post('auth/register')
  @Public()
  @ApiOperation({ summary: 'Register an enterprise, provider or investor together with its first (admin) user' })
  @ApiCreatedResponse({ type: RegistrationResultDto })
  register(@Body() dto: RegisterDto): Promise<RegistrationResultDto> {
    return this.registration.register(dto);
  }

  @Post('auth/invitations/accept')
  @Public()
  @ApiOperation({ summary: 'Create an account from an invitation token' })
  @ApiCreatedResponse({ type: RegisteredUserDto })
  acceptInvitation(@Body() dto: AcceptInvitationDto): Promise<RegisteredUserDto> {
    return this.registration.acceptInvitation(dto);
  }

  @Get('organizations')
  @Authenticated()
  @ApiOperation({ summary: 'Organisations the caller may see: its own, or its region’s for agency roles' })
  @ApiOkResponse({ type: [OrganizationDto] })
  list(@CurrentActor() actor: Actor, @Query() query: OrganizationQueryDto): Promise<OrganizationDto[]> {
    return this.organizations.list(actor, query);
  }

  @Get('organizations/:id')
  @Authenticated()
  @ApiOperation({ summary: 'One organisation (404 when outside the caller’s scope)' })
  @ApiOkResponse({ type: OrganizationDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrganizationDto> {
    return this.organizations.get(actor, id);
  }

  @Post('organizations/:id/profile')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Edit the organisation profile (its org admins); revise a returned admission before resubmitting' })
  @ApiOkResponse({ type: OrganizationDto })
  updateProfile(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProfileDto): Promise<OrganizationDto> {
    return this.organizations.updateProfile(actor, id, dto);
  }

  @Post('organizations/:id/invitations')
  @Authenticated()
  @ApiOperation({ summary: 'Invite a user into the organisation (its org admins, or the platform)' })
  @ApiCreatedResponse({ type: InvitationDto })
  invite(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateInvitationDto): Promise<InvitationDto> {
    return this.registration.invite(actor, id, dto);
  }

  @Post('organizations/:id/admission-transitions')
  @Roles(Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a provider through admission: applied → in_review → public_notice → active → suspended | revoked' })
  @ApiOkResponse({ type: OrganizationDto })
  transitionAdmission(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AdmissionTransitionDto): Promise<OrganizationDto> {
    return this.organizations.transitionAdmission(actor, id, dto);
  }

  @Post('agencies')
  @Roles(Role.PlatformAdmin)
  @ApiOperation({ summary: 'Create a science or finance bureau (agency) organisation' })
  @ApiCreatedResponse({ type: OrganizationDto })
  createAgency(@Body() dto: CreateAgencyDto): Promise<OrganizationDto> {
    return this.organizations.createAgency(dto);
  }
}
