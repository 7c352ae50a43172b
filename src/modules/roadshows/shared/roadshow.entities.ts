import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '../../../platform/database/money';
import type { InterestStatus, ProjectStatus, SessionRequestStatus, SessionStatus } from './roadshow.state';
import type { SessionType } from './roadshow.constants';
import type { ReasonCode } from './reason-codes';

/** BIGINT byte counts as numbers (a deck is far below 2^53 bytes). */
const bytesTransformer = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

export interface TeamMember {
  name: string;
  role: string;
}

/** A window in which the presenters can pitch; none declared means any time. */
export interface AvailabilityWindow {
  from: string;
  to: string;
}

/** 路演项目 */
@Entity('roadshow_projects')
export class RoadshowProject {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() number: string;
  @Column() enterpriseId: string;
  @Column() submittedBy: string;
  @Column() title: string;
  @Column() summary: string;
  @Column() industry: string;
  @Column() stage: string;
  @Column({ type: 'bigint', transformer: fenTransformer }) financingAskFen: number;
  @Column() regionCode: string;
  @Column({ type: 'jsonb' }) team: TeamMember[];
  @Column({ type: 'jsonb' }) availability: AvailabilityWindow[];
  @Column({ type: 'text' }) status: ProjectStatus;
  @Column({ type: 'timestamptz' }) statusChangedAt: Date;
  @Column({ type: 'uuid', nullable: true }) screeningCaseId: string | null;
  @Column({ type: 'text', nullable: true }) decisionReason: string | null;
  @Column({ type: 'text', nullable: true }) deckKey: string | null;
  @Column({ type: 'text', nullable: true }) deckFileName: string | null;
  @Column({ type: 'text', nullable: true }) deckContentType: string | null;
  @Column({ type: 'bigint', nullable: true, transformer: bytesTransformer }) deckSizeBytes: number | null;
  @Column({ type: 'text', nullable: true }) deckSha256: string | null;
  @Column({ type: 'timestamptz', nullable: true }) deckUploadedAt: Date | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @Column() version: number;
}

/** 路演场地 */
@Entity('roadshow_venues')
export class RoadshowVenue {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column() cityCode: string;
  @Column() address: string;
  @Column() capacity: number;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}

/** 路演场次. The generated `during` range is not mapped: only the database reads it. */
@Entity('roadshow_sessions')
export class RoadshowSession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() title: string;
  @Column({ type: 'text' }) type: SessionType;
  @Column() hostCityCode: string;
  /** Co-host cities that accepted their invitation (roadshow_cohost_invitations): they moderate and read the statistics. */
  @Column({ type: 'text', array: true }) coHostCityCodes: string[];
  /** Co-host cities invited and not yet answered. */
  @Column({ type: 'text', array: true }) pendingCoHostCityCodes: string[];
  @Column({ type: 'uuid', nullable: true }) seriesId: string | null;
  @Column({ type: 'int', nullable: true }) seriesSeq: number | null;
  @Column({ type: 'uuid', nullable: true }) venueId: string | null;
  @Column({ type: 'text', nullable: true }) streamUrl: string | null;
  /** Who watches the live page besides organisers and presenters: 'registered' (confirmed RSVP) or 'public' (anyone signed in). */
  @Column({ type: 'text' }) liveAccess: 'registered' | 'public';
  @Column() capacity: number;
  @Column() seatsTaken: number;
  @Column({ type: 'timestamptz' }) startsAt: Date;
  @Column({ type: 'timestamptz' }) endsAt: Date;
  @Column() pitchMinutes: number;
  @Column() qaMinutes: number;
  @Column({ type: 'text', array: true }) themeIndustries: string[];
  @Column({ type: 'text' }) status: SessionStatus;
  @Column() agendaVersion: number;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column() version: number;
}

/** One pitch slot of a session: pitch + Q&A. */
@Entity('roadshow_slots')
export class RoadshowSlot {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() sessionId: string;
  @Column() projectId: string;
  @Column() slotIndex: number;
  @Column({ type: 'timestamptz' }) startsAt: Date;
  @Column({ type: 'timestamptz' }) endsAt: Date;
  @Column({ type: 'text' }) placedBy: 'scheduler' | 'manual';
  /** Deprecated English wording of `explanationCodes`, kept for clients that read it. */
  @Column({ type: 'jsonb' }) explanation: string[];
  @Column({ type: 'jsonb' }) explanationCodes: ReasonCode[];
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'text', nullable: true }) replayUrl: string | null;
  @Column({ type: 'timestamptz', nullable: true }) replayAttachedAt: Date | null;
}

/** 定制路演申请 */
@Entity('roadshow_session_requests')
export class SessionRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() requesterOrgId: string;
  @Column() requesterUserId: string;
  @Column({ type: 'text' }) requesterKind: 'enterprise' | 'investor' | 'park';
  @Column() title: string;
  @Column({ type: 'text', array: true }) industries: string[];
  @Column() hostCityCode: string;
  @Column({ type: 'timestamptz' }) preferredStart: Date;
  @Column({ type: 'timestamptz' }) preferredEnd: Date;
  @Column() expectedAudience: number;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'text' }) status: SessionRequestStatus;
  @Column({ type: 'uuid', nullable: true }) sessionId: string | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) decisionNote: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column() version: number;
}

/** 投资机构画像 */
@Entity('investor_profiles')
export class InvestorProfile {
  @PrimaryColumn('uuid') organizationId: string;
  @Column({ type: 'text', array: true }) focusIndustries: string[];
  @Column({ type: 'text', array: true }) focusStages: string[];
  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer }) ticketMinFen: number | null;
  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer }) ticketMaxFen: number | null;
  @Column({ type: 'uuid', nullable: true }) updatedBy: string | null;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}

/** 投资意向 */
@Entity('roadshow_interests')
export class RoadshowInterest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() projectId: string;
  @Column() investorOrgId: string;
  @Column({ type: 'text' }) status: InterestStatus;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column() createdBy: string;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
  @Column() version: number;
}
