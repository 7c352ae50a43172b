import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { ControllerGroupChangesService } from './controller-group-changes.service';
import { ControllerGroupsService } from './controller-groups.service';
import {
  ChangeRequestDto, ChangeRequestQueryDto, ControllerGroupDetailDto, ControllerGroupDto, CreateChangeRequestDto, CreateControllerGroupDto, LinkControllerGroupDto,
} from './dto/controller-group.dto';
import { OrganizationDto } from '../dto/organization.dto';

/** Actual-controller groups (同一实际控制人): bureau data; enterprises ask for changes through the workflow. */
@ApiTags('organizations')
@Controller()
export class ControllerGroupsController {
  constructor(
    private readonly groups: ControllerGroupsService,
    private readonly changes: ControllerGroupChangesService,
  ) {}

  @Get('controller-groups')
  @Roles(Role.Reviewer, Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Actual-controller groups created in the caller’s region or with a member in it' })
  @ApiOkResponse({ type: [ControllerGroupDto] })
  list(@CurrentActor() actor: Actor): Promise<ControllerGroupDto[]> {
    return this.groups.list(actor);
  }

  @Post('controller-groups')
  @Roles(Role.Reviewer, Role.Approver, Role.PartnerAdmin)
  @ApiOperation({ summary: 'Create an actual-controller group (the science bureaus)' })
  @ApiCreatedResponse({ type: ControllerGroupDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateControllerGroupDto): Promise<ControllerGroupDto> {
    return this.groups.create(actor, dto);
  }

  @Get('controller-groups/:id')
  @Roles(Role.EnterpriseUser, Role.ProviderUser, Role.Reviewer, Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'One actual-controller group with the members in the caller’s scope; a member organisation sees its own group (404 otherwise)' })
  @ApiOkResponse({ type: ControllerGroupDetailDto })
  detail(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ControllerGroupDetailDto> {
    return this.groups.detail(actor, id);
  }

  @Post('organizations/:id/controller-group')
  @Roles(Role.Reviewer, Role.Approver, Role.PartnerAdmin)
  @HttpCode(200)
  @ApiOperation({ summary: 'The organisation’s own district or city bureau links it to its actual-controller group, or unlinks it with null' })
  @ApiOkResponse({ type: OrganizationDto })
  link(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LinkControllerGroupDto): Promise<OrganizationDto> {
    return this.groups.link(actor, id, dto.controllerGroupId ?? null);
  }

  @Post('controller-group-change-requests')
  @Roles(Role.EnterpriseUser)
  @ApiOperation({ summary: 'An enterprise’s admin asks to join, leave or declare an actual-controller group, with a statement and documents; the bureaus decide' })
  @ApiCreatedResponse({ type: ChangeRequestDto })
  request(@CurrentActor() actor: Actor, @Body() dto: CreateChangeRequestDto): Promise<ChangeRequestDto> {
    return this.changes.create(actor, dto);
  }

  @Get('controller-group-change-requests')
  @Roles(Role.EnterpriseUser, Role.Reviewer, Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'Change requests: an enterprise’s own, or those of the enterprises in a bureau’s region' })
  @ApiOkResponse({ type: [ChangeRequestDto] })
  listRequests(@CurrentActor() actor: Actor, @Query() query: ChangeRequestQueryDto): Promise<ChangeRequestDto[]> {
    return this.changes.list(actor, query);
  }

  @Get('controller-group-change-requests/:id')
  @Roles(Role.EnterpriseUser, Role.Reviewer, Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'One change request (404 outside the caller’s scope)' })
  @ApiOkResponse({ type: ChangeRequestDto })
  getRequest(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ChangeRequestDto> {
    return this.changes.get(actor, id);
  }
}
