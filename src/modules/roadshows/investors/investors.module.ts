import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { RoadshowProjectsModule } from '../projects/projects.module';
import { RoadshowSessionsModule } from '../sessions/sessions.module';
import { InvestorProfile, RoadshowInterest } from '../shared/roadshow.entities';
import { InterestsService } from './interests.service';
import { InvestorsController } from './investors.controller';
import { InvestorsService } from './investors.service';
import { ProjectInterestsController } from './project-interests.controller';
import { RsvpsController } from './rsvps.controller';
import { RsvpsService } from './rsvps.service';

/** Roadshow investors: profiles, follows and recommendations, RSVPs and the waitlist, the interest pipeline. */
@Module({
  imports: [TypeOrmModule.forFeature([InvestorProfile, RoadshowInterest]), OrganizationsModule, RoadshowProjectsModule, RoadshowSessionsModule],
  controllers: [InvestorsController, ProjectInterestsController, RsvpsController],
  providers: [InvestorsService, InterestsService, RsvpsService],
  exports: [InterestsService],
})
export class RoadshowInvestorsModule {}
