import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsFen } from '../../../platform/validation/validation';
import { QualificationDto } from '../../organizations/dto/organization.dto';
import { FourEyesRequestDto } from '../../four-eyes/dto/four-eyes.dto';
import { FindingReasonDto } from '../../approvals/dto/approval.dto';

export class CreateApplicationDto {
  @ApiProperty() @IsUUID()
  programId: string;

  @IsFen({ min: 1, description: 'Requested face value, fen' })
  requestedFen: number;

  @ApiProperty({ example: '新型复合材料成分检测与力学性能测试' }) @IsString() @MinLength(4) @MaxLength(2000)
  purpose: string;
}

export class UpdateApplicationDto {
  @IsFen({ min: 1, required: false, description: 'Requested face value, fen' }) @IsOptional()
  requestedFen?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(4) @MaxLength(2000)
  purpose?: string;
}

export class SubmitApplicationDto {
  @ApiPropertyOptional({ description: 'What changed, when resubmitting a returned application' }) @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class ApplicationDto {
  @ApiProperty() id: string;
  @ApiProperty() number: string;
  @ApiProperty() programId: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() requestedFen: number;
  @ApiProperty() purpose: string;
  @ApiProperty({ enum: ['draft', 'submitted', 'in_review', 'approved', 'issued', 'rejected', 'returned', 'withdrawn'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'English wording, kept for API clients; read rejectionReasonCode where given' }) rejectionReason: string | null;
  @ApiProperty({ nullable: true, type: () => FindingReasonDto, description: 'The refusal as a code when the server refused (issuance: caps, budget, programme); null for a decider’s own words' })
  rejectionReasonCode: FindingReasonDto | null;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String }) voucherId: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() version: number;
}

export class VoucherDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'CQ330400-2026-000001' }) number: string;
  @ApiProperty() programId: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() faceValueFen: number;
  @ApiProperty({ description: 'The programme policy version it was issued under: its tiers and threshold price its orders' }) programVersion: number;
  @ApiProperty({ enum: ['enterprise', 'team'], description: 'Whose annual cap it counts against' }) applicantKind: string;
  @ApiProperty({ description: 'Unspent, not held' }) availableFen: number;
  @ApiProperty({ description: 'Held for orders in progress' }) heldFen: number;
  @ApiProperty() useBy: string;
  @ApiProperty() redeemBy: string;
  @ApiProperty({ enum: ['active', 'exhausted', 'expired', 'revoked'] }) status: string;
  @ApiProperty() issuedAt: string;
  @ApiPropertyOptional({
    type: FourEyesRequestDto,
    description: 'Set on a revocation answer when the amount needs a second person: the voucher stays as it is until the request is confirmed',
  })
  fourEyesRequest?: FourEyesRequestDto;
}

export class StatementLineDto {
  @ApiProperty() entryId: string;
  @ApiProperty({ enum: ['voucher_available', 'voucher_held'] }) account: string;
  @ApiProperty() movement: string;
  @ApiProperty({ description: 'Signed: + into the account, − out of it' }) amountFen: number;
  @ApiProperty() balanceAfterFen: number;
  @ApiProperty() referenceType: string;
  @ApiProperty() referenceId: string;
  @ApiProperty({ nullable: true, type: String }) memo: string | null;
  @ApiProperty() at: string;
}

export class VoucherStatementDto {
  @ApiProperty({ type: VoucherDto }) voucher: VoucherDto;
  @ApiProperty({ type: [StatementLineDto] }) lines: StatementLineDto[];
}

export class ListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  programId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30)
  status?: string;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class RevokeVoucherDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(1000)
  reason: string;
}

export class RunExpiryDto {
  @ApiPropertyOptional({ description: 'Treat this Shanghai calendar day as today (default: today)', example: '2027-01-01' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/)
  asOf?: string;
}

export class ExpiryReportDto {
  @ApiProperty() asOf: string;
  @ApiProperty() vouchersExpired: number;
  @ApiProperty() returnedToBudgetFen: number;
  @ApiProperty() ordersLapsed: number;
  @ApiProperty() claimsRejected: number;
}


export class LimitQualificationDto extends QualificationDto {
  @ApiProperty({ description: 'Verified and valid today (Asia/Shanghai), so it counts for the tier' }) validToday: boolean;
}

/** The caller's live hints for a voucher application form (申领额度提示), under the version in effect today. */
export class ApplicationLimitsDto {
  @ApiProperty() programId: string;
  @ApiProperty({ description: 'The policy version in effect today' }) policyVersion: number;
  @ApiProperty({ description: 'false when applications are refused today (not open, outside the window, past use-by, or no tier applies)' }) acceptingApplications: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why applications are refused today, in words' }) notAcceptingReason: string | null;
  @ApiProperty({ enum: ['enterprise', 'team'] }) applicantKind: string;
  @ApiProperty({ nullable: true, type: String, description: 'Code of the most favourable tier that applies today; null: none applies' }) tier: string | null;
  @ApiProperty({ nullable: true, type: String }) tierNameZh: string | null;
  @ApiProperty({ nullable: true, type: String }) tierNameEn: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The tier’s ratio, basis points' }) ratioBp: number | null;
  @ApiProperty({ nullable: true, type: Number }) perApplicationCapFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) fullCoverageThresholdFen: number | null;
  @ApiProperty({ nullable: true, enum: ['below', 'at_or_below'] }) fullCoverageComparison: string | null;
  @ApiProperty({ nullable: true, type: String }) opensOn: string | null;
  @ApiProperty({ nullable: true, type: String }) closesOn: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The applicant’s own annual cap: the enterprise’s, or the team’s for an innovation team; null: no cap' }) annualCapEnterpriseFen: number | null;
  @ApiProperty({ description: 'Subsidy committed to this applicant in the programme and not returned, as the issuance cap check counts it' }) enterpriseUsedFen: number;
  @ApiProperty({ nullable: true, type: Number, description: 'null: no cap' }) enterpriseRemainingFen: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'null when the applicant belongs to no actual-controller group or the policy has no group cap' }) annualCapGroupFen: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'null when the applicant belongs to no actual-controller group' }) groupUsedFen: number | null;
  @ApiProperty({ nullable: true, type: Number }) groupRemainingFen: number | null;
  @ApiProperty({ description: 'The budget not yet committed to vouchers' }) budgetAvailableFen: number;
  @ApiProperty({ description: 'min(per-application cap, applicant remaining, group remaining, budget available), over the caps there are' }) maxRequestableFen: number;
  @ApiProperty() useBy: string;
  @ApiProperty() redeemBy: string;
  @ApiProperty({ enum: ['provider_redeems', 'enterprise_redeems'] }) redemptionMode: string;
  @ApiProperty({ type: [LimitQualificationDto] }) qualifications: LimitQualificationDto[];
}
