import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../platform/auth/access.decorators';
import { Actor, Role } from '../../platform/context/actor';
import { DashboardsService } from './dashboards.service';
import { BudgetByDistrictDto, CrossRegionFlowDto, ProgramDashboardQueryDto, ProviderMapRowDto, StageTimeRowDto } from './dto/dashboard.dto';
import { ProviderMapService } from './provider-map.service';
import { MapLayersDto } from './dto/map-layers.dto';
import { MapLayersService } from './map-layers.service';

const DASHBOARD_READERS = [Role.Reviewer, Role.Approver, Role.Finance, Role.PartnerAdmin, Role.PlatformAdmin];

/** Roadshow outcomes have their own statistics at GET /roadshow-stats. */
@ApiTags('dashboards')
@Controller('dashboards')
export class DashboardsController {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly providerMap: ProviderMapService,
    private readonly layers: MapLayersService,
  ) {}

  @Get('budget-by-district')
  @Roles(...DASHBOARD_READERS)
  @ApiOperation({ summary: 'A programme’s money by the district of the enterprise: issued, held, payable, paid, still available; programme budget and available' })
  @ApiOkResponse({ type: BudgetByDistrictDto })
  budgetByDistrict(@CurrentActor() actor: Actor, @Query() query: ProgramDashboardQueryDto): Promise<BudgetByDistrictDto> {
    return this.dashboards.budgetByDistrict(actor, query.programId);
  }

  @Get('cross-region-flow')
  @Roles(...DASHBOARD_READERS)
  @ApiOperation({ summary: 'A programme’s orders from the issuing city to each provider city (跨区域通用通兑): orders, subsidy, paid' })
  @ApiOkResponse({ type: CrossRegionFlowDto })
  crossRegionFlow(@CurrentActor() actor: Actor, @Query() query: ProgramDashboardQueryDto): Promise<CrossRegionFlowDto> {
    return this.dashboards.crossRegionFlow(actor, query.programId);
  }

  @Get('approval-times')
  @Roles(...DASHBOARD_READERS)
  @ApiOperation({ summary: 'Per workflow and stage: decided, average / median / p90 hours to decision, open and overdue tasks (the caller’s regions)' })
  @ApiOkResponse({ type: [StageTimeRowDto] })
  approvalTimes(@CurrentActor() actor: Actor): Promise<StageTimeRowDto[]> {
    return this.dashboards.approvalTimes(actor);
  }

  @Get('provider-map')
  @Roles(...DASHBOARD_READERS)
  @ApiOperation({ summary: 'Provider map (一图): per region its coordinates, active providers, services, instruments, CMA/CNAS holders' })
  @ApiOkResponse({ type: [ProviderMapRowDto] })
  map(): Promise<ProviderMapRowDto[]> {
    return this.providerMap.map();
  }

  @Get('map-layers')
  @Roles(...DASHBOARD_READERS)
  @ApiOperation({ summary: 'The map’s layers by place: providers, services by category, voucher flows (scoped as GET /service-orders), roadshow projects and landings (counts)' })
  @ApiOkResponse({ type: MapLayersDto })
  mapLayers(@CurrentActor() actor: Actor): Promise<MapLayersDto> {
    return this.layers.layers(actor);
  }
}
