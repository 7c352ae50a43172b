import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

export class BatchQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  programId?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed', 'approved', 'paid', 'reconciled'] }) @IsOptional() @IsIn(['open', 'closed', 'approved', 'paid', 'reconciled'])
  status?: string;
}

export class PayBatchDto {
  @ApiProperty({ example: 'JXCZ-2026-11-0001', description: 'Treasury payment reference (国库支付凭证号)' }) @IsString() @MinLength(3) @MaxLength(100)
  paymentReference: string;
}

export class ReconcileBatchDto {
  @ApiProperty({ example: 'Bank statement 2026-11 matched: 12 transfers' }) @IsString() @MinLength(3) @MaxLength(2000)
  note: string;
}

export class StatementQueryDto {
  @ApiPropertyOptional({ enum: ['payee', 'partner_region'], default: 'payee' }) @IsOptional() @IsIn(['payee', 'partner_region'])
  by?: 'payee' | 'partner_region';
}

export class RunDailyDto {
  @ApiPropertyOptional({ description: 'Treat this Shanghai calendar day as today', example: '2027-04-01' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/)
  asOf?: string;
}

/** A person who took a step on a batch (four eyes: docs/security.md). */
export class BatchPersonDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
}

export class BatchDto {
  @ApiProperty() id: string;
  @ApiProperty() number: string;
  @ApiProperty() programId: string;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty({ enum: ['open', 'closed', 'approved', 'paid', 'reconciled'] }) status: string;
  @ApiProperty() totalFen: number;
  @ApiProperty() itemCount: number;
  @ApiProperty({ nullable: true, type: String }) paymentReference: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) paidAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reconciledAt: string | null;
  @ApiProperty({ nullable: true, type: BatchPersonDto, description: 'Who closed it; null when the cut-off closed it' }) closedBy: BatchPersonDto | null;
  @ApiProperty({ nullable: true, type: BatchPersonDto, description: 'Who approved it (may not be who closed it)' }) approvedBy: BatchPersonDto | null;
  @ApiProperty({ nullable: true, type: BatchPersonDto, description: 'Who marked it paid (may not be who approved it)' }) paidBy: BatchPersonDto | null;
  @ApiProperty() version: number;
}

export class StatementRowDto {
  @ApiProperty({ description: 'Payee organisation id, or partner region code' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) uscc: string | null;
  @ApiProperty() regionCode: string;
  @ApiProperty() claims: number;
  @ApiProperty() amountFen: number;
  @ApiProperty({ description: 'Yuan with two decimals, for people' }) amountYuan: string;
}

export class StatementDto {
  @ApiProperty({ type: BatchDto }) batch: BatchDto;
  @ApiProperty({ enum: ['payee', 'partner_region'] }) by: string;
  @ApiProperty({ type: [StatementRowDto] }) rows: StatementRowDto[];
  @ApiProperty() totalFen: number;
}

export class DailyRunDto {
  @ApiProperty() asOf: string;
  @ApiProperty() vouchersExpired: number;
  @ApiProperty() returnedToBudgetFen: number;
  @ApiProperty() ordersLapsed: number;
  @ApiProperty() claimsRejected: number;
  @ApiProperty() batchesClosed: number;
}

/** A daily run still going on a worker (or waiting for its retry) when the request stopped waiting for it. */
export class DailyRunQueuedDto {
  @ApiProperty({ description: 'The maintenance job running it (Bull Board, /queues)' }) jobId: string;
  @ApiProperty({ description: 'The job state when the answer was given: waiting, active, delayed (retry) or failed' }) state: string;
  @ApiPropertyOptional({ description: 'Why the last attempt failed' }) failedReason?: string;
}
