import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength } from 'class-validator';
import { SessionDto } from '../../sessions/dto/session.dto';

const QUESTION_STATUSES = ['pending', 'approved', 'rejected', 'answered'];

export class AskQuestionDto {
  @ApiProperty({ minLength: 2, maxLength: 500, example: '量产良率目前是多少？' }) @IsString() @MinLength(2) @MaxLength(500)
  body: string;

  @ApiPropertyOptional({ description: 'The slot the question is for; default: the slot presenting now' }) @IsOptional() @IsUUID()
  slotId?: string;
}

export class RejectQuestionDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'Told to the asker only' }) @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}

export class AnswerQuestionDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000)
  answer: string;
}

export class SetPresenterDto {
  @ApiProperty({ description: 'The slot presenting from now on' }) @IsUUID()
  slotId: string;
}

export class AttachReplayDto {
  @ApiProperty({ description: 'The replay: an HLS playlist or a provider’s player page, https on a host of LIVE_STREAM_HOSTS', maxLength: 500 })
  @IsUrl({ protocols: ['https'], require_protocol: true }) @MaxLength(500)
  url: string;
}

export class LiveInterestDto {
  @ApiProperty({ description: 'The slot the viewer saw presenting; refused (409) when another slot presents by now' }) @IsUUID()
  slotId: string;
}

export class PlayerDto {
  @ApiProperty({ enum: ['hls', 'iframe', 'link'], description: 'hls: a <video>; iframe: a provider’s player; link: no longer on an allowed host, only linked' }) kind: string;
  @ApiProperty() url: string;
}

export class LiveQuestionDto {
  @ApiProperty() id: string;
  @ApiProperty() sessionId: string;
  @ApiProperty({ nullable: true, type: String }) slotId: string | null;
  @ApiProperty() projectId: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: QUESTION_STATUSES }) status: string;
  @ApiProperty() askedBy: string;
  @ApiProperty({ description: 'The asker’s organisation' }) askerOrganization: string;
  @ApiProperty({ nullable: true, type: String, description: 'Shown to the asker and the moderators' }) rejectReason: string | null;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'Grows with every change: a client keeps the highest it saw' }) version: number;
}

export class LiveSlotDto {
  @ApiProperty() slotId: string;
  @ApiProperty() slotIndex: number;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() projectId: string;
  @ApiProperty() projectNumber: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() industry: string;
  @ApiProperty({ type: PlayerDto, nullable: true }) replay: PlayerDto | null;
}

export class PresentingDto {
  @ApiProperty({ nullable: true, type: String }) slotId: string | null;
  @ApiProperty({ enum: ['organiser', 'schedule'], nullable: true, type: String, description: 'organiser: set by an organiser; schedule: from the slot times' }) source: string | null;
}

export class LiveViewerDto {
  @ApiProperty({ description: 'An organiser of the session: moderates, sets the presenter, attaches replays' }) moderator: boolean;
  @ApiProperty({ type: [String], description: 'Projects of the viewer’s organisation presenting in the session (their questions it answers)' }) presenterProjectIds: string[];
  @ApiProperty({ description: 'Questions are open (the session is published)' }) canAsk: boolean;
  @ApiProperty({ description: 'An investor: may press interested' }) investor: boolean;
  @ApiProperty({ type: [String], description: 'Projects of the session the viewer’s organisation already registered interest in' }) interestedProjectIds: string[];
}

export class LiveRoomDto {
  @ApiProperty({ type: SessionDto }) session: SessionDto;
  @ApiProperty({ enum: ['upcoming', 'live', 'ended', 'cancelled'], description: 'ended: the replay page' }) phase: string;
  @ApiProperty({ type: PlayerDto, nullable: true }) player: PlayerDto | null;
  @ApiProperty({ type: [LiveSlotDto] }) slots: LiveSlotDto[];
  @ApiProperty({ type: PresentingDto }) presenting: PresentingDto;
  @ApiProperty({ nullable: true, type: String, description: 'The slot an organiser set presenting, if any' }) organiserSlotId: string | null;
  @ApiProperty({ type: [LiveQuestionDto], description: 'Approved and answered questions; the viewer’s own in any state; moderators all' }) questions: LiveQuestionDto[];
  @ApiProperty({ type: LiveViewerDto }) viewer: LiveViewerDto;
  @ApiProperty({ description: 'The last live event included: open the event stream with Last-Event-ID set to it' }) lastEventId: number;
  @ApiProperty() serverTime: string;
}

export class RoleCountDto {
  @ApiProperty() role: string;
  @ApiProperty() count: number;
}

export class LiveStatsDto {
  @ApiProperty() sessionId: string;
  @ApiProperty({ description: 'People who opened the live or replay page (each once)' }) attendees: number;
  @ApiProperty({ type: [RoleCountDto] }) attendeesByRole: RoleCountDto[];
  @ApiProperty() questionsAsked: number;
  @ApiProperty() questionsPending: number;
  @ApiProperty({ description: 'Approved, answered or not' }) questionsApproved: number;
  @ApiProperty() questionsRejected: number;
  @ApiProperty() questionsAnswered: number;
}
