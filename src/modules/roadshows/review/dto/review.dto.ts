import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CONFLICT_RELATIONS, EXCLUSION_REASONS, ROUND_DECISIONS } from '../review.state';

export class RubricCriterionDto {
  @ApiProperty({ example: 'technology' }) @Matches(/^[a-z][a-z0-9_]{1,39}$/)
  key: string;
  @ApiProperty({ example: '技术先进性' }) @IsString() @MinLength(1) @MaxLength(60)
  name: string;
  @ApiProperty({ example: 'Technology' }) @IsString() @MinLength(1) @MaxLength(60)
  nameEn: string;
  @ApiProperty({ example: 30, description: 'Whole percent; the weights of a rubric add up to 100' }) @IsInt() @Min(1) @Max(100)
  weight: number;
}

export class PublishRubricDto {
  @ApiProperty({ example: 'default', description: 'The rubric whose next version this is; screening rounds use the active version of "default"' }) @Matches(/^[a-z][a-z0-9_]{1,39}$/)
  key: string;
  @ApiProperty({ example: '路演项目评审标准' }) @IsString() @MinLength(1) @MaxLength(100)
  name: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(0) @Max(99)
  scaleMin: number;
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(100)
  scaleMax: number;
  @ApiProperty({ type: [RubricCriterionDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => RubricCriterionDto)
  criteria: RubricCriterionDto[];
}

export class RubricDto {
  @ApiProperty() id: string;
  @ApiProperty() key: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty() scaleMin: number;
  @ApiProperty() scaleMax: number;
  @ApiProperty({ type: [RubricCriterionDto] }) criteria: RubricCriterionDto[];
  @ApiProperty() isActive: boolean;
  @ApiProperty() createdAt: string;
}

export class UpsertExpertDto {
  @ApiPropertyOptional({ type: [String], example: ['new_materials'], description: 'Fields of expertise (industries)' }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(60, { each: true })
  expertise?: string[];
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean()
  active?: boolean;
}

export class ExpertDto {
  @ApiProperty() userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() role: string;
  @ApiProperty({ type: [String] }) expertise: string[];
  @ApiProperty() active: boolean;
}

export class RoundSettingsDto {
  @ApiPropertyOptional({ description: 'Blind review: reviewers do not see who applied' }) @IsOptional() @IsBoolean()
  blind?: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 20, description: 'Submitted reviews needed before a decision' }) @IsOptional() @IsInt() @Min(1) @Max(20)
  minReviews?: number;
}

export class AssignReviewerDto {
  @ApiProperty({ description: 'A user of the expert pool' }) @IsUUID()
  userId: string;
}

export class DecideRoundDto {
  @ApiProperty({ enum: ROUND_DECISIONS, description: 'pass (通过), reject (不通过) or revise (修改后重新提交)' }) @IsIn(ROUND_DECISIONS)
  decision: (typeof ROUND_DECISIONS)[number];
  @ApiPropertyOptional({ description: 'Required to reject or ask for a revision; the enterprise reads it' }) @IsOptional() @IsString() @MaxLength(2000)
  comment?: string;
}

export class DeclareConflictDto {
  @ApiProperty({ description: 'true: I have a conflict of interest with this project (I am excluded)' }) @IsBoolean()
  conflicted: boolean;
  @ApiPropertyOptional({ enum: CONFLICT_RELATIONS }) @IsOptional() @IsIn(CONFLICT_RELATIONS)
  relation?: (typeof CONFLICT_RELATIONS)[number];
  @ApiPropertyOptional({ description: 'Required with a conflict: the relation in a sentence' }) @IsOptional() @IsString() @MaxLength(1000)
  reason?: string;
}

export class SubmitReviewDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { technology: 8, market: 7, team: 8, business_model: 6, landing_intent: 9 }, description: 'One whole score per criterion of the round’s rubric, within its scale' })
  @IsObject()
  scores: Record<string, number>;
  @ApiProperty({ description: 'The review in words (10–4000 characters)' }) @IsString() @MinLength(10) @MaxLength(4000)
  comment: string;
  @ApiProperty({ description: 'The enterprise may read this comment (never who wrote it in a blind round)' }) @IsBoolean()
  commentShareable: boolean;
}

export class ScoreAggregateDto {
  @ApiProperty() reviews: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean of the reviewers’ weighted scores, on the rubric’s scale' }) weightedMean: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Mean score per criterion' }) criteria: Record<string, number>;
}

