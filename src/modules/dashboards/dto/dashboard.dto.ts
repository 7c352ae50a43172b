import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ProgramDashboardQueryDto {
  @ApiProperty({ description: 'The voucher programme' }) @IsUUID()
  programId: string;
}

export class DistrictBudgetRowDto {
  @ApiProperty({ example: '330402' }) regionCode: string;
  @ApiProperty({ example: '南湖区' }) regionName: string;
  @ApiProperty({ description: 'Vouchers issued to enterprises registered in the region' }) vouchersIssued: number;
  @ApiProperty({ description: 'Face value committed from the budget at issuance (commit movements)' }) committedFen: number;
  @ApiProperty({ description: 'Held now for orders in progress (voucher_held balances)' }) heldFen: number;
  @ApiProperty({ description: 'Captured by approved claims and not yet paid (payable)' }) capturedOrPayableFen: number;
  @ApiProperty({ description: 'Paid in settlement, less claw-backs (paid)' }) paidFen: number;
  @ApiProperty({ description: 'Still spendable on the vouchers (voucher_available balances)' }) availableToEnterprisesFen: number;
}

export class ProgramBudgetTotalsDto {
  @ApiProperty() budgetFen: number;
  @ApiProperty({ description: 'Budget not yet committed to vouchers (budget_available)' }) availableFen: number;
}

export class BudgetByDistrictDto {
  @ApiProperty() programId: string;
  @ApiProperty({ example: '330400' }) issuingRegionCode: string;
  @ApiProperty({ type: ProgramBudgetTotalsDto }) totals: ProgramBudgetTotalsDto;
  @ApiProperty({ type: [DistrictBudgetRowDto], description: 'Each district or county of the issuing region in the caller’s scope, in region order' })
  rows: DistrictBudgetRowDto[];
}

export class RegionFlowRowDto {
  @ApiProperty({ example: '330400' }) fromRegionCode: string;
  @ApiProperty({ example: '嘉兴市' }) fromRegionName: string;
  @ApiProperty({ example: '310000', description: 'The provider’s city (a district is counted with its city)' }) toRegionCode: string;
  @ApiProperty({ example: '上海市' }) toRegionName: string;
  @ApiProperty({ description: 'Orders, without cancelled, declined or rejected ones' }) orders: number;
  @ApiProperty({ description: 'Their subsidy: final once delivered, else held' }) subsidyFen: number;
  @ApiProperty({ description: 'Paid to payees in settlement for these orders, less claw-backs' }) paidFen: number;
}

export class CrossRegionFlowDto {
  @ApiProperty() programId: string;
  @ApiProperty({ type: [RegionFlowRowDto] }) rows: RegionFlowRowDto[];
}

export class StageTimeRowDto {
  @ApiProperty({ example: 'voucher_application' }) workflowKey: string;
  @ApiProperty({ example: 'district_review' }) stageKey: string;
  @ApiProperty({ description: 'Tasks decided' }) decided: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Hours from task creation to decision, 2 decimals; null while nothing was decided' }) avgHours: number | null;
  @ApiProperty({ nullable: true, type: Number }) p50Hours: number | null;
  @ApiProperty({ nullable: true, type: Number }) p90Hours: number | null;
  @ApiProperty({ description: 'Open tasks past their SLA' }) overdueOpen: number;
  @ApiProperty({ description: 'Open tasks' }) open: number;
}

export class ProviderMapRowDto {
  @ApiProperty({ example: '310000' }) regionCode: string;
  @ApiProperty({ example: '上海市' }) regionName: string;
  @ApiProperty({ nullable: true, type: Number }) lat: number | null;
  @ApiProperty({ nullable: true, type: Number }) lng: number | null;
  @ApiProperty({ description: 'Admitted, active providers registered in the region' }) activeProviders: number;
  @ApiProperty({ description: 'Their active catalogue services' }) services: number;
  @ApiProperty({ description: 'Distinct instrument names among those services' }) instruments: number;
  @ApiProperty({ description: 'Active providers holding CMA or CNAS' }) cmaOrCnas: number;
}
