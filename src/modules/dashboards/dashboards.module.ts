import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { LedgerModule } from '../ledger/ledger.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProgramsModule } from '../programs/programs.module';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';
import { ProviderMapService } from './provider-map.service';

/** Read-only dashboards for the bureaus and the platform: budget by district, cross-region flow, approval times, provider map. */
@Module({
  imports: [ApprovalsModule, LedgerModule, OrganizationsModule, ProgramsModule],
  controllers: [DashboardsController],
  providers: [DashboardsService, ProviderMapService],
})
export class DashboardsModule {}
