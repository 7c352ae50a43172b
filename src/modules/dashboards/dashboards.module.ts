import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { LedgerModule } from '../ledger/ledger.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProgramsModule } from '../programs/programs.module';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';
import { ProviderMapService } from './provider-map.service';
import { BigScreenService } from './big-screen.service';
import { MapFiguresService } from './map-figures.service';
import { MapLayersService } from './map-layers.service';
import { PublicBigScreenController } from './public-big-screen.controller';

/** Read-only dashboards for the bureaus and the platform: budget by district, cross-region flow, approval times, provider map, the map's layers; and the public big screen (GET /public/big-screen). */
@Module({
  imports: [ApprovalsModule, LedgerModule, OrganizationsModule, ProgramsModule],
  controllers: [DashboardsController, PublicBigScreenController],
  providers: [DashboardsService, ProviderMapService, MapFiguresService, MapLayersService, BigScreenService],
})
export class DashboardsModule {}
