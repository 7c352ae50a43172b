import { Module } from '@nestjs/common';
import { RoadshowInvestorsModule } from './investors/investors.module';
import { RoadshowOutcomesModule } from './outcomes/outcomes.module';
import { RoadshowProjectsModule } from './projects/projects.module';
import { RoadshowSessionsModule } from './sessions/sessions.module';
import { RoadshowLiveModule } from './live/live.module';
import { RoadshowReviewModule } from './review/review.module';
import { RoadshowAllianceModule } from './alliance/alliance.module';

/**
 * S&T roadshows (科创路演), one sub-module per folder: projects (and screening), sessions and scheduling,
 * investors, outcomes, live (cloud roadshows' live pages), review (screening rounds, coaching, tracking), alliance
 * (the nine-city alliance's series and referrals); `shared/` holds what they all use (constants, entities, states,
 * errors) and depends on none of them.
 */
@Module({
  imports: [RoadshowProjectsModule, RoadshowSessionsModule, RoadshowInvestorsModule, RoadshowOutcomesModule, RoadshowLiveModule, RoadshowReviewModule, RoadshowAllianceModule],
  exports: [RoadshowProjectsModule],
})
export class RoadshowsModule {}
