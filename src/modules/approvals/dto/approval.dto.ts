import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID,
  Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { FINDING_CODES, FindingCode } from '../../../../packages/shared/finding-reasons';
import { Role } from '../../../platform/context/actor';
import { MAX_FEN, Trim } from '../../../platform/validation/validation';
import { REGION_SCOPES } from '../workflow-definition';

export const DECISIONS = ['approve', 'reject', 'return'] as const;

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS }) @IsIn(DECISIONS)
  decision: (typeof DECISIONS)[number];

  @ApiPropertyOptional({ description: 'Required when rejecting or returning' }) @IsOptional() @IsString() @MaxLength(2000)
  comment?: string;
}

export class BatchDecisionDto extends DecisionDto {
  @ApiProperty({ type: [String], maxItems: 100 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ArrayUnique() @IsUUID('all', { each: true })
  taskIds: string[];
}

export class TaskQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'approved', 'rejected', 'returned', 'cancelled'], default: 'open' })
  @IsOptional() @IsIn(['open', 'approved', 'rejected', 'returned', 'cancelled'])
  status?: string;

  @ApiPropertyOptional({ description: 'Stage key, e.g. district_review' }) @IsOptional() @IsString() @MaxLength(80)
  stage?: string;

  @ApiPropertyOptional({ description: 'Only tasks past their SLA' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60)
  subjectType?: string;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class ResubmitDto {
  @ApiPropertyOptional({ description: 'What was changed' }) @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

/** A provider admission under public notice (公示): anyone may look (no sign-in), registered organisations may object. Nothing beyond what the notice publishes. */
export class PublicNoticeDto {
  @ApiProperty() caseId: string;
  @ApiProperty() providerId: string;
  @ApiProperty() providerName: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ nullable: true, type: String, description: 'When the notice ends unless an objection stops it' }) noticeEndsAt: string | null;
}

export class ObjectionDto {
  @ApiProperty({ description: 'Why the public notice should not pass' }) @IsString() @MinLength(5) @MaxLength(2000)
  reason: string;
}

export class SlaDto {
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(365 * 24 * 3600)
  durationSeconds: number;

  @ApiProperty({ example: 0.5 }) @IsNumber() @Min(0.01) @Max(0.99)
  remindAtFraction: number;

  @ApiPropertyOptional({ enum: Role }) @IsOptional() @IsIn(Object.values(Role))
  escalateToRole?: Role;
}

export class StageDto {
  @ApiProperty({ example: 'district_review' }) @Matches(/^[a-z][a-z0-9_]{1,40}$/)
  key: string;

  @ApiProperty({ example: '区县科技局初审' }) @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: 'District S&T bureau first review', description: 'English name, shown to English readers (the Chinese name where there is none)', maxLength: 100 })
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(100)
  nameEn?: string;

  @ApiProperty({ enum: ['precheck', 'review', 'timer'] }) @IsIn(['precheck', 'review', 'timer'])
  kind: 'precheck' | 'review' | 'timer';

  @ApiPropertyOptional({ enum: Role, isArray: true }) @IsOptional() @IsArray() @ArrayMaxSize(4) @IsIn(Object.values(Role), { each: true })
  deciderRoles?: Role[];

  @ApiPropertyOptional({ enum: REGION_SCOPES }) @IsOptional() @IsIn(REGION_SCOPES)
  regionScope?: (typeof REGION_SCOPES)[number];

  @ApiPropertyOptional({ description: 'N-of-M: distinct approvals needed', minimum: 1 }) @IsOptional() @IsInt() @Min(1) @Max(10)
  requiredApprovals?: number;

  @ApiPropertyOptional({ type: SlaDto }) @IsOptional() @ValidateNested() @Type(() => SlaDto)
  sla?: SlaDto;

  @ApiPropertyOptional({ description: 'Timer stages: duration in seconds' }) @IsOptional() @IsInt() @Min(1) @Max(365 * 24 * 3600)
  timerSeconds?: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  objectionsStop?: boolean;
}

export class CreateDefinitionDto {
  @ApiProperty({ example: 'voucher_application', description: 'Publishing an existing key creates its next version' })
  @Matches(/^[a-z][a-z0-9_]{2,60}$/)
  key: string;

  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Innovation voucher application approval', description: 'English name, shown to English readers (the Chinese name where there is none)', maxLength: 200 })
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(200)
  nameEn?: string;

  @ApiProperty({ example: 'voucher_application' }) @Matches(/^[a-z][a-z0-9_]{2,60}$/)
  subjectType: string;

  @ApiProperty({ type: [StageDto] })
  @IsDefined() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => StageDto)
  stages: StageDto[];

  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'Auto-approve below this amount (fen) when every pre-check passes' })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_FEN)
  autoApproveBelowFen?: number | null;
}

export class DefinitionDto {
  @ApiProperty() id: string;
  @ApiProperty() key: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) nameEn: string | null;
  @ApiProperty() subjectType: string;
  @ApiProperty({ type: [StageDto] }) stages: StageDto[];
  @ApiProperty({ nullable: true, type: Number }) autoApproveBelowFen: number | null;
  @ApiProperty() isActive: boolean;
  @ApiProperty() createdAt: string;
}

/** A case's title values (packages/shared/case-title.ts), as the API describes them. */
const TITLE_PARAMS = {
  nullable: true,
  type: 'object',
  additionalProperties: { type: 'string' },
  description: "The title's values (numbers and names), worded with caseTitle.<subjectType> in the reader's language; null on cases opened before they existed",
} as const;

