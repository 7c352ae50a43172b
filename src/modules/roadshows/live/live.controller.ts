import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, CurrentActor, Roles } from '../../../platform/auth/access.decorators';
import { Actor, Role } from '../../../platform/context/actor';
import { InterestDto } from '../investors/dto/investor.dto';
import { AnswerQuestionDto, AskQuestionDto, AttachReplayDto, LiveInterestDto, LiveQuestionDto, LiveRoomDto, LiveSlotDto, LiveStatsDto, PresentingDto, RejectQuestionDto, SetPresenterDto } from './dto/live.dto';
import { ORGANISER_ROLES } from './live-access';
import { LiveHub } from './live-hub';
import { LiveQuestionsService } from './live-questions.service';
import { LiveRoomService } from './live-room.service';

/** The live page of a cloud or hybrid session (云路演): state, event stream, Q&A, presenter, interest, replays, statistics. */
@ApiTags('roadshow live')
@Controller('roadshow-sessions/:id')
export class LiveController {
  constructor(
    private readonly room: LiveRoomService,
    private readonly questions: LiveQuestionsService,
    private readonly hub: LiveHub,
  ) {}

  @Get('live')
  @Authenticated()
  @ApiOperation({ summary: 'The live (or, once finished, replay) page: agenda, presenter, player, questions the viewer may see; counts the viewer as attending' })
  @ApiOkResponse({ type: LiveRoomDto })
  @ApiForbiddenResponse({ description: 'LIVE_NOT_ADMITTED: the live page is for the registered audience (RSVP first)' })
  live(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<LiveRoomDto> {
    return this.room.room(actor, id);
  }

  @Get('live/events')
  @Authenticated()
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      'Server-sent events of the live page: question.asked / question.rejected (moderators and the asker), question.approved, question.answered, presenter.changed, replay.attached, session.finished, session.cancelled. Each event id is the session’s event number: reconnect with Last-Event-ID to get what was missed. A heartbeat comment every LIVE_HEARTBEAT_MS; the stream ends when the access token expires (event `expired`).',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event (what GET …/live answered as lastEventId, or the last id received)' })
  @ApiQuery({ name: 'lastEventId', required: false, type: String, description: 'The same, for clients that cannot set the header' })
  @ApiOkResponse({ description: 'text/event-stream', schema: { type: 'string' } })
  @ApiServiceUnavailableResponse({ description: 'This process holds LIVE_MAX_CONNECTIONS streams: retry after Retry-After' })
  async events(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('last-event-id') header: string | undefined,
    @Query('lastEventId') query: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.hub.open(actor, id, header ?? query, req, res);
  }

  @Post('live/questions')
  @Authenticated()
  @ApiOperation({ summary: 'Ask a question (2–500 characters) for the slot presenting now, or a named slot; moderators see it at once, everyone once approved' })
  @ApiCreatedResponse({ type: LiveQuestionDto })
  ask(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AskQuestionDto): Promise<LiveQuestionDto> {
    return this.questions.ask(actor, id, dto);
  }

  @Post('live/questions/:questionId/approve')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a pending question (the session’s organisers; never one’s own): every viewer sees it' })
  @ApiOkResponse({ type: LiveQuestionDto })
  @ApiConflictResponse({ description: 'ILLEGAL_TRANSITION: not pending' })
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('questionId', ParseUUIDPipe) questionId: string): Promise<LiveQuestionDto> {
    return this.questions.moderate(actor, id, questionId, 'approve');
  }

  @Post('live/questions/:questionId/reject')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a pending question, with an optional reason for the asker' })
  @ApiOkResponse({ type: LiveQuestionDto })
  reject(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('questionId', ParseUUIDPipe) questionId: string, @Body() dto: RejectQuestionDto): Promise<LiveQuestionDto> {
    return this.questions.moderate(actor, id, questionId, 'reject', dto.reason);
  }

  @Post('live/questions/:questionId/answer')
  @Roles(Role.EnterpriseUser)
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer an approved question of one’s own slot (the presenting enterprise)' })
  @ApiOkResponse({ type: LiveQuestionDto })
  answer(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('questionId', ParseUUIDPipe) questionId: string, @Body() dto: AnswerQuestionDto): Promise<LiveQuestionDto> {
    return this.questions.answer(actor, id, questionId, dto);
  }

  @Post('live/presenter')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the slot presenting now (otherwise the slot times decide)' })
  @ApiOkResponse({ type: PresentingDto })
  presenter(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SetPresenterDto): Promise<PresentingDto> {
    return this.room.setPresenter(actor, id, dto.slotId);
  }

  @Post('live/interest')
  @Roles(Role.Investor)
  @ApiOperation({ summary: '"Interested" in the project presenting now: registers the organisation’s interest (投资意向), once per project' })
  @ApiCreatedResponse({ type: InterestDto })
  @ApiConflictResponse({ description: 'Another slot presents by now (details.presentingSlotId), or ALREADY_EXISTS' })
  interest(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LiveInterestDto): Promise<InterestDto> {
    return this.room.interest(actor, id, dto.slotId);
  }

  @Post('slots/:slotId/replay')
  @Roles(...ORGANISER_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Attach (or replace) a slot’s replay once the session is finished' })
  @ApiOkResponse({ type: LiveSlotDto })
  replay(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('slotId', ParseUUIDPipe) slotId: string, @Body() dto: AttachReplayDto): Promise<LiveSlotDto> {
    return this.room.attachReplay(actor, id, slotId, dto.url);
  }

  @Get('live/stats')
  @Roles(...ORGANISER_ROLES)
  @ApiOperation({ summary: 'The session’s live statistics: attendance (each person once) and questions asked, approved, rejected, answered' })
  @ApiOkResponse({ type: LiveStatsDto })
  stats(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<LiveStatsDto> {
    return this.room.stats(actor, id);
  }
}
