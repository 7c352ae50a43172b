import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor } from '../../../platform/context/actor';
import { ORGANISER_ROLES } from '../live/live-access';
import { ApplicantReviewService } from './applicant-review.service';
import {
  ApplicantRoundDto,
  AssignmentDto,
  AssignReviewerDto,
  DecideRoundDto,
  DeclareConflictDto,
  ExpertDto,
  PublishRubricDto,
  ReviewTaskDto,
  RoundDto,
  RoundQueryDto,
  RoundSettingsDto,
  RubricDto,
  SubmitReviewDto,
  UpsertExpertDto,
} from './dto/review.dto';
import { ExpertsService } from './experts.service';
import { ReviewRoundsService } from './review-rounds.service';
import { ReviewerService } from './reviewer.service';
import { RubricsService } from './rubrics.service';

/** 评分细则 and 评审专家库: what rounds score against, and who may review. */
@ApiTags('roadshow review')
@Controller()
export class RubricsController {
  constructor(
    private readonly rubrics: RubricsService,
    private readonly experts: ExpertsService,
  ) {}

  @Get('roadshow-rubrics')
  @Authenticated()
  @ApiOperation({ summary: 'Every version of every scoring rubric (the criteria are no secret: enterprises read what they are scored on)' })
  @ApiOkResponse({ type: [RubricDto] })
  list(): Promise<RubricDto[]> {
    return this.rubrics.list();
  }

  @Post('roadshow-rubrics')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Publish the next version of a rubric (weights add up to 100); rounds already open keep theirs' })
  @ApiCreatedResponse({ type: RubricDto })
  publish(@CurrentActor() actor: Actor, @Body() dto: PublishRubricDto): Promise<RubricDto> {
    return this.rubrics.publish(actor, dto);
  }

  @Get('roadshow-experts')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'The expert pool (评审专家库)' })
  @ApiOkResponse({ type: [ExpertDto] })
  listExperts(): Promise<ExpertDto[]> {
    return this.experts.list();
  }

  @Put('roadshow-experts/:userId')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Register a user as an expert (or update or deactivate one); agency roles cannot be experts' })
  @ApiOkResponse({ type: ExpertDto })
  upsertExpert(@CurrentActor() actor: Actor, @Param('userId', ParseUUIDPipe) userId: string, @Body() dto: UpsertExpertDto): Promise<ExpertDto> {
    return this.experts.upsert(actor, userId, dto);
  }
}

/** 筛选轮次 screening rounds, the organisers' side. */
@ApiTags('roadshow review')
@Controller('roadshow-review-rounds')
export class ReviewRoundsController {
  constructor(private readonly rounds: ReviewRoundsService) {}

  @Get()
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Screening rounds with their reviewers, progress and aggregated scores' })
  @ApiOkResponse({ type: [RoundDto] })
  list(@CurrentActor() actor: Actor, @Query() query: RoundQueryDto): Promise<RoundDto[]> {
    return this.rounds.list(actor, query);
  }

  @Get(':id')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'One round: reviewers (conflicts, exclusions), scores, the aggregate, whether you may decide' })
  @ApiOkResponse({ type: RoundDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RoundDto> {
    return this.rounds.get(actor, id);
  }

  @Patch(':id')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Blind review and the minimum of reviews (blind only before any reviewer declared)' })
  @ApiOkResponse({ type: RoundDto })
  settings(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RoundSettingsDto): Promise<RoundDto> {
    return this.rounds.settings(actor, id, dto);
  }

  @Post(':id/reviewers')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Assign an expert; the conflict rules run at once and may record them as excluded' })
  @ApiCreatedResponse({ type: AssignmentDto })
  @ApiUnprocessableEntityResponse({ description: 'NOT_AN_EXPERT' })
  assign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignReviewerDto): Promise<AssignmentDto> {
    return this.rounds.assign(actor, id, dto);
  }

  @Post(':id/decision')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Pass, reject or revise-and-resubmit, through the screening case’s review task' })
  @ApiOkResponse({ type: RoundDto })
  @ApiForbiddenResponse({ description: 'DECIDER_REVIEWED_ROUND: you are a reviewer of this round (four eyes)' })
  @ApiUnprocessableEntityResponse({ description: 'REVIEWS_BELOW_MINIMUM' })
  decide(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideRoundDto): Promise<RoundDto> {
    return this.rounds.decide(actor, id, dto);
  }
}

/** The reviewers' side: inbox, conflicts, the project, the deck, the scores. Any signed-in user; only their own assignments. */
@ApiTags('roadshow review')
@Controller()
export class ReviewerController {
  constructor(
    private readonly reviewer: ReviewerService,
    private readonly applicant: ApplicantReviewService,
  ) {}

  @Get('me/roadshow-reviews')
  @Authenticated()
  @ApiOperation({ summary: 'My review assignments (reviewer inbox)' })
  @ApiOkResponse({ type: [ReviewTaskDto] })
  inbox(@CurrentActor() actor: Actor): Promise<ReviewTaskDto[]> {
    return this.reviewer.inbox(actor);
  }

  @Get('roadshow-review-assignments/:id')
  @Authenticated()
  @ApiOperation({ summary: 'One of my assignments: the project once I declared no conflict (nothing naming the applicant in a blind round)' })
  @ApiOkResponse({ type: ReviewTaskDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ReviewTaskDto> {
    return this.reviewer.get(actor, id);
  }

  @Post('roadshow-review-assignments/:id/declaration')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare conflicts of interest (none, or a relation with a reason); the rules run too' })
  @ApiOkResponse({ type: ReviewTaskDto })
  declare(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeclareConflictDto): Promise<ReviewTaskDto> {
    return this.reviewer.declare(actor, id, dto);
  }

  @Post('roadshow-review-assignments/:id/review')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit my scores (one per criterion of the round’s rubric) and comment' })
  @ApiOkResponse({ type: ReviewTaskDto })
  @ApiForbiddenResponse({ description: 'REVIEWER_CONFLICTED: excluded for a conflict of interest' })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SubmitReviewDto): Promise<ReviewTaskDto> {
    return this.reviewer.submit(actor, id, dto);
  }

  @Get('roadshow-review-assignments/:id/deck')
  @Authenticated()
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.presentationml.presentation')
  @ApiOperation({ summary: 'The project’s deck, once cleared of conflicts (named deck.<ext> in a blind round)' })
  @ApiOkResponse({ description: 'The deck file' })
  async deck(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const deck = await this.reviewer.deck(actor, id);
    return new StreamableFile(deck.stream, { type: deck.contentType, length: deck.sizeBytes, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(deck.fileName)}` });
  }

  @Get('roadshow-projects/:id/review-rounds')
  @Authenticated()
  @ApiOperation({ summary: 'The screening rounds of my project: decisions, aggregate scores and shareable comments (no reviewer names in blind rounds)' })
  @ApiOkResponse({ type: [ApplicantRoundDto] })
  applicantRounds(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicantRoundDto[]> {
    return this.applicant.rounds(actor, id);
  }
}
