import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Public, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { HostOrganizationDto, HostOrganizationQueryDto, NewInnovationTeamMemberDto, InnovationTeamMemberDto, InnovationTeamMembersDto } from './dto/team.dto';
import { InnovationTeamsService } from './innovation-teams.service';

/** Innovation teams (创新团队): the signed-in team's members, and the host lookup of the registration form. */
@ApiTags('organizations')
@Controller()
export class InnovationTeamsController {
  constructor(private readonly teams: InnovationTeamsService) {}

  @Get('host-organizations')
  @Public()
  @ApiOperation({ summary: 'Active enterprises and admitted providers that may host an innovation team, by name (id, name, kind, region only; at most 20)' })
  @ApiOkResponse({ type: [HostOrganizationDto] })
  hosts(@Query() query: HostOrganizationQueryDto): Promise<HostOrganizationDto[]> {
    return this.teams.hostCandidates(query.q);
  }

  @Get('organizations/me/members')
  @Roles(Role.EnterpriseUser)
  @ApiOperation({ summary: 'The caller’s innovation team: its leader and members (404 unless the caller is in a team)' })
  @ApiOkResponse({ type: InnovationTeamMembersDto })
  members(@CurrentActor() actor: Actor): Promise<InnovationTeamMembersDto> {
    return this.teams.members(actor);
  }

  @Post('organizations/me/members')
  @Roles(Role.EnterpriseUser)
  @ApiOperation({ summary: 'Add a member to the caller’s innovation team (its leader / admins; at most 50)' })
  @ApiCreatedResponse({ type: InnovationTeamMemberDto })
  addMember(@CurrentActor() actor: Actor, @Body() dto: NewInnovationTeamMemberDto): Promise<InnovationTeamMemberDto> {
    return this.teams.addMember(actor, dto);
  }

  @Delete('organizations/me/members/:memberId')
  @Roles(Role.EnterpriseUser)
  @ApiOperation({ summary: 'Remove a member from the caller’s innovation team (not the leader; at least one member stays); answers the removed member' })
  @ApiOkResponse({ type: InnovationTeamMemberDto })
  removeMember(@CurrentActor() actor: Actor, @Param('memberId', ParseUUIDPipe) memberId: string): Promise<InnovationTeamMemberDto> {
    return this.teams.removeMember(actor, memberId);
  }
}