export class AssignmentDto {
  @ApiProperty() id: string;
  @ApiProperty() roundId: string;
  @ApiProperty() reviewerUserId: string;
  @ApiProperty() reviewerName: string;
  @ApiProperty() reviewerOrganization: string;
  @ApiProperty({ enum: ['assigned', 'cleared', 'excluded', 'submitted'] }) status: string;
  @ApiProperty({ nullable: true, type: String, enum: EXCLUSION_REASONS }) exclusionReason: string | null;
  @ApiProperty({ nullable: true, type: String }) conflictRelation: string | null;
  @ApiProperty({ nullable: true, type: String }) conflictNote: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: { type: 'integer' } }) scores: Record<string, number> | null;
  @ApiProperty({ nullable: true, type: Number }) weightedScore: number | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty() commentShareable: boolean;
  @ApiProperty() assignedAt: string;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
}

export class RoundDto {
  @ApiProperty() id: string;
  @ApiProperty() projectId: string;
  @ApiProperty() projectNumber: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty() applicantName: string;
  @ApiProperty() roundNo: number;
  @ApiProperty() caseId: string;
  @ApiProperty() blind: boolean;
  @ApiProperty() minReviews: number;
  @ApiProperty({ enum: ['open', 'passed', 'rejected', 'revise_requested', 'withdrawn'] }) status: string;
  @ApiProperty({ type: RubricDto }) rubric: RubricDto;
  @ApiProperty({ type: [AssignmentDto] }) assignments: AssignmentDto[];
  @ApiProperty({ type: ScoreAggregateDto }) aggregate: ScoreAggregateDto;
  @ApiProperty({ description: 'Whether the caller may decide now: an organiser, not assigned to this round, minimum reached, round open' }) canDecide: boolean;
  @ApiProperty({ nullable: true, type: String }) decisionComment: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty() openedAt: string;
}

export class RoundQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'passed', 'rejected', 'revise_requested', 'withdrawn'] }) @IsOptional() @IsIn(['open', 'passed', 'rejected', 'revise_requested', 'withdrawn'])
  status?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  projectId?: string;
}

/** What a reviewer sees of the project: in a blind round nothing that names the applicant. */
export class ReviewedProjectDto {
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty() industry: string;
  @ApiProperty() stage: string;
  @ApiProperty() financingAskFen: number;
  @ApiProperty({ nullable: true, type: String, description: 'null in a blind round' }) projectNumber: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null in a blind round' }) applicantName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null in a blind round' }) regionCode: string | null;
  @ApiProperty({ type: [String], description: 'Team members’ roles; their names only outside blind rounds' }) team: string[];
  @ApiProperty() hasDeck: boolean;
}

export class ReviewTaskDto {
  @ApiProperty() assignmentId: string;
  @ApiProperty() roundId: string;
  @ApiProperty({ description: 'A code for the round that names nobody, e.g. R-3F2A9C-1' }) roundCode: string;
  @ApiProperty() roundNo: number;
  @ApiProperty() blind: boolean;
  @ApiProperty({ enum: ['open', 'passed', 'rejected', 'revise_requested', 'withdrawn'] }) roundStatus: string;
  @ApiProperty({ enum: ['assigned', 'cleared', 'excluded', 'submitted'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) exclusionReason: string | null;
  @ApiProperty({ description: 'Before declaring: industry and stage (and, outside blind rounds, the applicant) to judge a conflict' }) industry: string;
  @ApiProperty() stage: string;
  @ApiProperty({ nullable: true, type: String, description: 'Outside blind rounds only' }) applicantName: string | null;
  @ApiProperty({ nullable: true, type: ReviewedProjectDto, description: 'Once cleared of conflicts' }) project: ReviewedProjectDto | null;
  @ApiProperty({ type: RubricDto }) rubric: RubricDto;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: { type: 'integer' } }) scores: Record<string, number> | null;
  @ApiProperty({ nullable: true, type: Number }) weightedScore: number | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty() assignedAt: string;
}

export class SharedCommentDto {
  @ApiProperty({ nullable: true, type: String, description: 'null in a blind round' }) reviewerName: string | null;
  @ApiProperty() comment: string;
}

/** What the enterprise reads of a round of its project. */
export class ApplicantRoundDto {
  @ApiProperty() roundNo: number;
  @ApiProperty() blind: boolean;
  @ApiProperty({ enum: ['open', 'passed', 'rejected', 'revise_requested', 'withdrawn'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) decisionComment: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty() openedAt: string;
  @ApiProperty({ type: ScoreAggregateDto, nullable: true, description: 'Once decided' }) aggregate: ScoreAggregateDto | null;
  @ApiProperty({ type: RubricDto }) rubric: RubricDto;
  @ApiProperty({ type: [SharedCommentDto], description: 'Comments reviewers marked shareable, once decided' }) comments: SharedCommentDto[];
}