export class TaskDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() caseTitle: string;
  @ApiProperty(TITLE_PARAMS) caseTitleParams: Record<string, string> | null;
  @ApiProperty() subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiProperty() revision: number;
  @ApiProperty() stageIndex: number;
  @ApiProperty() stageKey: string;
  @ApiProperty() stageName: string;
  @ApiProperty({ nullable: true, type: String, description: "The stage's English name when its definition had one" }) stageNameEn: string | null;
  @ApiProperty({ enum: ['review', 'objection_review'] }) kind: string;
  @ApiProperty({ type: [String] }) deciderRoles: string[];
  @ApiProperty({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty() requiredApprovals: number;
  @ApiProperty() approvals: number;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) claimedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ nullable: true, type: String }) escalatedToRole: string | null;
  @ApiProperty({ nullable: true, type: Number }) amountFen: number | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
}

export class BatchDecisionResultDto {
  @ApiProperty() taskId: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional() status?: number;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() message?: string;
}

/** A reason as a stable code with parameters (packages/shared/finding-reasons.ts); the portal translates it. */
export class FindingReasonDto {
  @ApiProperty({ enum: FINDING_CODES, example: 'annual_cap_exceeded' }) code: FindingCode;
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] }, example: { scope: 'enterprise', capFen: 5000000 } })
  params: Record<string, string | number>;
}

export class FindingDto {
  @ApiProperty() check: string;
  @ApiProperty({ enum: ['pass', 'warn', 'fail'] }) outcome: string;
  @ApiProperty({ type: [String], description: 'English wording, kept for API clients; read reasonCodes where given' }) reasons: string[];
  @ApiProperty({ type: [FindingReasonDto], description: 'The reasons as codes (empty for checks that give text only, and for findings recorded before codes existed)' })
  reasonCodes: FindingReasonDto[];
  @ApiProperty() revision: number;
  @ApiProperty() stageIndex: number;
}

export class CaseDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty(TITLE_PARAMS) titleParams: Record<string, string> | null;
  @ApiProperty() definitionKey: string;
  @ApiProperty() definitionVersion: number;
  @ApiProperty() subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiProperty() status: string;
  @ApiProperty() currentStage: number;
  @ApiProperty({ nullable: true, type: String }) currentStageKey: string | null;
  @ApiProperty() revision: number;
  @ApiProperty({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) outcomeAppliedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) applicantOrgId: string | null;
  @ApiProperty() regionCode: string;
  @ApiProperty({ nullable: true, type: Number }) amountFen: number | null;
  @ApiProperty({ nullable: true, type: String }) timerDueAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
}

export class TimelineEntryDto {
  @ApiProperty() at: string;
  @ApiProperty() action: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: Object }) details: unknown;
}

/** One field changed since the previous revision; before and after are any JSON value. */
export class RevisionChangeDto {
  @ApiProperty({ example: 'amountFen' }) path: string;
  @ApiProperty({ nullable: true, description: 'Any JSON value (null when the field was added)' }) before: unknown;
  @ApiProperty({ nullable: true, description: 'Any JSON value (null when the field was removed)' }) after: unknown;
}

export class RevisionDto {
  @ApiProperty() revision: number;
  @ApiProperty({ type: Object }) snapshot: Record<string, unknown>;
  @ApiProperty({ type: [RevisionChangeDto], description: 'Fields changed since the previous revision' }) diff: RevisionChangeDto[];
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() createdAt: string;
}

export class DecisionRecordDto {
  @ApiProperty() taskId: string;
  @ApiProperty() revision: number;
  @ApiProperty() stageIndex: number;
  @ApiProperty() deciderUserId: string;
  @ApiProperty() decision: string;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty() at: string;
}

export class CaseDetailDto {
  @ApiProperty({ type: CaseDto }) case: CaseDto;
  @ApiProperty({ type: [TaskDto] }) tasks: TaskDto[];
  @ApiProperty({ type: [DecisionRecordDto] }) decisions: DecisionRecordDto[];
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
  @ApiProperty({ type: [RevisionDto] }) revisions: RevisionDto[];
  @ApiProperty({ type: [TimelineEntryDto] }) timeline: TimelineEntryDto[];
}

/** One stage of one workflow: decided count, average and p90 seconds from task creation to decision. */
export class ApprovalStageTimeDto {
  @ApiProperty() definitionKey: string;
  @ApiProperty() stageKey: string;
  @ApiProperty() decided: number;
  @ApiProperty() avgSeconds: number;
  @ApiProperty() p90Seconds: number;
}

export class ApprovalMetricsDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } },
    description: '{definitionKey: {status: count}}',
  })
  casesByStatus: Record<string, Record<string, number>>;
  @ApiProperty() openTasks: number;
  @ApiProperty() overdueTasks: number;
  @ApiProperty({ type: [ApprovalStageTimeDto], description: 'Per stage: decided count, average and p90 seconds from task creation to decision' })
  timeInStage: ApprovalStageTimeDto[];
}

export class ListCasesQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsIn(['open', 'prechecking', 'in_review', 'waiting', 'returned', 'approved', 'rejected', 'withdrawn'])
  status?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60)
  subjectType?: string;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0, description: 'Cases to skip, newest first: the next page is offset + limit' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  offset?: number;
}
