import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, actorCoversRegion, isPlatformAdmin, Role } from '../../platform/context/actor';
import { ControllerGroupsService } from '../organizations/controller-groups/controller-groups.service';
import { OrganizationDirectory } from '../organizations/organization-directory';
import { CapsService } from './caps.service';
import { ControllerGroupUsageDto } from './dto/group-usage.dto';

/** Lives with vouchers, not organisations: the usage it reports is the vouchers module's cap counters (organisations cannot import it). */
@ApiTags('organizations')
@Controller('controller-groups')
export class ControllerGroupUsageController {
  constructor(
    private readonly groups: ControllerGroupsService,
    private readonly caps: CapsService,
    private readonly dataSource: DataSource,
    private readonly directory: OrganizationDirectory,
  ) {}

  @Get(':id/usage')
  @Roles(Role.Reviewer, Role.Approver, Role.PartnerAdmin, Role.PlatformAdmin)
  @ApiOperation({ summary: 'A group’s usage per programme: the counter issuance checks, and the vouchers committed under the group by enterprise (members when committed)' })
  @ApiOkResponse({ type: ControllerGroupUsageDto })
  async usage(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ControllerGroupUsageDto> {
    const manager = this.dataSource.manager;
    await this.groups.requireVisible(manager, actor, id);
    const programs = await this.caps.groupUsage(manager, id);
    // Enterprises outside the caller's region scope count in the totals but are not named.
    const regions = await this.directory.regionCodes(manager, [...new Set(programs.flatMap((p) => p.byEnterprise.map((e) => e.enterpriseId)))]);
    const named = (enterpriseId: string) => isPlatformAdmin(actor) || actorCoversRegion(actor, regions.get(enterpriseId) ?? '');
    return { groupId: id, programs: programs.map((p) => ({ ...p, byEnterprise: p.byEnterprise.map((e) => (named(e.enterpriseId) ? e : { ...e, enterpriseName: '—' })) })) };
  }
}
