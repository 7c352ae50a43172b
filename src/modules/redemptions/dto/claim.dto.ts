import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { FourEyesRequestDto } from '../../four-eyes/dto/four-eyes.dto';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsFen } from '../../../platform/validation/validation';

const DOC = /^[\p{L}\p{N}][\p{L}\p{N}\s\-_.:/()（）#№]{1,99}$/u;

export class SubmitClaimDto {
  @ApiProperty() @IsUUID()
  orderId: string;

  @ApiProperty({ example: 'HT-2026-0451', description: '合同编号' }) @IsString() @Matches(DOC, { message: 'contractNo must be 2-100 letters, digits and simple punctuation' })
  contractNo: string;

  @ApiProperty({ example: '044002600111-12345678', description: '发票号码, unique system-wide' }) @IsString() @Matches(DOC, { message: 'invoiceNo must be 2-100 letters, digits and simple punctuation' })
  invoiceNo: string;

  @ApiProperty({ example: 'BANK-TXN-20261120-7781', description: '付款凭证 (reference of the enterprise’s payment)' }) @IsString() @MinLength(2) @MaxLength(200)
  paymentProof: string;

  @ApiProperty({ example: 'SHJC-2026-001234', description: '检测报告编号' }) @IsString() @MinLength(2) @MaxLength(100)
  reportNo: string;
}

export class UpdateClaimDocumentsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(DOC)
  contractNo?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200)
  paymentProof?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(100)
  reportNo?: string;
}

export class ResubmitClaimDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class ClawBackDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(1000)
  reason: string;
}

export const CLAIM_STATUSES = ['submitted', 'in_review', 'approved', 'paid', 'rejected', 'returned', 'withdrawn', 'clawed_back', 'recovered'] as const;

export class ClaimQueryDto {
  @ApiPropertyOptional({ enum: CLAIM_STATUSES }) @IsOptional() @IsIn(CLAIM_STATUSES)
  status?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  programId?: string;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class ClaimDto {
  @ApiProperty() id: string;
  @ApiProperty() number: string;
  @ApiProperty() orderId: string;
  @ApiProperty() programId: string;
  @ApiProperty() voucherId: string;
  @ApiProperty() claimantOrgId: string;
  @ApiProperty() payeeOrgId: string;
  @ApiProperty({ enum: ['provider_redeems', 'enterprise_redeems'] }) mode: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() contractNo: string;
  @ApiProperty() invoiceNo: string;
  @ApiProperty() paymentProof: string;
  @ApiProperty() reportNo: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) paidAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'Paid back so far on a claw-back (recover movements), fen; 0 when nothing was clawed back' }) recoveredFen: number;
  @ApiProperty({ description: 'Still owed by the payee on a claw-back (claw_back minus recover movements), fen; 0 when nothing was clawed back or all was recovered' })
  outstandingFen: number;
  @ApiPropertyOptional({
    type: FourEyesRequestDto,
    description: 'Set on a claw-back answer when the amount needs a second person: the claim stays paid until the request is confirmed',
  })
  fourEyesRequest?: FourEyesRequestDto;
}

/** Money a payee paid back on a clawed-back claim (docs/domain.md, "Claw-backs and recoveries"). */
export class RecordRecoveryDto {
  @IsOptional()
  @IsFen({ min: 1, required: false, description: 'Amount received, fen; default: all that is still owed' })
  amountFen?: number;

  @ApiProperty({ example: '2026-11-20', description: 'Day the money arrived (Asia/Shanghai), not after today' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'receivedOn must be YYYY-MM-DD' })
  receivedOn: string;

  @ApiProperty({ example: 'JXCZ-20261120-0042', description: 'Bank reference of the incoming payment' })
  @IsString()
  @Matches(/\S/, { message: 'reference must not be blank' })
  @MaxLength(100)
  reference: string;

  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export class ClaimRecoveryDto {
  @ApiProperty() id: string;
  @ApiProperty() claimId: string;
  @ApiProperty() claimNumber: string;
  @ApiProperty({ description: 'The claim’s 1st, 2nd, … recovery' }) seq: number;
  @ApiProperty() programId: string;
  @ApiProperty({ description: 'fen' }) amountFen: number;
  @ApiProperty() receivedOn: string;
  @ApiProperty() reference: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() recordedById: string;
  @ApiProperty({ nullable: true, type: String }) recordedByName: string | null;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ description: 'The recover movement (clawback_receivable → budget_available)' }) ledgerTransactionId: string;
}

/** The answer to recording a recovery: the recovery and the claim as it stands afterwards. */
export class RecordedRecoveryDto extends ClaimRecoveryDto {
  @ApiProperty({ enum: CLAIM_STATUSES, description: 'recovered once nothing is owed any more' }) claimStatus: string;
  @ApiProperty({ description: 'Still owed after this recovery, fen' }) outstandingFen: number;
  @ApiProperty({ description: 'Paid back so far, this recovery included, fen' }) recoveredFen: number;
}
