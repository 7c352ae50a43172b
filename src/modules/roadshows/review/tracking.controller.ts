import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor } from '../../../platform/context/actor';
import { ORGANISER_ROLES } from '../live/live-access';
import { CoachingService } from './coaching.service';
import { CloseFollowUpDto, CoachingItemDto, CoachingItemStatusDto, CoachingRecordDto, CreateCoachingRecordDto, CreateFollowUpDto, FollowUpDto, FollowUpQueryDto } from './dto/tracking.dto';
import { FollowUpsService } from './follow-ups.service';

/** 路演辅导 coaching records and 跟踪服务 follow-ups of a project. */
@ApiTags('roadshow review')
@Controller()
export class TrackingController {
  constructor(
    private readonly coaching: CoachingService,
    private readonly followUps: FollowUpsService,
  ) {}

  @Post('roadshow-projects/:id/coaching-records')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Record a coaching session: who, when, advice, follow-up items (the first one makes a screened project coached)' })
  @ApiCreatedResponse({ type: CoachingRecordDto })
  createCoaching(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateCoachingRecordDto): Promise<CoachingRecordDto> {
    return this.coaching.create(actor, id, dto);
  }

  @Get('roadshow-projects/:id/coaching-records')
  @Authenticated()
  @ApiOperation({ summary: 'Coaching records of a project (organisers and the project’s enterprise)' })
  @ApiOkResponse({ type: [CoachingRecordDto] })
  coachingRecords(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CoachingRecordDto[]> {
    return this.coaching.list(actor, id);
  }

  @Post('roadshow-coaching-items/:id/status')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete or drop a coaching item (its owner or an organiser)' })
  @ApiOkResponse({ type: CoachingItemDto })
  changeItem(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CoachingItemStatusDto): Promise<CoachingItemDto> {
    return this.coaching.changeItem(actor, id, dto);
  }

  @Post('roadshow-projects/:id/follow-ups')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'Set a dated follow-up with a person responsible, reminded at the due time' })
  @ApiCreatedResponse({ type: FollowUpDto })
  createFollowUp(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateFollowUpDto): Promise<FollowUpDto> {
    return this.followUps.create(actor, id, dto);
  }

  @Get('roadshow-follow-ups')
  @Authenticated()
  @ApiOperation({ summary: 'Follow-ups (organisers: all; others: theirs and their projects’), optionally only overdue ones' })
  @ApiOkResponse({ type: [FollowUpDto] })
  listFollowUps(@CurrentActor() actor: Actor, @Query() query: FollowUpQueryDto): Promise<FollowUpDto[]> {
    return this.followUps.list(actor, query);
  }

  @Post('roadshow-follow-ups/:id/close')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer (complete) a follow-up — the person responsible or an organiser — or cancel it (an organiser)' })
  @ApiOkResponse({ type: FollowUpDto })
  closeFollowUp(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CloseFollowUpDto): Promise<FollowUpDto> {
    return this.followUps.close(actor, id, dto);
  }
}
