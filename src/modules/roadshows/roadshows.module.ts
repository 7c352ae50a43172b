import { Module } from '@nestjs/common';
import { RoadshowInvestorsModule } from './investors/investors.module';
import { RoadshowOutcomesModule } from './outcomes/outcomes.module';
import { RoadshowProjectsModule } from './projects/projects.module';
import { RoadshowSessionsModule } from './sessions/sessions.module';
import { RoadshowLiveModule } from './live/live.module';
import { RoadshowAllianceModule } from './alliance/alliance.module';

/**
 * S&T roadshows (科创路演), one sub-module per folder: projects (and screening), sessions and scheduling,
 * investors, outcomes, live (cloud roadshows' live pages), alliance (the nine-city alliance's series and referrals); `shared/` holds what they all use (constants, entities, states, errors) and depends on none of them.
 */
@Module({
  imports: [RoadshowProjectsModule, RoadshowSessionsModule, RoadshowInvestorsModule, RoadshowOutcomesModule, RoadshowLiveModule, RoadshowAllianceModule],
  exports: [RoadshowProjectsModule],
})
export class RoadshowsModule {}
