import { Module } from '@nestjs/common';
import { RoadshowInvestorsModule } from '../investors/investors.module';
import { RoadshowSessionsModule } from '../sessions/sessions.module';
import { LiveAccess } from './live-access';
import { LiveController } from './live.controller';
import { LiveHub } from './live-hub';
import { LiveQuestionsService } from './live-questions.service';
import { LiveRoomService } from './live-room.service';
import { LiveSlots } from './live-slots';

/** Cloud roadshows live (云路演): the live and replay page, moderated Q&A, event streams fanned out across processes. */
@Module({
  imports: [RoadshowSessionsModule, RoadshowInvestorsModule],
  controllers: [LiveController],
  providers: [LiveAccess, LiveSlots, LiveQuestionsService, LiveRoomService, LiveHub],
})
export class RoadshowLiveModule {}
