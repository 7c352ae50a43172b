import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { RoadshowSessionsModule } from '../sessions/sessions.module';
import { AllianceController } from './alliance.controller';
import { ReferralsService } from './referrals.service';
import { SeriesService } from './series.service';

/** The G60 nine-city alliance: series with rotating hosts and referrals (co-hosting lives with the sessions). */
@Module({
  imports: [OrganizationsModule, RoadshowSessionsModule],
  controllers: [AllianceController],
  providers: [SeriesService, ReferralsService],
})
export class RoadshowAllianceModule {}
