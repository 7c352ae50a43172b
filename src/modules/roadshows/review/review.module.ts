import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../../approvals/approvals.module';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { RoadshowProjectsModule } from '../projects/projects.module';
import { ApplicantReviewService } from './applicant-review.service';
import { CoachingService } from './coaching.service';
import { ConflictRules } from './conflict-rules';
import { ExpertsService } from './experts.service';
import { FollowUpsService } from './follow-ups.service';
import { ReviewRoundsService } from './review-rounds.service';
import { ReviewerController, ReviewRoundsController, RubricsController } from './review.controller';
import { ReviewerService } from './reviewer.service';
import { RubricsService } from './rubrics.service';
import { RoadshowScreeningSubject } from './screening.subject';
import { TrackingController } from './tracking.controller';

/**
 * The review chain (路演链 screening → coaching → tracking): rubrics, experts, screening rounds with conflicts of
 * interest and blind review, the organisers' decision on the roadshow_screening case, coaching records, follow-ups.
 */
@Module({
  imports: [ApprovalsModule, OrganizationsModule, RoadshowProjectsModule],
  controllers: [RubricsController, ReviewRoundsController, ReviewerController, TrackingController],
  providers: [RubricsService, ExpertsService, ConflictRules, ReviewRoundsService, ReviewerService, ApplicantReviewService, CoachingService, FollowUpsService, RoadshowScreeningSubject],
})
export class RoadshowReviewModule {}
